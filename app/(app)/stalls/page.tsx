import type { Metadata } from 'next';
import Link from 'next/link';

import { StallRevenueChart } from '@/components/charts/revenue-chart';
import { cellClass } from '@/components/tables/simple-table';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { readDb } from '@/db';
import { listLocationOptions, listStallPerformance, STALL_SORTS } from '@/db/queries/stalls';
import { formatINR } from '@/lib/money';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Stalls' };

const COLUMNS: { key: (typeof STALL_SORTS)[number] | null; label: string; numeric?: boolean }[] = [
  { key: 'location', label: 'Location' },
  { key: 'stall', label: 'Stall' },
  { key: 'talks', label: 'Talks', numeric: true },
  { key: 'bookings', label: 'Bookings', numeric: true },
  { key: 'collected', label: 'Collected', numeric: true },
  { key: 'average', label: 'Average booking', numeric: true },
  { key: null, label: 'Booked now' },
];

export default async function StallsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('readRevenue');
  const sp = await searchParams;
  const locationId = positiveInt(param(sp, 'location')) ?? null;
  const sort = oneOf(param(sp, 'sort'), STALL_SORTS, 'collected');
  const dir = oneOf(
    param(sp, 'dir'),
    ['asc', 'desc'] as const,
    sort === 'location' || sort === 'stall' ? 'asc' : 'desc',
  );
  const [locations, rows] = await Promise.all([
    listLocationOptions(readDb),
    listStallPerformance(readDb, { location_id: locationId, sort, dir }),
  ]);
  const base = { ...(locationId ? { location: String(locationId) } : {}) };
  const sortHref = (key: string) =>
    `/stalls?${new URLSearchParams({ ...base, sort: key, dir: key === sort && dir === 'desc' ? 'asc' : 'desc' })}`;

  return (
    <>
      <PageHeader
        title="Stalls"
        description="Talks, bookings and revenue per stall, across all companies. Cancelled bookings are left out."
        actions={
          <Link
            href={`/api/export/stalls?${new URLSearchParams({ ...base, sort, dir })}`}
            className={buttonClass('secondary')}
            prefetch={false}
          >
            Export CSV
          </Link>
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
            defaultValue={locationId ?? ''}
            className="touch-target rounded-lg border border-slate-300 bg-white px-3"
          >
            <option value="">All locations</option>
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
      {rows.length === 0 ? (
        <EmptyState title="No stalls yet">
          <p>Admins add locations and their stalls under Locations.</p>
        </EmptyState>
      ) : (
        <>
          {locationId ? (
            <section
              aria-label="Collected revenue by stall"
              className="mb-6 rounded-xl bg-white p-4 ring-1 ring-slate-200"
            >
              <h2 className="mb-2 font-semibold">Collected revenue by stall</h2>
              <StallRevenueChart data={rows.map((r) => ({ stall: r.stall, collected: r.collected }))} />
            </section>
          ) : (
            <p className="mb-4 text-slate-600">Choose a location to see its revenue chart.</p>
          )}
          <ScrollRegion label="Stall-wise performance table" className="rounded-xl bg-white ring-1 ring-slate-200">
            <table className="w-full text-left">
              <caption className="sr-only">Stall-wise performance</caption>
              <thead className="bg-slate-50 text-sm text-slate-600">
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.label}
                      scope="col"
                      className="px-4 py-2 font-medium"
                      aria-sort={c.key === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {c.key ? (
                        <Link
                          href={sortHref(c.key)}
                          className="inline-flex touch-target items-center gap-1 hover:text-brand-700"
                        >
                          {c.label}
                          {c.key === sort ? <span aria-hidden="true">{dir === 'asc' ? '▲' : '▼'}</span> : null}
                        </Link>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <tr key={r.table_id}>
                    <td className={cellClass}>{r.location}</td>
                    <td className={cellClass}>{r.stall}</td>
                    <td className={`${cellClass} tabular-nums`}>{r.talks}</td>
                    <td className={`${cellClass} tabular-nums`}>{r.bookings}</td>
                    <td className={`${cellClass} tabular-nums`}>{formatINR(r.collected)}</td>
                    <td className={`${cellClass} tabular-nums`}>{formatINR(r.average_booking)}</td>
                    <td className={cellClass}>{r.booked_now ? 'Booked' : 'Free'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </>
  );
}
