import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';

import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { readDb } from '@/db';
import {
  getCompany,
  getTimelineFilterChoices,
  listTimeline,
  searchTimelineFilterOptions,
  type TimelineFilterOption,
  type TimelineFilters,
  type TimelineMerge,
  type TimelineSearchField,
} from '@/db/queries/companies';
import { resolveMergedContact } from '@/db/queries/duplicates';
import { timelineFilterParams, timelineFiltersFrom } from '@/lib/company-timeline-filters';
import { formatDateTime } from '@/lib/format';
import { CONVERSATION_KIND_LABELS, optionsOf, OUTCOME_LABELS } from '@/lib/labels';
import { can } from '@/lib/permissions';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { viewerFor } from '@/lib/viewer';

import { TimelineItem } from '../widgets';
import { FilterSearch } from './filter-search';

export const metadata: Metadata = { title: 'Timeline' };

const PAGE_SIZE = 25;

/** The type-ahead filters: the URL param of each, and the filter it sets. */
const SEARCHED: { field: TimelineSearchField; key: 'campaign_id' | 'table_id' | 'employee_id' }[] = [
  { field: 'campaign', key: 'campaign_id' },
  { field: 'stall', key: 'table_id' },
  { field: 'employee', key: 'employee_id' },
];

/**
 * The filters with the type-aheads' typed text applied (`campaign_q`…, sent by the form with or without
 * JavaScript): an emptied box clears its filter; a text other than the chosen one's name picks its first
 * match in this company's conversations (an exact name first), or none.
 */
async function resolveTyped(
  exhibitorId: string,
  sp: SearchParams,
  filters: TimelineFilters,
  chosen: Record<TimelineSearchField, TimelineFilterOption | null>,
): Promise<{ filters: TimelineFilters; chosen: Record<TimelineSearchField, TimelineFilterOption | null> }> {
  const next = { ...filters };
  const picked = { ...chosen };
  await Promise.all(
    SEARCHED.map(async ({ field, key }) => {
      const raw = sp[`${field}_q`];
      if (raw === undefined) return;
      const text = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
      if (text && picked[field]?.label === text) return;
      const match = text
        ? await searchTimelineFilterOptions(readDb, exhibitorId, field, text).then(
            (found) => found.find((o) => o.label.toLowerCase() === text.toLowerCase()) ?? found[0] ?? null,
          )
        : null;
      picked[field] = match;
      if (key === 'table_id') next.table_id = match ? Number(match.value) : undefined;
      else next[key] = match?.value;
    }),
  );
  return { filters: next, chosen: picked };
}
const selectClass = 'touch-target block w-full rounded-lg border border-slate-300 bg-white px-3';

/** One filter of the form: a labelled select whose first choice, "Any", leaves it off. */
function FilterSelect({
  name,
  label,
  value,
  any = 'Any',
  options,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  any?: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ''} className={selectClass}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function TimelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requirePermission('readCompanies');
  const viewer = viewerFor(user);
  const showMoney = viewer.canSeeMoney;
  const { id } = await params;
  const sp = await searchParams;
  const urlFilters = timelineFiltersFrom(sp);
  const cursor = param(sp, 'cursor') ?? null;
  const typed = SEARCHED.some(({ field }) => sp[`${field}_q`] !== undefined);
  const pageOf = (filters: TimelineFilters) =>
    listTimeline(readDb, id, { filters, cursor, limit: PAGE_SIZE, withMerges: true }, viewer);
  // Without typed text the chosen names and the page are read at once; with it, the names first (to tell
  // a kept choice from new text), then the page for the filters the text resolves to.
  const [company, { filters, chosen, locations }, page] = await Promise.all([
    getCompany(readDb, id),
    getTimelineFilterChoices(readDb, id, urlFilters).then(async (c) => ({
      ...(typed ? await resolveTyped(id, sp, urlFilters, c) : { filters: urlFilters, chosen: c }),
      locations: c.locations,
    })),
    typed ? null : pageOf(urlFilters),
  ]).then(async ([company, resolved, page]) => [company, resolved, page ?? (await pageOf(resolved.filters))] as const);
  if (!company) {
    const survivor = await resolveMergedContact(readDb, id, 'exhibitor');
    if (survivor) redirect(`/companies/${survivor}/timeline`);
    notFound();
  }
  // A merge into this company stands among its conversations, in date order.
  const items = [
    ...page.rows.map((r) => ({ at: new Date(r.conversation_date), id: r.id, entry: r })),
    ...(page.merges ?? []).map((m) => ({ at: new Date(m.at), id: m.id, merge: m })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
  const filterParams = timelineFilterParams(filters);
  const filtered = Object.keys(filterParams).length > 0;

  return (
    <>
      <PageHeader
        back={{ href: `/companies/${id}`, label: company.name }}
        title={`Timeline · ${company.name}`}
        description="Every conversation, newest first."
        actions={
          showMoney ? (
            <Link
              href={`/api/export/companies/${id}/timeline?${new URLSearchParams(filterParams)}`}
              className={buttonClass('secondary')}
              prefetch={false}
            >
              Export CSV
            </Link>
          ) : undefined
        }
      />
      <form
        className="mb-6 grid gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-200 md:grid-cols-4"
        aria-label="Filter the timeline"
      >
        <FilterSelect name="kind" label="Kind" value={filters.kind} options={optionsOf(CONVERSATION_KIND_LABELS)} />
        <FilterSelect
          name="outcome"
          label="Outcome (talks)"
          value={filters.outcome}
          options={optionsOf(OUTCOME_LABELS)}
        />
        <FilterSearch
          // Keyed by the choice, so a new page load starts the box from it.
          key={`campaign-${filters.campaign_id ?? ''}`}
          exhibitorId={id}
          field="campaign"
          name="campaign"
          label="Campaign"
          placeholder="Any: type a name"
          selected={chosen.campaign}
        />
        <FilterSelect
          name="location"
          label="Location"
          value={filters.location_id}
          options={locations.map((l) => ({ value: l.id, label: l.name }))}
        />
        <FilterSearch
          key={`stall-${filters.table_id ?? ''}`}
          exhibitorId={id}
          field="stall"
          name="stall"
          label="Stall"
          placeholder="Any: type a stall or hall"
          selected={chosen.stall}
        />
        <FilterSearch
          key={`employee-${filters.employee_id ?? ''}`}
          exhibitorId={id}
          field="employee"
          name="employee"
          label="Employee"
          placeholder="Anyone: type a name"
          selected={chosen.employee}
        />
        <div className="space-y-1">
          <label htmlFor="from" className="block text-sm font-medium">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={filters.from} className={selectClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="to" className="block text-sm font-medium">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={filters.to} className={selectClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass('primary')}>
            Apply
          </button>
          {filtered ? (
            <Link href={`/companies/${id}/timeline`} className={buttonClass('ghost')}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      {items.length === 0 ? (
        <EmptyState title={filtered ? 'No conversation matches these filters' : 'No conversations yet'}>
          <p>
            {filtered
              ? 'Widen the dates or clear a filter.'
              : 'Talks recorded at the booth for this company appear here.'}
          </p>
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-xl bg-white px-4 ring-1 ring-slate-200"
          aria-label="Conversations"
        >
          {items.map((i) =>
            'entry' in i && i.entry ? (
              <TimelineItem key={i.id} entry={i.entry} auditLinks={can(user.role, 'manage')} />
            ) : 'merge' in i && i.merge ? (
              <MergeItem key={i.id} merge={i.merge} companyId={id} />
            ) : null,
          )}
        </ul>
      )}
      <nav aria-label="Timeline pages" className="mt-4 flex flex-wrap gap-2">
        {cursor ? (
          <Link
            href={`/companies/${id}/timeline?${new URLSearchParams(filterParams)}`}
            className={buttonClass('secondary')}
          >
            ← Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/companies/${id}/timeline?${new URLSearchParams({ ...filterParams, cursor: page.nextCursor })}`}
            className={buttonClass('secondary')}
          >
            Older conversations →
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/** A merge on the timeline: who became whom, and which admin merged them. */
function MergeItem({ merge, companyId }: { merge: TimelineMerge; companyId: string }) {
  const when = new Date(merge.at);
  const by = merge.merged_by_name ? ` by ${merge.merged_by_name}` : '';
  const text =
    merge.type === 'visitor'
      ? `Visitor ${merge.merged_name} was merged into ${merge.survivor_name}${by}.`
      : merge.survivor_id === companyId
        ? `Company ${merge.merged_name} was merged into this company${by}; its leads, talks and bookings are listed here.`
        : `Company ${merge.merged_name} was merged into ${merge.survivor_name}${by}.`;
  return (
    <li className="space-y-1 py-3" data-testid="timeline-merge">
      <p className="flex flex-wrap items-baseline gap-x-2">
        <time dateTime={when.toISOString()} className="text-sm text-slate-600">
          {formatDateTime(when)}
        </time>
        <span className="rounded-full bg-amber-100 px-2 text-sm">Merge</span>
      </p>
      <p className="text-sm text-slate-700">{text}</p>
    </li>
  );
}
