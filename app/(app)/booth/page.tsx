import type { Metadata } from 'next';

import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getAttributionSettings } from '@/db/queries/attribution';
import { getExhibitor, listLocationsWithStalls, listRecentCampaigns } from '@/db/queries/booth';
import { can } from '@/lib/permissions';
import { requirePermission } from '@/lib/session';

import { BoothForm } from './booth-form';

export const metadata: Metadata = { title: 'Booth' };

function num(v: string | string[] | undefined) {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export default async function BoothPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission('recordEntries');
  const params = await searchParams;
  const exhibitorParam = typeof params.exhibitor === 'string' ? params.exhibitor : null;
  const [locations, campaigns, exhibitor, attribution] = await Promise.all([
    listLocationsWithStalls(db),
    listRecentCampaigns(db),
    exhibitorParam ? getExhibitor(db, exhibitorParam) : Promise.resolve(null),
    getAttributionSettings(db),
  ]);
  return (
    <>
      <PageHeader title="Booth" description="Record a talk with a visitor; a materialised talk books the stall." />
      {locations.length === 0 ? (
        <EmptyState title="No locations yet">
          <p>
            {can(user.role, 'manage')
              ? 'Add a location and its stalls under Locations first.'
              : 'Ask an admin to add the exhibition’s location and stalls first.'}
          </p>
        </EmptyState>
      ) : (
        <BoothForm
          locations={locations}
          campaigns={campaigns}
          attributionDays={attribution.windowDays}
          initial={{
            exhibitor: exhibitor ? { id: exhibitor.id, name: exhibitor.name } : null,
            phone: typeof params.phone === 'string' ? params.phone : '',
            locationId: num(params.location),
            tableId: num(params.stall),
          }}
        />
      )}
    </>
  );
}
