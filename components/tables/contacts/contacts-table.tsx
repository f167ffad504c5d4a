'use client';

import type { ReactNode } from 'react';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { ContactRow, ContactSort } from '@/db/queries/contacts';
import type { ContactType } from '@/db/schema/contacts';

import { companyContactColumns, visitorContactColumns } from './columns';

const getRowId = (row: ContactRow) => row.id;

export type ContactsTableProps = {
  type: ContactType;
  rows: ContactRow[];
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
  sort: ContactSort;
  dir: SortDir;
  emptyMessage: ReactNode;
};

/** The companies or the visitors, sorted and paged by the server; sort and page links keep the search and filters. */
export function ContactsTable({ type, rows, ...rest }: ContactsTableProps) {
  return type === 'exhibitor' ? (
    <DataTable data={rows} columns={companyContactColumns} caption="Companies" getRowId={getRowId} {...rest} />
  ) : (
    <DataTable data={rows} columns={visitorContactColumns} caption="Visitors" getRowId={getRowId} {...rest} />
  );
}
