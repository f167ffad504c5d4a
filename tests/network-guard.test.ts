import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { users } from '@/db/schema';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo';
import { hashPassword } from '@/lib/password';
import { ulid } from '@/lib/ulid';
import { createDatabase, dropDatabase } from '@/scripts/local-db';
import { demoAccountsWithDemoPassword, isLoopback, listenHost, networkRefusal } from '@/scripts/network-guard';

/**
 * The guard reads the demo accounts by their emails, so it runs in a database
 * of its own (derived from this run's test database): no other test file's
 * users meet it, and the demo emails are free to insert.
 */
const url = (() => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = `${u.pathname}_netguard`;
  return u.toString();
})();
const pool = createPool(url, 2);
const db: Db = createDb(pool);
const demoEmails = DEMO_USERS.map((u) => u.email);
let demoHash: string;

beforeAll(async () => {
  await createDatabase(url);
  await migrateDatabase(url);
  demoHash = await hashPassword(DEMO_PASSWORD);
});
afterAll(async () => {
  await pool.end();
  if (!process.env.KEEP_TEST_DB) await dropDatabase(url);
});
beforeEach(async () => {
  // The demo's accounts as the seeder leaves them: every one active, with the demo password.
  await db.delete(users);
  await db
    .insert(users)
    .values(DEMO_USERS.map((u) => ({ id: ulid(), name: u.name, email: u.email, role: u.role, password: demoHash })));
});

describe('where npm start listens', () => {
  it('is loopback unless HOST says otherwise', () => {
    expect(listenHost({})).toBe('127.0.0.1');
    expect(listenHost({ HOST: ' ' })).toBe('127.0.0.1');
    expect(listenHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '::1', '[::1]', '127.0.1.1'])(
    'counts %s as this machine only',
    (host) => {
      expect(isLoopback(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'crm.local', '128.0.0.1'])(
    'counts %s as the network',
    (host) => {
      expect(isLoopback(host)).toBe(false);
    },
  );
});

describe('the network guard', () => {
  it('refuses the network while the demo accounts have the demo password, in one paragraph that says what to do', async () => {
    const refusal = await networkRefusal(db, '0.0.0.0', 3000);
    expect(refusal).not.toBeNull();
    expect(refusal).not.toContain('\n');
    for (const email of demoEmails) expect(refusal).toContain(email);
    expect(refusal).toContain('HOST=0.0.0.0');
    expect(refusal).toContain('http://localhost:3000/admin/users');
    expect(refusal).toContain('npm run user:create');
    expect(refusal).toContain('127.0.0.1');
  });

  it('lets loopback start whatever the passwords', async () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(await networkRefusal(db, host, 3000)).toBeNull();
  });

  it('names only the accounts still open, and starts once none is', async () => {
    const [admin, manager, ...employees] = demoEmails;
    // A new password for the admin, the manager deactivated: the employees still refuse it.
    await db
      .update(users)
      .set({ password: await hashPassword('a-new-long-password') })
      .where(eq(users.email, admin!));
    await db.update(users).set({ active: false }).where(eq(users.email, manager!));
    expect(await demoAccountsWithDemoPassword(db)).toEqual([...employees].sort());
    const refusal = await networkRefusal(db, '192.168.1.20', 3000);
    expect(refusal).not.toContain(admin!);
    expect(refusal).not.toContain(manager!);
    expect(refusal).toContain(employees[0]!);

    await db.update(users).set({ active: false }).where(inArray(users.email, employees));
    expect(await demoAccountsWithDemoPassword(db)).toEqual([]);
    expect(await networkRefusal(db, '0.0.0.0', 3000)).toBeNull();
  });

  it('starts on the network when there are no demo accounts at all', async () => {
    await db.delete(users);
    await db
      .insert(users)
      .values({ id: ulid(), name: 'Asha Rao', email: 'asha@organiser.example', role: 'admin', password: demoHash });
    // Someone else using the demo password is their business: only the published demo logins are known to all.
    expect(await networkRefusal(db, '0.0.0.0', 3000)).toBeNull();
  });
});
