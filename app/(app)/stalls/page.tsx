import type { Metadata } from 'next';
import Link from 'next/link';

import { StallRevenueChart } from '@/components/charts/revenue-chart';
import { StallsTable } from '@/components/tables/stalls/stalls-table';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { readDb } from '@/db';
import { listLocationOptions, listStallPerformancePage, STALL_SORTS, STALLS_PAGE_SIZE } from '@/db/queries/stalls';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Stalls' };

export default async function StallsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('readRevenue');
  const sp = await searchParams;
  const sort = oneOf(param(sp, 'sort'), STALL_SORTS, 'collected');
  const dir = oneOf(
    param(sp, 'dir'),
    ['asc', 'desc'] as const,
    sort === 'location' || sort === 'stall' ? 'asc' : 'desc',
  );
  // One location at a time (the first by default): a page carries one location's stalls, never every venue's.
  const locations = await listLocationOptions(readDb);
  const asked = positiveInt(param(sp, 'location'));
  const location = locations.find((l) => l.id === asked) ?? locations[0];
  if (!location) {
    return (
      <>
        <PageHeader title="Stalls" description="Talks, bookings and revenue per stall, across all companies." />
        <EmptyState title="No stalls yet">
          <p>Admins add locations and their stalls under Locations.</p>
        </EmptyState>
      </>
    );
  }
  const { rows, total, page } = await listStallPerformancePage(readDb, {
    location_id: location.id,
    sort,
    dir,
    page: positiveInt(param(sp, 'page')) ?? 1,
    pageSize: STALLS_PAGE_SIZE,
  });
  const exportQuery = new URLSearchParams({ location: String(location.id), sort, dir });

  return (
    <>
      <PageHeader
        title="Stalls"
        description="Talks, bookings and revenue per stall, across all companies, one location at a time. Cancelled bookings are left out."
        actions={
          <>
            <Link href={`/api/export/stalls?${exportQuery}`} className={buttonClass('secondary')} prefetch={false}>
              Export CSV
            </Link>
            <Link
              href={`/api/export/stalls?${new URLSearchParams({ sort: 'location', dir: 'asc' })}`}
              className={buttonClass('secondary')}
              prefetch={false}
            >
              Export all locations
            </Link>
          </>
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-2" aria-label="Choose a location">
        <div className="space-y-1">
          <label htmlFor="location" className="block text-sm font-medium">
            Location
          </label>
          <select
            id="location"
            name="location"
            defaultValue={location.id}
            className="touch-target rounded-lg border border-slate-300 bg-white px-3"
          >
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className={buttonClass('secondary')}>
          Show
        </button>
      </form>
      <h2 className="mb-3 text-lg font-semibold">{location.name}</h2>
      {rows.length > 0 ? (
        <section aria-label="Collected revenue by stall" className="mb-6 rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <h3 className="mb-2 font-semibold">
            Collected revenue by stall{total > rows.length ? ', the stalls of this page' : ''}
          </h3>
          <StallRevenueChart data={rows.map((r) => ({ stall: r.stall, collected: r.collected }))} />
        </section>
      ) : null}
      <StallsTable rows={rows} sort={sort} dir={dir} page={page} pageSize={STALLS_PAGE_SIZE} total={total} />
    </>
  );
}
