/**
 * The legacy backfill's report (issue 6): counts per field and outcome, and
 * the rows it could not resolve with their reason and what the old row said.
 */
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { legacyResolutions, type LegacyEntity, type LegacyField, type LegacyOutcome } from '@/db/schema';

export { countResolutions } from '@/db/legacy/backfill';

export type UnresolvedRow = { entity: LegacyEntity; row_id: string; field: LegacyField; outcome: LegacyOutcome; reason: string | null; original: string | null };
export type UnresolvedCursor = { entity: LegacyEntity; row_id: string; field: LegacyField };

/** Ambiguous and unresolved rows (optionally of one field), in (entity, row, field) order, after a cursor. */
export async function listUnresolved(db: DbOrTx, p: { field?: LegacyField | null; after?: UnresolvedCursor | null; limit: number }): Promise<UnresolvedRow[]> {
  const r = legacyResolutions;
  const after = p.after
    ? or(
        gt(r.entity, p.after.entity),
        and(eq(r.entity, p.after.entity), gt(r.row_id, p.after.row_id)),
        and(eq(r.entity, p.after.entity), eq(r.row_id, p.after.row_id), sql`${r.field} > ${p.after.field}`),
      )
    : undefined;
  return db
    .select({ entity: r.entity, row_id: r.row_id, field: r.field, outcome: r.outcome, reason: r.reason, original: r.original })
    .from(r)
    .where(and(inArray(r.outcome, ['ambiguous', 'unresolved']), p.field ? eq(r.field, p.field) : undefined, after))
    .orderBy(asc(r.entity), asc(r.row_id), asc(r.field))
    .limit(Math.max(1, p.limit));
}
