import type { TimelineFilters } from '@/db/queries/companies';
import { CONVERSATION_KINDS } from '@/db/schema/conversations';
import { OUTCOMES } from '@/db/schema/enums';
import { param, positiveInt, type SearchParams } from '@/lib/search-params';
import { isCalendarDate, ULID_RE as ULID } from '@/lib/validation';

/** The value when it is one of `allowed`; otherwise none. */
const memberOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

/**
 * A company timeline's filters from the URL (the page and the CSV route read them the same way);
 * anything malformed is ignored.
 */
export function timelineFiltersFrom(params: SearchParams): TimelineFilters {
  const outcome = param(params, 'outcome');
  const kind = param(params, 'kind');
  const campaign = param(params, 'campaign');
  const employee = param(params, 'employee');
  const from = param(params, 'from');
  const to = param(params, 'to');
  return {
    outcome: memberOf(outcome, OUTCOMES),
    kind: memberOf(kind, CONVERSATION_KINDS),
    campaign_id: campaign && ULID.test(campaign) ? campaign : undefined,
    location_id: positiveInt(param(params, 'location')),
    table_id: positiveInt(param(params, 'stall')),
    employee_id: employee && ULID.test(employee) ? employee : undefined,
    from: from && isCalendarDate(from) ? from : undefined,
    to: to && isCalendarDate(to) ? to : undefined,
  };
}

/** The same filters back as URL parameters. */
export function timelineFilterParams(f: TimelineFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.outcome) out.outcome = f.outcome;
  if (f.kind) out.kind = f.kind;
  if (f.campaign_id) out.campaign = f.campaign_id;
  if (f.location_id) out.location = String(f.location_id);
  if (f.table_id) out.stall = String(f.table_id);
  if (f.employee_id) out.employee = f.employee_id;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  return out;
}
