/**
 * Passwords (argon2id), the sign-in throttle (lib/login-throttle.ts) against
 * the real login_attempts table, and DESIGN.md's role matrix.
 */
import { eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { db } from '@/db';
import { loginAttempts, ROLES, type Role } from '@/db/schema';
import { clearFailures, getLockState, LOCK_MINUTES, MAX_FAILURES, normaliseEmail, recordFailure } from '@/lib/login-throttle';
import { hashPassword, verifyPassword } from '@/lib/password';
import { can, type Permission } from '@/lib/permissions';

const uniqueEmail = () => `throttle-${ulid().toLowerCase()}@example.test`;

async function attempts(email: string) {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.email, normaliseEmail(email)));
  return row;
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

describe('login throttle', () => {
  it('uses 5 failures and 15 minutes', () => {
    expect(MAX_FAILURES).toBe(5);
    expect(LOCK_MINUTES).toBe(15);
  });

  it('locks on the 5th failure in a row, for 15 minutes', async () => {
    const email = uniqueEmail();
    expect(await getLockState(db, email)).toEqual({ locked: false });
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await recordFailure(db, email), `failure ${i}`).toEqual({ locked: false });
    }
    expect((await attempts(email))?.failures).toBe(4);
    expect(await recordFailure(db, email)).toEqual({ locked: true, minutesLeft: LOCK_MINUTES });
    expect(await getLockState(db, email)).toEqual({ locked: true, minutesLeft: 15 });
    expect((await attempts(email))?.failures).toBe(5);
  });

  it('counts the same email however it is typed', async () => {
    const local = `Case-${ulid()}`;
    const typed = [` ${local}@Example.TEST `, `${local.toLowerCase()}@example.test`, `${local.toUpperCase()}@EXAMPLE.test`];
    expect(normaliseEmail(' Foo@X.com ')).toBe('foo@x.com');
    expect(normaliseEmail('foo@x.com')).toBe('foo@x.com');
    for (let i = 0; i < 4; i++) await recordFailure(db, typed[i % typed.length]!);
    expect((await attempts(typed[0]!))?.failures).toBe(4);
    expect(await recordFailure(db, typed[1]!)).toEqual({ locked: true, minutesLeft: 15 });
    for (const t of typed) expect(await getLockState(db, t), t).toEqual({ locked: true, minutesLeft: 15 });
    // One row, keyed by the normalised email.
    const stored = await db.select({ email: loginAttempts.email }).from(loginAttempts).where(eq(loginAttempts.email, normaliseEmail(typed[2]!)));
    expect(stored).toEqual([{ email: `${local.toLowerCase()}@example.test` }]);
  });

  it('a successful sign-in clears the streak', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(db, email);
    expect((await getLockState(db, email)).locked).toBe(true);
    await clearFailures(db, ` ${email.toUpperCase()} `);
    expect(await attempts(email)).toBeUndefined();
    expect(await getLockState(db, email)).toEqual({ locked: false });
    expect(await recordFailure(db, email)).toEqual({ locked: false });
    expect((await attempts(email))?.failures).toBe(1);
  });

  it('a streak whose last failure is older than the lock window starts again at 1', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 4; i++) await recordFailure(db, email);
    await db.execute(
      sql`update login_attempts set last_failed_at = utc_timestamp() - interval 20 minute, locked_until = null where email = ${normaliseEmail(email)}`,
    );
    expect(await recordFailure(db, email)).toEqual({ locked: false });
    expect((await attempts(email))?.failures).toBe(1);
    // …and it takes 4 more to lock again.
    for (let i = 0; i < 3; i++) expect(await recordFailure(db, email)).toEqual({ locked: false });
    expect(await recordFailure(db, email)).toEqual({ locked: true, minutesLeft: 15 });
  });

  it('an expired lock unlocks, and the next failure starts a new streak', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(db, email);
    await db.execute(
      sql`update login_attempts set last_failed_at = utc_timestamp() - interval 20 minute, locked_until = utc_timestamp() - interval 5 minute where email = ${normaliseEmail(email)}`,
    );
    expect(await getLockState(db, email)).toEqual({ locked: false });
    expect(await recordFailure(db, email)).toEqual({ locked: false });
    expect((await attempts(email))?.failures).toBe(1);
  });

  it('reports the minutes left, rounded up', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(db, email);
    await db.execute(sql`update login_attempts set locked_until = utc_timestamp() + interval 90 second where email = ${normaliseEmail(email)}`);
    expect(await getLockState(db, email)).toEqual({ locked: true, minutesLeft: 2 });
  });

  it('counts 5 concurrent failures: all of them, and the email is locked', async () => {
    const email = uniqueEmail();
    const results = await Promise.all(Array.from({ length: MAX_FAILURES }, () => recordFailure(db, email)));
    expect(results.filter((r) => r.locked).length).toBeGreaterThanOrEqual(1);
    expect((await attempts(email))?.failures).toBe(MAX_FAILURES);
    expect(await getLockState(db, email)).toEqual({ locked: true, minutesLeft: 15 });
  });
});

describe('role matrix (DESIGN.md "Roles")', () => {
  const matrix: Record<Permission, Record<Role, boolean>> = {
    recordEntries: { employee: true, manager: true, admin: true },
    readCompanies: { employee: true, manager: true, admin: true },
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
