import type { Metadata } from 'next';
import Link from 'next/link';
import { readDb } from '@/db';
import { COMPANY_SORTS, listCompanies } from '@/db/queries/companies';
import { CompaniesTable } from '@/components/tables/companies/companies-table';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/permissions';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Companies' };

const PAGE_SIZE = 25;

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('readCompanies');
  const showMoney = can(user.role, 'readRevenue');
  const params = await searchParams;
  const q = param(params, 'q');
  // Employees cannot sort by money they cannot see.
  const sortable = showMoney ? COMPANY_SORTS : COMPANY_SORTS.filter((s) => !['collected', 'booked', 'outstanding'].includes(s));
  const sort = oneOf(param(params, 'sort'), sortable, showMoney ? 'collected' : 'leads');
  const dir = oneOf(param(params, 'dir'), ['asc', 'desc'] as const, sort === 'name' ? 'asc' : 'desc');
  const page = positiveInt(param(params, 'page')) ?? 1;
  const { rows, total } = await listCompanies(readDb, { q, sort, dir, page, pageSize: PAGE_SIZE });
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
          <input id="q" name="q" type="search" defaultValue={q} placeholder="e.g. Textiles" className="touch-target block w-full rounded-lg border border-slate-300 bg-white px-3" />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className={buttonClass('primary')}>
          Search
        </button>
      </form>
      <CompaniesTable rows={rows} total={total} page={page} pageSize={PAGE_SIZE} sort={sort} dir={dir} showMoney={showMoney} />
    </>
  );
}
