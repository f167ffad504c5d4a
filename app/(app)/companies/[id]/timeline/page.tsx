import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readDb } from '@/db';
import { getCompany, listTimeline, listTimelineFilterOptions } from '@/db/queries/companies';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { viewerFor } from '@/lib/viewer';
import { timelineFilterParams, timelineFiltersFrom } from '@/lib/timeline-filters';
import { TimelineItem } from '../widgets';

export const metadata: Metadata = { title: 'Timeline' };

const PAGE_SIZE = 25;
const selectClass = 'touch-target block w-full rounded-lg border border-slate-300 bg-white px-3';

export default async function TimelinePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
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
    listTimeline(readDb, id, { filters, cursor, limit: PAGE_SIZE }, viewer),
  ]);
  if (!company) notFound();
  const filterParams = timelineFilterParams(filters);
  const filtered = Object.keys(filterParams).length > 0;

  return (
    <>
      <Link href={`/companies/${id}`} className="touch-target inline-flex items-center text-brand-700">
        ← {company.name}
      </Link>
      <PageHeader
        title={`Timeline · ${company.name}`}
        description="Every conversation, newest first."
        actions={
          showMoney ? (
            <Link href={`/api/export/companies/${id}/timeline?${new URLSearchParams(filterParams)}`} className={buttonClass('secondary')} prefetch={false}>
              Export CSV
            </Link>
          ) : undefined
        }
      />
      <form className="mb-6 grid gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-200 md:grid-cols-4" aria-label="Filter the timeline">
        <div className="space-y-1">
          <label htmlFor="outcome" className="block text-sm font-medium">Outcome</label>
          <select id="outcome" name="outcome" defaultValue={filters.outcome ?? ''} className={selectClass}>
            <option value="">Any</option>
            <option value="busy">Busy</option>
            <option value="interested">Interested</option>
            <option value="materialised">Materialised</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="campaign" className="block text-sm font-medium">Campaign</label>
          <select id="campaign" name="campaign" defaultValue={filters.campaign_id ?? ''} className={selectClass}>
            <option value="">Any</option>
            {options.campaigns.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="location" className="block text-sm font-medium">Location</label>
          <select id="location" name="location" defaultValue={filters.location_id ?? ''} className={selectClass}>
            <option value="">Any</option>
            {options.locations.map((l) => (
              <option key={l.id} value={l.id}>{l.name}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="stall" className="block text-sm font-medium">Stall</label>
          <select id="stall" name="stall" defaultValue={filters.table_id ?? ''} className={selectClass}>
            <option value="">Any</option>
            {options.stalls.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({options.locations.find((l) => l.id === s.location_id)?.name ?? '—'})
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="employee" className="block text-sm font-medium">Employee</label>
          <select id="employee" name="employee" defaultValue={filters.employee_id ?? ''} className={selectClass}>
            <option value="">Anyone</option>
            {options.employees.map((e) => (
              <option key={e.id} value={e.id}>{e.name}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="from" className="block text-sm font-medium">From</label>
          <input id="from" name="from" type="date" defaultValue={filters.from} className={selectClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="to" className="block text-sm font-medium">To</label>
          <input id="to" name="to" type="date" defaultValue={filters.to} className={selectClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass('primary')}>Apply</button>
          {filtered ? <Link href={`/companies/${id}/timeline`} className={buttonClass('ghost')}>Clear</Link> : null}
        </div>
      </form>

      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? 'No conversation matches these filters' : 'No conversations yet'}>
          <p>{filtered ? 'Widen the dates or clear a filter.' : 'Talks recorded at the booth for this company appear here.'}</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl bg-white px-4 ring-1 ring-slate-200" aria-label="Conversations">
          {page.rows.map((r) => (
            <TimelineItem key={r.id} entry={r} />
          ))}
        </ul>
      )}
      <nav aria-label="Timeline pages" className="mt-4 flex flex-wrap gap-2">
        {cursor ? (
          <Link href={`/companies/${id}/timeline?${new URLSearchParams(filterParams)}`} className={buttonClass('secondary')}>
            ← Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/companies/${id}/timeline?${new URLSearchParams({ ...filterParams, cursor: page.nextCursor })}`} className={buttonClass('secondary')}>
            Older conversations →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
