import type { UnresolvedCursor } from '@/db/legacy/resolutions';
import type { HandEntity } from '@/db/legacy/row-context';
import { LEGACY_ENTITIES, LEGACY_FIELDS, type LegacyEntity, type LegacyField } from '@/db/schema';
import { LEGACY_ID_RE, NUMERIC_ID_RE } from '@/lib/validation';

export const SAVED_MESSAGE = 'Saved. Later backfill runs keep this choice.';

/** The field an admin sets to resolve a reported row, or null when it cannot be done here. */
export function handFieldOf(
  entity: LegacyEntity,
  field: LegacyField,
): 'visitor_id' | 'exhibitor_id' | 'location_id' | 'table_id' | null {
  if (entity !== 'follow_up' && entity !== 'booking') return null;
  if (field === 'visitor_id' || field === 'exhibitor_id') return field;
  // A row without a company is on no timeline: setting its company lets the next run add it.
  if (field === 'conversation') return 'exhibitor_id';
  if ((field === 'location_id' || field === 'table_id') && entity === 'booking') return field;
  return null;
}

export function isHandEntity(entity: string): entity is HandEntity {
  return entity === 'follow_up' || entity === 'booking';
}

/** A follow-up id is a number; a booking id at most 26 characters (a ULID). */
export function isRowId(entity: HandEntity, rowId: string): boolean {
  return entity === 'follow_up' ? NUMERIC_ID_RE.test(rowId) : LEGACY_ID_RE.test(rowId);
}

/** The URL's `after=entity:row_id:field` keyset cursor. */
export function parseCursor(value: string | undefined): UnresolvedCursor | null {
  const [entity, row_id, field, ...rest] = value?.split(':') ?? [];
  if (rest.length || !entity || !row_id || !field || row_id.length > 26) return null;
  if (!LEGACY_ENTITIES.includes(entity as LegacyEntity) || !LEGACY_FIELDS.includes(field as LegacyField)) return null;
  return { entity: entity as LegacyEntity, row_id, field: field as LegacyField };
}

export const formatCursor = (c: UnresolvedCursor) => `${c.entity}:${c.row_id}:${c.field}`;
