import type { Metadata } from 'next';
import Link from 'next/link';

import { AdminPager } from '@/components/tables/admin-pager';
import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { Panel } from '@/components/ui/card';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listLocations, LOCATIONS_PAGE_SIZE } from '@/db/queries/locations';
import { param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { LocationForm } from './location-forms';

export const metadata: Metadata = { title: 'Locations' };

export default async function LocationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manage');
  const asked = positiveInt(param(await searchParams, 'page')) ?? 1;
  const { rows: locations, total, page } = await listLocations(db, { page: asked, pageSize: LOCATIONS_PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Locations and stalls"
        description="Exhibition venues, their event dates, and the stalls you sell there."
      />
      {total === 0 ? (
        <EmptyState title="No locations yet">
          <p>Add the first venue below, then its stalls with their list prices.</p>
        </EmptyState>
      ) : (
        <SimpleTable caption="Locations" head={['Location', 'Event dates', 'Stalls', '']}>
          {locations.map((l) => (
            <tr key={l.id}>
              <td className={cellClass}>
                <span className="font-medium">{l.loc_name}</span>
                {l.address ? <span className="block text-sm text-slate-600">{l.address}</span> : null}
              </td>
              <td className={cellClass}>
                {l.event_start_date ? `${l.event_start_date} – ${l.event_end_date ?? '…'}` : '—'}
              </td>
              <td className={cellClass}>{l.stall_count}</td>
              <td className={`${cellClass} text-right`}>
                <Link
                  href={`/admin/locations/${l.id}`}
                  className="inline-flex touch-target items-center rounded-lg px-3 font-medium text-brand-700 hover:bg-brand-50"
                >
                  Manage<span className="sr-only"> {l.loc_name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <AdminPager
        label="Locations: pages"
        page={page}
        pageSize={LOCATIONS_PAGE_SIZE}
        shown={locations.length}
        total={total}
        href={(p) => (p > 1 ? `/admin/locations?page=${p}` : '/admin/locations')}
      />
      <Panel id="new-location" title="Add a location" className="mt-8">
        <LocationForm />
      </Panel>
    </>
  );
}
