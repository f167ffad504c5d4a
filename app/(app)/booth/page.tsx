import type { Metadata } from 'next';
import { cookies } from 'next/headers';

import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getAttributionSettings } from '@/db/queries/attribution';
import { getExhibitor, listBoothLocations, listLocationStalls, listRecentCampaigns } from '@/db/queries/booth';
import { can } from '@/lib/permissions';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { BoothForm } from './booth-form';
import { BOOTH_LOCATION_COOKIE, locationIdOf } from './location-cookie';

export const metadata: Metadata = { title: 'Booth' };

/**
 * The booth: the locations, and the stalls of one — the URL's (a link from
 * "My follow-ups") or the tablet's saved one (its cookie). Another location's
 * stalls are fetched when the employee switches to it. Five small queries,
 * none growing with the data: one location's stalls, 30 campaigns, one company.
 */
export default async function BoothPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('recordEntries');
  const params = await searchParams;
  const exhibitorParam = param(params, 'exhibitor') ?? null;
  const urlLocationId = locationIdOf(param(params, 'location'));
  const savedLocationId = locationIdOf((await cookies()).get(BOOTH_LOCATION_COOKIE)?.value);
  const stallsOf = urlLocationId ?? savedLocationId;
  const [locations, stalls, campaigns, exhibitor, attribution] = await Promise.all([
    listBoothLocations(db),
    stallsOf ? listLocationStalls(db, stallsOf) : Promise.resolve(null),
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
          userId={user.id}
          locations={locations}
          loadedStalls={stallsOf && stalls ? { locationId: stallsOf, stalls } : null}
          savedLocationId={savedLocationId}
          campaigns={campaigns}
          attributionDays={attribution.windowDays}
          initial={{
            exhibitor: exhibitor ? { id: exhibitor.id, name: exhibitor.name } : null,
            phone: param(params, 'phone') ?? '',
            locationId: urlLocationId,
            tableId: locationIdOf(param(params, 'stall')),
          }}
        />
      )}
    </>
  );
}
