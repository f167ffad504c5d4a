'use client';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { CompanyList } from '@/db/queries/companies';

import { companyColumnsWithMoney, companyColumnsWithoutMoney, type CompanySortKey } from './columns';

const getRowId = (row: { id: string }) => row.id;

export type CompaniesTableProps = {
  /** The page of rows as the read model gave it for this viewer: with money, or (employees) without any. */
  list: CompanyList;
  /** 1-based. */
  page: number;
  pageSize: number;
  sort: CompanySortKey;
  dir: SortDir;
};

/** The companies list, sorted and paged by the server; sort and page links keep the search (`q`). */
export function CompaniesTable({ list, page, pageSize, sort, dir }: CompaniesTableProps) {
  const common = {
    caption: 'Companies',
    sort,
    dir,
    page,
    pageSize,
    total: list.total,
    getRowId,
    emptyMessage: 'No companies match.',
  };
  return list.canSeeMoney ? (
    <DataTable data={list.rows} columns={companyColumnsWithMoney} {...common} />
  ) : (
    <DataTable data={list.rows} columns={companyColumnsWithoutMoney} {...common} />
  );
}
