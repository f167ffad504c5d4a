import type { Metadata } from 'next';
import Link from 'next/link';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { Panel } from '@/components/ui/card';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listLocations } from '@/db/queries/locations';
import { requirePermission } from '@/lib/session';

import { LocationForm } from './location-forms';

export const metadata: Metadata = { title: 'Locations' };

export default async function LocationsPage() {
  await requirePermission('manage');
  const locations = await listLocations(db);
  return (
    <>
      <PageHeader
        title="Locations and stalls"
        description="Exhibition venues, their event dates, and the stalls you sell there."
      />
      {locations.length === 0 ? (
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
      <Panel id="new-location" title="Add a location" className="mt-8">
        <LocationForm />
      </Panel>
    </>
  );
}
