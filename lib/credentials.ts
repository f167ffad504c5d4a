/**
 * The credential check behind the sign-in form, apart from Auth.js so it can be
 * tested on the real database: count the attempt first (per client address,
 * then per email), then — only if both allow it — check the password.
 */
import type { Db } from '@/db';
import { getUserForSignIn } from '@/db/queries/users';
import type { Role } from '@/db/schema/users';
import {
  addressKey,
  clearAttempts,
  countAttempt,
  MAX_FAILURES,
  MAX_PER_ADDRESS,
  normaliseEmail,
  refundAttempt,
} from '@/lib/login-throttle';
import { hashPassword, verifyPassword } from '@/lib/password';

export type SignedInUser = { id: string; name: string; email: string; role: Role; sessionVersion: number };

export type CredentialsResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: 'wrong' }
  /** `scope` says which limit refused it: the email's or the client address's. */
  | { ok: false; reason: 'locked'; scope: 'email' | 'address'; minutesLeft: number };

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0'));

/**
 * The client's address as the nearest hop recorded it: the LAST entry of
 * X-Forwarded-For (Next.js fills the header with the socket's address when it
 * is absent; a reverse proxy such as Caddy or nginx sets or appends the
 * address it saw), else X-Real-IP, else 'unknown'. The leftmost entry is
 * whatever the client claimed, so it is not used. Without a proxy a client
 * can still send its own X-Forwarded-For, which is why the per-email limit
 * never depends on this.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const address = forwarded?.at(-1) ?? headers.get('x-real-ip')?.trim() ?? '';
  // An IPv4 client on a dual-stack socket reads as ::ffff:1.2.3.4: one address, one key.
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '') || 'unknown';
}

export async function checkCredentials(
  db: Db,
  input: { email: string; password: string; address: string },
  /** Injectable for tests that count how many passwords are actually checked. */
  verify: (hash: string, password: string) => Promise<boolean> = verifyPassword,
): Promise<CredentialsResult> {
  const email = normaliseEmail(input.email);
  const address = addressKey(input.address);

  const byAddress = await countAttempt(db, address, MAX_PER_ADDRESS);
  if (!byAddress.allowed) return { ok: false, reason: 'locked', scope: 'address', minutesLeft: byAddress.minutesLeft };
  const byEmail = await countAttempt(db, email, MAX_FAILURES);
  if (!byEmail.allowed) return { ok: false, reason: 'locked', scope: 'email', minutesLeft: byEmail.minutesLeft };

  const user = await getUserForSignIn(db, email);
  // An unknown email costs a hash check too, so timing does not tell which emails exist.
  const passwordOk = await verify(user?.password ?? (await dummyHash()), input.password);
  if (user && user.active && passwordOk) {
    await clearAttempts(db, email);
    await refundAttempt(db, address, MAX_PER_ADDRESS);
    return {
      ok: true,
      user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.session_version },
    };
  }
  if (byEmail.lockedIfWrong) return { ok: false, reason: 'locked', scope: 'email', minutesLeft: byEmail.lockedIfWrong };
  if (byAddress.lockedIfWrong)
    return { ok: false, reason: 'locked', scope: 'address', minutesLeft: byAddress.lockedIfWrong };
  return { ok: false, reason: 'wrong' };
}
