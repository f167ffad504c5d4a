/** The audit page's and its CSV's filters, read from the URL the same way by both. */
import type { AuditFilter } from '@/db/queries/audit';
import { AUDIT_ACTIONS } from '@/db/services/audit';
import { ORGANISER_TIME_ZONE } from '@/lib/dates';
import { param, type SearchParams } from '@/lib/search-params';
import { CURSOR_RE, isCalendarDate, ULID_RE } from '@/lib/validation';

export type AuditQuery = {
  filter: AuditFilter;
  /** The filters as typed, to fill the form and build links. */
  values: Record<'entity' | 'entity_id' | 'user' | 'action' | 'from' | 'to', string>;
  cursor: string | null;
  /** Field → message, for a filter that could not be read (it is then ignored). */
  errors: Partial<Record<'from' | 'to' | 'entity_id', string>>;
};

const ENTITY_RE = /^[a-z_]{1,32}$/;
const ENTITY_ID_RE = /^[\w-]{1,64}$/;

/** A day in the organiser's zone (India has no daylight saving: +05:30 all year) as its first or last moment. */
function dayBound(day: string, end: 'first' | 'last'): Date {
  if (ORGANISER_TIME_ZONE !== 'Asia/Kolkata') throw new Error('dayBound assumes Asia/Kolkata');
  return new Date(`${day}T${end === 'first' ? '00:00:00.000' : '23:59:59.999'}+05:30`);
}

export function readAuditQuery(params: SearchParams): AuditQuery {
  const get = (k: string) => (param(params, k) ?? '').trim();
  const values = {
    entity: get('entity'),
    entity_id: get('entity_id'),
    user: get('user'),
    action: get('action'),
    from: get('from'),
    to: get('to'),
  };
  const errors: AuditQuery['errors'] = {};
  const day = (k: 'from' | 'to') => {
    if (!values[k]) return null;
    if (isCalendarDate(values[k])) return dayBound(values[k], k === 'from' ? 'first' : 'last');
    errors[k] = 'Enter a date like 2027-01-12.';
    return null;
  };
  if (values.entity_id && !ENTITY_ID_RE.test(values.entity_id)) errors.entity_id = 'Letters, digits, - and _ only.';
  const cursor = get('cursor');
  return {
    filter: {
      entity: ENTITY_RE.test(values.entity) ? values.entity : null,
      entityId: values.entity_id && !errors.entity_id ? values.entity_id : null,
      userId: ULID_RE.test(values.user) ? values.user : null,
      action: (AUDIT_ACTIONS as readonly string[]).includes(values.action) ? values.action : null,
      from: day('from'),
      to: day('to'),
    },
    values,
    cursor: cursor && CURSOR_RE.test(cursor) && ULID_RE.test(cursor) ? cursor : null,
    errors,
  };
}

/** The query string of the filters (and a cursor), for links and the CSV. */
export function auditSearch(values: AuditQuery['values'], cursor?: string | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  return q.size ? `?${q}` : '';
}

/** A before/after image as one short line: `amount_paid: 0.00 → 25000.00, amount_status: unpaid → partial`. */
export function describeChange(before: unknown, after: unknown, max = 400): string {
  const obj = (v: unknown): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : v == null ? {} : { value: v };
  const b = obj(before);
  const a = obj(after);
  const text = (v: unknown) =>
    v === undefined ? '–' : v === null ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const parts: string[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key in b && key in a) {
      if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) parts.push(`${key}: ${text(b[key])} → ${text(a[key])}`);
    } else parts.push(key in a ? `${key}: ${text(a[key])}` : `${key}: ${text(b[key])} → –`);
  }
  const line = parts.join(', ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
