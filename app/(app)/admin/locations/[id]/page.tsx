import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AdminPager } from '@/components/tables/admin-pager';
import { Panel } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getLocation, listStalls, STALLS_ADMIN_PAGE_SIZE } from '@/db/queries/locations';
import { param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { AddStallForm, LocationForm, StallRow } from '../location-forms';

export const metadata: Metadata = { title: 'Location' };

export default async function LocationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requirePermission('manage');
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const asked = positiveInt(param(await searchParams, 'page')) ?? 1;
  const [location, { rows: stalls, total, page }] = await Promise.all([
    getLocation(db, id),
    listStalls(db, id, { page: asked, pageSize: STALLS_ADMIN_PAGE_SIZE }),
  ]);
  if (!location) notFound();
  return (
    <>
      <PageHeader
        back={{ href: '/admin/locations', label: 'All locations' }}
        title={location.loc_name}
        description={location.address ?? undefined}
      />
      <div className="grid gap-6 xl:grid-cols-[2fr_3fr]">
        <Panel id="details" title="Details">
          <LocationForm location={{ ...location, id }} />
        </Panel>
        <Panel id="stalls" title={`Stalls (${total})`}>
          {total === 0 ? (
            <p className="text-slate-600">
              No stalls yet. Add the first one below with its list price; the booth form proposes that price.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {stalls.map((s) => (
                <StallRow key={s.id} stall={s} locationId={id} />
              ))}
            </ul>
          )}
          <AdminPager
            label="Stalls: pages"
            page={page}
            pageSize={STALLS_ADMIN_PAGE_SIZE}
            shown={stalls.length}
            total={total}
            href={(p) => `/admin/locations/${id}${p > 1 ? `?page=${p}` : ''}#stalls`}
          />
          <h3 className="mt-6 mb-3 font-semibold">Add a stall</h3>
          <AddStallForm locationId={id} />
        </Panel>
      </div>
    </>
  );
}
