/**
 * The legacy backfill's report, read from legacy_resolutions: counts per
 * entity, field and outcome, and the rows it could not resolve with their
 * reason and what the old row said.
 */
import { and, asc, count, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import {
  LEGACY_ENTITIES,
  LEGACY_FIELDS,
  legacyResolutions,
  type LegacyEntity,
  type LegacyField,
  type LegacyOutcome,
} from '@/db/schema';

export type ResolutionCount = { entity: LegacyEntity; field: LegacyField; outcome: LegacyOutcome; rows: number };

/** The report's counts: per entity, field and outcome. */
export async function countResolutions(db: DbOrTx): Promise<ResolutionCount[]> {
  const r = legacyResolutions;
  return db
    .select({ entity: r.entity, field: r.field, outcome: r.outcome, rows: count() })
    .from(r)
    .groupBy(r.entity, r.field, r.outcome)
    .orderBy(r.entity, r.field, r.outcome);
}

export type UnresolvedRow = {
  entity: LegacyEntity;
  row_id: string;
  field: LegacyField;
  outcome: LegacyOutcome;
  reason: string | null;
  original: string | null;
};
export type UnresolvedCursor = { entity: LegacyEntity; row_id: string; field: LegacyField };

/**
 * Ambiguous and unresolved rows (optionally of one field), in (entity, row,
 * field) order, after a cursor. The entity and field are ENUMs, which MySQL
 * sorts by their position in the list but compares with a string as text, so
 * the cursor names the entities and fields that come later instead of using ">".
 */
export async function listUnresolved(
  db: DbOrTx,
  p: { field?: LegacyField | null; after?: UnresolvedCursor | null; limit: number },
): Promise<UnresolvedRow[]> {
  const r = legacyResolutions;
  let after: SQL | undefined;
  if (p.after) {
    const laterEntities = LEGACY_ENTITIES.slice(LEGACY_ENTITIES.indexOf(p.after.entity) + 1);
    const laterFields = LEGACY_FIELDS.slice(LEGACY_FIELDS.indexOf(p.after.field) + 1);
    after = or(
      laterEntities.length ? inArray(r.entity, laterEntities) : undefined,
      and(
        eq(r.entity, p.after.entity),
        or(
          gt(r.row_id, p.after.row_id),
          and(eq(r.row_id, p.after.row_id), laterFields.length ? inArray(r.field, laterFields) : sql`false`),
        ),
      ),
    );
  }
  return db
    .select({
      entity: r.entity,
      row_id: r.row_id,
      field: r.field,
      outcome: r.outcome,
      reason: r.reason,
      original: r.original,
    })
    .from(r)
    .where(and(inArray(r.outcome, ['ambiguous', 'unresolved']), p.field ? eq(r.field, p.field) : undefined, after))
    .orderBy(asc(r.entity), asc(r.row_id), asc(r.field))
    .limit(Math.max(1, p.limit));
}
