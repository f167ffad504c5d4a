/**
 * Reading the audit trail (db/schema/audit.ts): newest first, keyset paged by
 * id (a ULID of the moment, so the date range is an id range too and every
 * filter reads one index range: entity, user or action, each ending in id).
 */
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { auditLog, users } from '@/db/schema';
import { ulidBound } from '@/lib/ulid';

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  entity?: string | null;
  entityId?: string | null;
  userId?: string | null;
  action?: string | null;
  /** Inclusive, as moments. */
  from?: Date | null;
  to?: Date | null;
};

export type AuditRow = {
  id: string;
  at: Date;
  user_id: string | null;
  user_name: string | null;
  origin: 'screen' | 'import' | 'script';
  origin_detail: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
};

function conditions(f: AuditFilter, before: string | null): SQL | undefined {
  return and(
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entity && f.entityId ? eq(auditLog.entity_id, f.entityId) : undefined,
    f.userId ? eq(auditLog.user_id, f.userId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from ? gte(auditLog.id, ulidBound(f.from, 'first')) : undefined,
    f.to ? lte(auditLog.id, ulidBound(f.to, 'last')) : undefined,
    before ? lt(auditLog.id, before) : undefined,
  );
}

/** One page, newest first, after the cursor (the last id of the page before); `next` is null on the last page. */
export async function listAudit(
  db: DbOrTx,
  filter: AuditFilter,
  { cursor = null, limit = AUDIT_PAGE_SIZE }: { cursor?: string | null; limit?: number } = {},
): Promise<{ rows: AuditRow[]; next: string | null }> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      user_id: auditLog.user_id,
      user_name: users.name,
      origin: auditLog.origin,
      origin_detail: auditLog.origin_detail,
      action: auditLog.action,
      entity: auditLog.entity,
      entity_id: auditLog.entity_id,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.user_id))
    .where(conditions(filter, cursor))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? page.at(-1)!.id : null };
}

/** The kinds of entity the trail holds, for the filter (a loose scan of the entity index). */
export async function listAuditEntities(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(auditLog.entity);
  return rows.map((r) => r.entity);
}
