/**
 * Idempotency keys: scoped to their user, kept IDEMPOTENCY_KEY_DAYS,
 * then purged in batches; internal markers are never purged.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { followUps, idempotencyKeys } from '@/db/schema';
import { recordEntry, type EntryInput } from '@/db/services/entries';
import { IDEMPOTENCY_KEY_DAYS, INTERNAL_KEY_USER, purgeExpiredKeys, runOnce } from '@/db/services/idempotency';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';

import { makeUser, makeWorld, uniquePhone } from './helpers/factories';

const DAY = 86_400_000;

describe('keys are scoped to their user', () => {
  it('the same key string from two users is two independent writes; each replay returns its own result', async () => {
    const w = await makeWorld();
    const other = await makeUser();
    const key = ulid();
    const entry = (phone: string): EntryInput => ({
      idempotency_key: key,
      exhibitor_id: w.exhibitor.id,
      phone,
      outcome: 'interested',
      notes: 'Same key, different people',
    });
    const phoneA = uniquePhone();
    const phoneB = uniquePhone();

    const a = await recordEntry(db, w.employee.id, entry(phoneA));
    const b = await recordEntry(db, other.id, entry(phoneB));
    expect(a.replayed).toBe(false);
    expect(b.replayed).toBe(false);
    expect(b.followUpId).not.toBe(a.followUpId);
    expect(b.phone).toBe(phoneB);

    // Each user's replay returns that user's first result and writes nothing.
    expect(await recordEntry(db, w.employee.id, entry(uniquePhone()))).toEqual({ ...a, replayed: true });
    expect(await recordEntry(db, other.id, entry(uniquePhone()))).toEqual({ ...b, replayed: true });
    expect(
      await db.select({ id: followUps.id }).from(followUps).where(eq(followUps.exhibitor_id, w.exhibitor.id)),
    ).toHaveLength(2);

    const rows = await db
      .select({ user_id: idempotencyKeys.user_id })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(rows.map((r) => r.user_id).sort()).toEqual([w.employee.id, other.id].sort());
  });

  it("a key reused by the same user for another form is refused, not answered with the other form's result", async () => {
    const user = await makeUser();
    const key = ulid();
    await runOnce(db, { key, userId: user.id, action: 'record-note' }, async () => ({ n: 1 }));
    await expect(
      runOnce(db, { key, userId: user.id, action: 'record-payment' }, async () => ({ n: 2 })),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe('purgeExpiredKeys', () => {
  // A pinned clock in 2001: every other test's keys (made today) are newer than it and stay.
  const now = new Date('2001-03-01T12:00:00Z');
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);

  it(`deletes keys older than ${IDEMPOTENCY_KEY_DAYS} days in batches, keeps fresh ones and internal markers`, async () => {
    const user = await makeUser();
    const expired = Array.from({ length: 5 }, (_, i) => ({
      key: ulid(),
      user_id: user.id,
      action: 'record-entry',
      created_at: at(IDEMPOTENCY_KEY_DAYS + 1 + i),
    }));
    const fresh = [
      { key: ulid(), user_id: user.id, action: 'record-entry', created_at: at(1) },
      { key: ulid(), user_id: user.id, action: 'record-entry', created_at: at(IDEMPOTENCY_KEY_DAYS - 1) },
    ];
    const marker = { key: `marker-${ulid()}`, user_id: INTERNAL_KEY_USER, action: 'seed-demo', created_at: at(400) };
    await db.insert(idempotencyKeys).values([...expired, ...fresh, marker]);

    expect(await purgeExpiredKeys(db, { now, batchSize: 2 })).toBe(5);
    const left = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(
        inArray(
          idempotencyKeys.key,
          [...expired, ...fresh, marker].map((k) => k.key),
        ),
      );
    expect(left.map((r) => r.key).sort()).toEqual([...fresh.map((k) => k.key), marker.key].sort());
    // Nothing more to do: a second run deletes nothing.
    expect(await purgeExpiredKeys(db, { now })).toBe(0);
    await db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, marker.key));
  });

  it("on the database's clock (no `now`), today's keys are kept", async () => {
    const user = await makeUser();
    const key = ulid();
    await runOnce(db, { key, userId: user.id, action: 'record-note' }, async () => ({ ok: true }));
    await purgeExpiredKeys(db);
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.user_id, user.id), eq(idempotencyKeys.key, key)));
    expect(Number(row!.n)).toBe(1);
  });
});
