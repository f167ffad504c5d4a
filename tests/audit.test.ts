/**
 * The audit trail itself (issue 15): append-only (no code path updates or
 * deletes its rows, and rows written earlier stay byte for byte while more
 * writes run), the author taken from the request (runAs) or the script, and
 * the admin page's reads — keyset pages newest first, none twice, and each
 * filter (entity, user, action, dates in India's zone) exact. The services'
 * own audit rows are tested in audit-money.test.ts and audit-admin.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { listAudit, listAuditEntities } from '@/db/queries/audit';
import { rowsOf } from '@/db/rows';
import { auditLog } from '@/db/schema';
import { audit, auditStatement, currentActor, runAs } from '@/db/services/audit';
import { describeChange, readAuditQuery } from '@/lib/audit-filter';
import { ulid } from '@/lib/ulid';

import { makeUser } from './helpers/factories';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sourceFiles(p);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [p] : [];
  });
}

describe('the audit trail is append-only', () => {
  it('no application code updates, deletes or truncates audit rows', () => {
    const offenders: string[] = [];
    for (const dir of ['app', 'db', 'lib', 'scripts', 'components']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const text = fs.readFileSync(file, 'utf8');
        if (
          /\.(update|delete)\(\s*auditLog\b/.test(text) ||
          /\b(update|delete\s+from|truncate(\s+table)?|drop\s+table|replace\s+into)\s+`?audit_log\b/i.test(text)
        )
          offenders.push(path.relative(ROOT, file));
      }
    }
    expect(offenders).toEqual([]);
    // The check itself finds what it looks for.
    expect(/\.(update|delete)\(\s*auditLog\b/.test('tx.update(auditLog).set({})')).toBe(true);
    expect(/\b(update|delete\s+from)\s+`?audit_log\b/i.test('DELETE FROM `audit_log`')).toBe(true);
  });

  it('rows written stay exactly as written while more are appended', async () => {
    const tag = ulid();
    await audit(db, [
      { action: 'settings.updated', entity: 'settings', entityId: tag, before: { a: 1 }, after: { a: 2 } },
      {
        action: 'stall.updated',
        entity: 'stall',
        entityId: tag,
        before: { price: '30000.00' },
        after: { price: '35000.00' },
      },
    ]);
    const snapshot = async () =>
      rowsOf<Record<string, unknown>>(
        db,
        sql`select * from ${auditLog} where ${auditLog.entity_id} = ${tag} order by ${auditLog.id}`,
      );
    const first = await snapshot();
    expect(first).toHaveLength(2);
    await audit(db, { action: 'stall.deleted', entity: 'stall', entityId: tag, before: { price: '35000.00' } });
    const second = await snapshot();
    expect(second.slice(0, 2)).toEqual(first);
    expect(second).toHaveLength(3);
  });
});

describe('who and from where', () => {
  it('a request’s actor is the author; without one, the script with no user', async () => {
    const admin = await makeUser({ role: 'admin' });
    const tag = ulid();
    await runAs({ userId: admin.id, origin: 'screen', detail: '/admin/settings' }, () =>
      audit(db, { action: 'settings.updated', entity: 'settings', entityId: tag, after: { window: 14 } }),
    );
    await audit(db, { action: 'settings.updated', entity: 'settings', entityId: tag, after: { window: 30 } });
    // An entry may name its own author and origin (an import's rows).
    await runAs({ userId: admin.id, origin: 'screen', detail: '/contacts/import' }, () =>
      audit(db, {
        action: 'contact.imported',
        entity: 'contact_import',
        entityId: tag,
        origin: 'import',
        after: { created: 3 },
      }),
    );
    const rows = await db
      .select({
        user_id: auditLog.user_id,
        origin: auditLog.origin,
        detail: auditLog.origin_detail,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(eq(auditLog.entity_id, tag))
      .orderBy(auditLog.id);
    expect(rows).toEqual([
      { user_id: admin.id, origin: 'screen', detail: '/admin/settings', after: { window: 14 } },
      { user_id: null, origin: 'script', detail: currentActor().detail, after: { window: 30 } },
      { user_id: admin.id, origin: 'import', detail: '/contacts/import', after: { created: 3 } },
    ]);
    expect(currentActor().userId).toBeNull();
  });

  it('money in paise and dates survive as JSON; no entries, no statement', async () => {
    expect(auditStatement([])).toBeNull();
    const tag = ulid();
    await audit(db, {
      action: 'payment.recorded',
      entity: 'booking',
      entityId: tag,
      before: { paise: 0n },
      after: { paise: 2_500_000n, at: new Date('2027-01-12T10:30:00Z') },
    });
    const [row] = await db.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.entity_id, tag));
    expect(row!.after).toEqual({ paise: '2500000', at: '2027-01-12T10:30:00.000Z' });
  });
});

describe('the admin page’s reads', () => {
  /** Twelve rows for one entity, an hour apart on 2030-03-10 (India), by two users and three actions. */
  async function fixture() {
    const [a, b] = [await makeUser({ role: 'admin' }), await makeUser({ role: 'manager' })];
    const entityId = ulid();
    const start = Date.parse('2030-03-09T18:30:00Z'); // 00:00 on 10 March in India
    for (let i = 0; i < 12; i++) {
      const at = new Date(start + i * 3_600_000);
      await runAs({ userId: i % 2 ? b.id : a.id, origin: 'screen', detail: '/admin/audit-test' }, () =>
        audit(
          db,
          {
            action: (['stall.updated', 'payment.recorded', 'booking.cancelled'] as const)[i % 3]!,
            entity: 'fixture',
            entityId,
            after: { i },
          },
          at,
        ),
      );
    }
    // One the evening before and one the day after, in India.
    await audit(
      db,
      { action: 'stall.updated', entity: 'fixture', entityId, after: { i: -1 } },
      new Date(start - 60_000),
    );
    await audit(
      db,
      { action: 'stall.updated', entity: 'fixture', entityId, after: { i: 99 } },
      new Date(start + 86_400_000),
    );
    return { a, b, entityId };
  }
  const order = (rows: { after: unknown }[]) => rows.map((r) => (r.after as { i: number }).i);

  it('keyset pages, newest first, each at most its size, none twice', async () => {
    const { entityId } = await fixture();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAudit>> = await listAudit(
        db,
        { entity: 'fixture', entityId },
        { cursor, limit: 5 },
      );
      expect(page.rows.length).toBeLessThanOrEqual(5);
      seen.push(...order(page.rows));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([99, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1]);
    expect(await listAuditEntities(db)).toContain('fixture');
  });

  it('filters by user, action and India’s days, read from the URL as the page and the CSV read it', async () => {
    const { a, entityId } = await fixture();
    const q = (params: Record<string, string>) => readAuditQuery({ entity: 'fixture', entity_id: entityId, ...params });
    const read = async (params: Record<string, string>) =>
      order((await listAudit(db, q(params).filter, { limit: 100 })).rows);
    expect(await read({ from: '2030-03-10', to: '2030-03-10' })).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(await read({ to: '2030-03-09' })).toEqual([-1]);
    expect(await read({ from: '2030-03-11' })).toEqual([99]);
    expect(await read({ user: a.id, from: '2030-03-10', to: '2030-03-10' })).toEqual([10, 8, 6, 4, 2, 0]);
    expect(await read({ action: 'booking.cancelled' })).toEqual([11, 8, 5, 2]);
    // A filter that cannot be read is reported and ignored; an unknown action is no filter.
    const bad = q({ from: '2030-02-30', action: 'drop table' });
    expect(bad.errors.from).toMatch(/date/);
    expect(bad.filter.from).toBeNull();
    expect(bad.filter.action).toBeNull();
  });

  it('describes a change as the fields that moved', () => {
    expect(describeChange({ amount_paid: '0.00', price: '500.00' }, { amount_paid: '250.00', price: '500.00' })).toBe(
      'amount_paid: 0.00 → 250.00',
    );
    expect(describeChange(null, { name: 'Hall A' })).toBe('name: Hall A');
    expect(describeChange({ price: '1.00' }, null)).toBe('price: 1.00 → –');
    expect(describeChange({}, { long: 'x'.repeat(1000) }).length).toBe(400);
  });
});
