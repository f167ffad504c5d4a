import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';

import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { readDb } from '@/db';
import { getCompany, listTimeline, listTimelineFilterOptions, type TimelineMerge } from '@/db/queries/companies';
import { resolveMergedContact } from '@/db/queries/duplicates';
import { formatDateTime } from '@/lib/format';
import { optionsOf, OUTCOME_LABELS } from '@/lib/labels';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { timelineFilterParams, timelineFiltersFrom } from '@/lib/timeline-filters';
import { viewerFor } from '@/lib/viewer';

import { TimelineItem } from '../widgets';

export const metadata: Metadata = { title: 'Timeline' };

const PAGE_SIZE = 25;
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
  const filters = timelineFiltersFrom(sp);
  const cursor = param(sp, 'cursor') ?? null;
  const [company, options, page] = await Promise.all([
    getCompany(readDb, id),
    listTimelineFilterOptions(readDb, id),
    listTimeline(readDb, id, { filters, cursor, limit: PAGE_SIZE, withMerges: true }, viewer),
  ]);
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
        <FilterSelect name="outcome" label="Outcome" value={filters.outcome} options={optionsOf(OUTCOME_LABELS)} />
        <FilterSelect
          name="campaign"
          label="Campaign"
          value={filters.campaign_id}
          options={options.campaigns.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="location"
          label="Location"
          value={filters.location_id}
          options={options.locations.map((l) => ({ value: l.id, label: l.name }))}
        />
        <FilterSelect
          name="stall"
          label="Stall"
          value={filters.table_id}
          options={options.stalls.map((st) => ({
            value: st.id,
            label: `${st.name} (${options.locations.find((l) => l.id === st.location_id)?.name ?? '—'})`,
          }))}
        />
        <FilterSelect
          name="employee"
          label="Employee"
          value={filters.employee_id}
          any="Anyone"
          options={options.employees.map((e) => ({ value: e.id, label: e.name }))}
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
              <TimelineItem key={i.id} entry={i.entry} />
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
