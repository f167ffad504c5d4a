'use client';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { CompanyRow } from '@/db/queries/companies';
import { companyColumnsWithMoney, companyColumnsWithoutMoney, type CompanySortKey } from './columns';

const getRowId = (row: CompanyRow) => row.id;

export type CompaniesTableProps = {
  rows: CompanyRow[];
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
  sort: CompanySortKey;
  dir: SortDir;
  /** False for employees: Collected, Booked value and Outstanding are not rendered. */
  showMoney: boolean;
};

/** The companies list, sorted and paged by the server; sort and page links keep the search (`q`). */
export function CompaniesTable({ rows, total, page, pageSize, sort, dir, showMoney }: CompaniesTableProps) {
  return (
    <DataTable
      data={rows}
      columns={showMoney ? companyColumnsWithMoney : companyColumnsWithoutMoney}
      caption="Companies"
      sort={sort}
      dir={dir}
      page={page}
      pageSize={pageSize}
      total={total}
      getRowId={getRowId}
      emptyMessage="No companies match."
    />
  );
}
