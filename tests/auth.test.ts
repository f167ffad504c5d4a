/**
 * Passwords (argon2id), the sign-in throttle (lib/login-throttle.ts) and the
 * credential check (lib/credentials.ts) against the real login_attempts table,
 * session versions (lib/session-check.ts, db/services/users.ts), and
 * DESIGN.md's role matrix.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { loginAttempts, ROLES, users, type Role } from '@/db/schema';
import { endSessions, resetPassword, updateUser } from '@/db/services/users';
import { checkCredentials, clientAddress, type CredentialsResult } from '@/lib/credentials';
import {
  addressKey,
  clearAttempts,
  countAttempt,
  getLockState,
  LOCK_MINUTES,
  MAX_FAILURES,
  MAX_PER_ADDRESS,
  normaliseEmail,
  refundAttempt,
} from '@/lib/login-throttle';
import { hashPassword, verifyPassword } from '@/lib/password';
import { can, type Permission } from '@/lib/permissions';
import { sessionIsCurrent, userForSession } from '@/lib/session-check';
import { ulid } from '@/lib/ulid';

import { makeUser } from './helpers/factories';

const uniqueEmail = () => `throttle-${ulid().toLowerCase()}@example.test`;
/** A made-up client address of its own per test (the shared database keeps every test's rows). */
const uniqueAddress = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${ulid().slice(-6)}`;

async function attempts(key: string) {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.email, key));
  return row;
}

/** A verify that counts the passwords it was asked to check, and which. */
function countingVerify() {
  const checked: string[] = [];
  const verify = async (hash: string, password: string) => {
    checked.push(password);
    return verifyPassword(hash, password);
  };
  return { checked, verify };
}

const PASSWORD = 'right-password-1';
async function realUser(over: { active?: boolean; role?: Role } = {}) {
  return makeUser({ email: uniqueEmail(), password: await hashPassword(PASSWORD), ...over });
}

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hashed = await hashPassword('correct horse battery staple');
    expect(hashed.startsWith('$argon2id$')).toBe(true);
    expect(hashed).not.toContain('correct horse');
    expect(await verifyPassword(hashed, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hashed, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword(hashed, '')).toBe(false);
  });

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const a = await hashPassword('s3cret-pass');
    const b = await hashPassword('s3cret-pass');
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 's3cret-pass')).toBe(true);
    expect(await verifyPassword(b, 's3cret-pass')).toBe(true);
  });

  it('a garbage or empty hash verifies nothing (and does not throw)', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    expect(await verifyPassword('', 'anything')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$garbage', 'anything')).toBe(false);
  });
});

describe('login throttle: counting attempts', () => {
  it('uses 5 per email, 20 per address, 15 minutes', () => {
    expect(MAX_FAILURES).toBe(5);
    expect(MAX_PER_ADDRESS).toBe(20);
    expect(LOCK_MINUTES).toBe(15);
  });

  it('the 5th attempt is the last one allowed and locks if wrong; the 6th is refused and changes nothing', async () => {
    const key = uniqueEmail();
    expect(await getLockState(db, key)).toEqual({ locked: false });
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await countAttempt(db, key, MAX_FAILURES), `attempt ${i}`).toEqual({
        allowed: true,
        count: i,
        lockedIfWrong: null,
      });
    }
    expect(await countAttempt(db, key, MAX_FAILURES)).toEqual({ allowed: true, count: 5, lockedIfWrong: 15 });
    expect(await getLockState(db, key)).toEqual({ locked: true, minutesLeft: 15 });
    const before = await attempts(key);
    expect(await countAttempt(db, key, MAX_FAILURES)).toEqual({ allowed: false, minutesLeft: 15 });
    // A refused attempt neither counts nor extends the lock.
    expect(await attempts(key)).toEqual(before);
  });

  it('a streak whose start is older than the lock window starts again at 1', async () => {
    const key = uniqueEmail();
    for (let i = 0; i < 4; i++) await countAttempt(db, key, MAX_FAILURES);
    await db.execute(
      sql`update login_attempts set last_failed_at = utc_timestamp() - interval 20 minute where email = ${key}`,
    );
    expect(await countAttempt(db, key, MAX_FAILURES)).toEqual({ allowed: true, count: 1, lockedIfWrong: null });
  });

  it('an expired lock unlocks, and the next attempt starts a new streak', async () => {
    const key = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await countAttempt(db, key, MAX_FAILURES);
    await db.execute(
      sql`update login_attempts set last_failed_at = utc_timestamp() - interval 16 minute, locked_until = utc_timestamp() - interval 1 minute where email = ${key}`,
    );
    expect(await getLockState(db, key)).toEqual({ locked: false });
    expect(await countAttempt(db, key, MAX_FAILURES)).toEqual({ allowed: true, count: 1, lockedIfWrong: null });
    expect((await attempts(key))?.locked_until).toBeNull();
  });

  it('reports the minutes left, rounded up', async () => {
    const key = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await countAttempt(db, key, MAX_FAILURES);
    await db.execute(
      sql`update login_attempts set locked_until = utc_timestamp() + interval 90 second where email = ${key}`,
    );
    expect(await getLockState(db, key)).toEqual({ locked: true, minutesLeft: 2 });
    expect(await countAttempt(db, key, MAX_FAILURES)).toEqual({ allowed: false, minutesLeft: 2 });
  });

  it('40 parallel attempts on a new key: exactly 5 are allowed, counted 1…5', async () => {
    const key = uniqueEmail();
    const results = await Promise.all(Array.from({ length: 40 }, () => countAttempt(db, key, MAX_FAILURES)));
    const allowed = results.filter((r) => r.allowed);
    expect(allowed.map((r) => r.count).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(results.filter((r) => !r.allowed)).toHaveLength(35);
    expect((await attempts(key))?.failures).toBe(5);
  });

  it('clearing removes the streak; a refund gives one attempt back and lifts the lock it set', async () => {
    const key = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await countAttempt(db, key, MAX_FAILURES);
    await refundAttempt(db, key, MAX_FAILURES);
    expect(await getLockState(db, key)).toEqual({ locked: false });
    expect((await attempts(key))?.failures).toBe(4);
    await clearAttempts(db, key);
    expect(await attempts(key)).toBeUndefined();
  });
});

describe('client address', () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it('is the last X-Forwarded-For hop (the one the nearest proxy or Next.js recorded), else X-Real-IP, else unknown', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4, 198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientAddress(h({ 'x-forwarded-for': '::ffff:127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientAddress(h({ 'x-forwarded-for': '2001:db8::1' }))).toBe('2001:db8::1');
    expect(clientAddress(h({ 'x-real-ip': '192.168.1.23' }))).toBe('192.168.1.23');
    expect(clientAddress(h({}))).toBe('unknown');
  });

  it('keys addresses apart from emails, bounded in length', () => {
    expect(addressKey('192.168.1.23')).toBe('ip:192.168.1.23');
    expect(addressKey('x'.repeat(500))).toHaveLength(3 + 64);
    expect(addressKey('')).toBe('ip:unknown');
  });
});

describe('checkCredentials: count first, then check', () => {
  const results = (rs: CredentialsResult[]) => ({
    ok: rs.filter((r) => r.ok).length,
    lockedEmail: rs.filter((r) => !r.ok && r.reason === 'locked' && r.scope === 'email').length,
  });

  it('signs in with the right password and carries the session version', async () => {
    const user = await realUser();
    const r = await checkCredentials(db, {
      email: ` ${user.email.toUpperCase()} `,
      password: PASSWORD,
      address: uniqueAddress(),
    });
    expect(r).toEqual({
      ok: true,
      user: { id: user.id, name: user.name, email: user.email, role: 'employee', sessionVersion: 0 },
    });
  });

  it('40 parallel wrong attempts, each from another address, with the right password 21st: 5 passwords checked, none signs in, the right one afterwards is refused', async () => {
    const user = await realUser();
    const { checked, verify } = countingVerify();
    const burst = Array.from({ length: 40 }, (_, i) => (i === 20 ? PASSWORD : `wrong-${i}`));
    const rs = await Promise.all(
      burst.map((password) => checkCredentials(db, { email: user.email, password, address: uniqueAddress() }, verify)),
    );
    expect(checked).toHaveLength(MAX_FAILURES);
    expect(checked).not.toContain(PASSWORD);
    expect(rs[20]).toMatchObject({ ok: false, reason: 'locked', scope: 'email' });
    expect(results(rs)).toEqual({ ok: 0, lockedEmail: 36 }); // 35 refused + the 5th failure, which locked
    expect(rs.filter((r) => !r.ok && r.reason === 'wrong')).toHaveLength(4);

    // After the burst, from a fresh address: still locked, and the password is not even checked.
    const after = await checkCredentials(
      db,
      { email: user.email, password: PASSWORD, address: uniqueAddress() },
      verify,
    );
    expect(after).toEqual({ ok: false, reason: 'locked', scope: 'email', minutesLeft: 15 });
    expect(checked).toHaveLength(MAX_FAILURES);
  });

  it('one address spraying many emails is stopped after 20 checks, even for a real user; another address is not', async () => {
    const user = await realUser();
    const address = uniqueAddress();
    const { checked, verify } = countingVerify();
    const rs = await Promise.all(
      Array.from({ length: 30 }, () =>
        checkCredentials(db, { email: uniqueEmail(), password: 'guess-123456', address }, verify),
      ),
    );
    expect(checked).toHaveLength(MAX_PER_ADDRESS);
    expect(rs.filter((r) => !r.ok && r.reason === 'locked' && r.scope === 'address')).toHaveLength(
      30 - MAX_PER_ADDRESS + 1,
    );

    expect(await checkCredentials(db, { email: user.email, password: PASSWORD, address }, verify)).toEqual({
      ok: false,
      reason: 'locked',
      scope: 'address',
      minutesLeft: 15,
    });
    expect(checked).toHaveLength(MAX_PER_ADDRESS);
    // The real user's email was never counted by the refused attempt.
    expect(await attempts(user.email)).toBeUndefined();
    expect((await checkCredentials(db, { email: user.email, password: PASSWORD, address: uniqueAddress() })).ok).toBe(
      true,
    );
  });

  it('a success clears the email streak and gives its own attempt back to the address', async () => {
    const user = await realUser();
    const address = uniqueAddress();
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(await checkCredentials(db, { email: user.email, password: 'wrong-password', address })).toEqual({
        ok: false,
        reason: 'wrong',
      });
    }
    expect((await attempts(user.email))?.failures).toBe(4);
    expect((await checkCredentials(db, { email: user.email, password: PASSWORD, address })).ok).toBe(true);
    expect(await attempts(user.email)).toBeUndefined();
    expect((await attempts(addressKey(address)))?.failures).toBe(4);
    // A new streak: 4 more failures do not lock.
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await checkCredentials(db, { email: user.email, password: 'wrong-password', address: uniqueAddress() });
    expect(await getLockState(db, user.email)).toEqual({ locked: false });
  });

  it('the 5th wrong password locks with the minutes left; the same email however typed is one streak', async () => {
    const user = await realUser();
    const typed = [user.email.toUpperCase(), ` ${user.email} `, user.email];
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await checkCredentials(db, { email: typed[i % 3]!, password: 'nope-nope-1', address: uniqueAddress() });
    expect(await checkCredentials(db, { email: typed[1]!, password: 'nope-nope-1', address: uniqueAddress() })).toEqual(
      {
        ok: false,
        reason: 'locked',
        scope: 'email',
        minutesLeft: 15,
      },
    );
    expect(
      await db
        .select({ email: loginAttempts.email })
        .from(loginAttempts)
        .where(eq(loginAttempts.email, normaliseEmail(typed[0]!))),
    ).toEqual([{ email: user.email }]);
  });

  it('a success that uses up the address allowance does not leave the address locked', async () => {
    const user = await realUser();
    const address = uniqueAddress();
    for (let i = 0; i < MAX_PER_ADDRESS - 1; i++)
      await checkCredentials(db, { email: uniqueEmail(), password: 'guess-123456', address });
    expect((await checkCredentials(db, { email: user.email, password: PASSWORD, address })).ok).toBe(true);
    expect(await getLockState(db, addressKey(address))).toEqual({ locked: false });
    expect(await checkCredentials(db, { email: uniqueEmail(), password: 'guess-123456', address })).toEqual({
      ok: false,
      reason: 'locked',
      scope: 'address',
      minutesLeft: 15,
    });
  });

  it('a deactivated user with the right password is refused like a wrong password', async () => {
    const user = await realUser({ active: false });
    expect(await checkCredentials(db, { email: user.email, password: PASSWORD, address: uniqueAddress() })).toEqual({
      ok: false,
      reason: 'wrong',
    });
    expect((await attempts(user.email))?.failures).toBe(1);
  });
});

describe('sessions end on sign-out, password reset, role change and deactivation', () => {
  const version = async (id: string) =>
    (await db.select({ v: users.session_version }).from(users).where(eq(users.id, id)))[0]!.v;

  it('a session stands only while its version is the user’s and the user is active', () => {
    expect(sessionIsCurrent({ id: 'x', sessionVersion: 3 }, { active: true, session_version: 3 })).toBe(true);
    expect(sessionIsCurrent({ id: 'x', sessionVersion: 2 }, { active: true, session_version: 3 })).toBe(false);
    expect(sessionIsCurrent({ id: 'x', sessionVersion: 3 }, { active: false, session_version: 3 })).toBe(false);
    expect(sessionIsCurrent({ id: 'x', sessionVersion: undefined }, { active: true, session_version: 0 })).toBe(false);
    expect(sessionIsCurrent({ id: 'x', sessionVersion: '0' }, { active: true, session_version: 0 })).toBe(false);
    expect(sessionIsCurrent({ id: 'x', sessionVersion: 0 }, undefined)).toBe(false);
  });

  it('sign-out moves the version: the old session is refused, a new sign-in carries the new one', async () => {
    const user = await realUser();
    const signedIn = await checkCredentials(db, { email: user.email, password: PASSWORD, address: uniqueAddress() });
    if (!signedIn.ok) throw new Error('sign-in failed');
    const claims = { id: user.id, sessionVersion: signedIn.user.sessionVersion };
    expect(await userForSession(db, claims)).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: 'employee',
      active: true,
    });

    await endSessions(db, user.id);
    expect(await version(user.id)).toBe(1);
    expect(await userForSession(db, claims)).toBeNull();
    // Auth.js's sign-out event for the same (already ended) session moves nothing more.
    await endSessions(db, user.id, 0);
    expect(await version(user.id)).toBe(1);

    const again = await checkCredentials(db, { email: user.email, password: PASSWORD, address: uniqueAddress() });
    expect(again.ok && again.user.sessionVersion).toBe(1);
    expect(await userForSession(db, { id: user.id, sessionVersion: 1 })).not.toBeNull();
  });

  it('a password reset ends the sessions in the same write and lifts the email lock', async () => {
    const user = await realUser();
    for (let i = 0; i < MAX_FAILURES; i++)
      await checkCredentials(db, { email: user.email, password: 'wrong-password', address: uniqueAddress() });
    expect((await getLockState(db, user.email)).locked).toBe(true);

    await resetPassword(db, { id: user.id, password: 'brand-new-password' });
    expect(await version(user.id)).toBe(1);
    expect(await userForSession(db, { id: user.id, sessionVersion: 0 })).toBeNull();
    expect(await attempts(user.email)).toBeUndefined();
    expect(
      (await checkCredentials(db, { email: user.email, password: 'brand-new-password', address: uniqueAddress() })).ok,
    ).toBe(true);
  });

  it('a role change or a deactivation ends the sessions; a new name alone does not', async () => {
    const user = await realUser();
    await updateUser(db, { id: user.id, name: 'Renamed Person', role: 'employee', active: true });
    expect(await version(user.id)).toBe(0);
    expect(await userForSession(db, { id: user.id, sessionVersion: 0 })).toMatchObject({ name: 'Renamed Person' });

    await updateUser(db, { id: user.id, name: 'Renamed Person', role: 'manager', active: true });
    expect(await version(user.id)).toBe(1);
    expect(await userForSession(db, { id: user.id, sessionVersion: 0 })).toBeNull();
    expect(await userForSession(db, { id: user.id, sessionVersion: 1 })).toMatchObject({ role: 'manager' });

    await updateUser(db, { id: user.id, name: 'Renamed Person', role: 'manager', active: false });
    expect(await version(user.id)).toBe(2);
    expect(await userForSession(db, { id: user.id, sessionVersion: 2 })).toBeNull(); // inactive: no session stands
  });
});

describe('role matrix (DESIGN.md "Roles")', () => {
  const matrix: Record<Permission, Record<Role, boolean>> = {
    recordEntries: { employee: true, manager: true, admin: true },
    readCompanies: { employee: true, manager: true, admin: true },
    readContacts: { employee: false, manager: true, admin: true },
    readRevenue: { employee: false, manager: true, admin: true },
    manage: { employee: false, manager: false, admin: true },
  };

  for (const role of ROLES) {
    it(`${role}`, () => {
      for (const [permission, byRole] of Object.entries(matrix) as [Permission, Record<Role, boolean>][]) {
        expect(can(role, permission), `${role} ${permission}`).toBe(byRole[role]);
      }
    });
  }

  it('employee may only record entries and read companies', () => {
    const granted = (Object.keys(matrix) as Permission[]).filter((p) => can('employee', p));
    expect(granted).toEqual(['recordEntries', 'readCompanies']);
  });
});
