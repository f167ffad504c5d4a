import type { Metadata } from 'next';
import Link from 'next/link';

import { CompaniesTable } from '@/components/tables/companies/companies-table';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { readDb } from '@/db';
import { companySortsFor, listCompanies } from '@/db/queries/companies';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { viewerFor } from '@/lib/viewer';

export const metadata: Metadata = { title: 'Companies' };

const PAGE_SIZE = 25;

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('readCompanies');
  // The read model leaves money out for a viewer who may not see it: employees get rows without it.
  const viewer = viewerFor(user);
  const showMoney = viewer.canSeeMoney;
  const params = await searchParams;
  const q = param(params, 'q');
  // Employees cannot sort by money they cannot see.
  const sort = oneOf(param(params, 'sort'), companySortsFor(viewer), showMoney ? 'collected' : 'leads');
  const dir = oneOf(param(params, 'dir'), ['asc', 'desc'] as const, sort === 'name' ? 'asc' : 'desc');
  const page = positiveInt(param(params, 'page')) ?? 1;
  const list = await listCompanies(readDb, { q, sort, dir, page, pageSize: PAGE_SIZE }, viewer);
  const exportHref = `/api/export/companies?${new URLSearchParams({ ...(q ? { q } : {}), sort, dir })}`;

  return (
    <>
      <PageHeader
        title="Companies"
        description="Every exhibitor with its leads, bookings and last talk. Open one for its dashboard and timeline."
        actions={
          showMoney ? (
            <Link href={exportHref} className={buttonClass('secondary')} prefetch={false}>
              Export CSV
            </Link>
          ) : undefined
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Companies">
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="q" className="block text-sm font-medium">
            Company name
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="e.g. Textiles"
            className="block touch-target w-full rounded-lg border border-slate-300 bg-white px-3"
          />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className={buttonClass('primary')}>
          Search
        </button>
      </form>
      <CompaniesTable list={list} page={page} pageSize={PAGE_SIZE} sort={sort} dir={dir} />
    </>
  );
}
