'use client';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { StallRow, StallSort } from '@/db/queries/stalls';

import { stallColumns } from './columns';

const getRowId = (row: StallRow) => String(row.table_id);

/** One page of a location's stalls, sorted and paged by the server (`sort`, `dir`, `page` in the URL; `location` kept). */
export function StallsTable({
  rows,
  sort,
  dir,
  page,
  pageSize,
  total,
}: {
  rows: StallRow[];
  sort: StallSort;
  dir: SortDir;
  page: number;
  pageSize: number;
  total: number;
}) {
  return (
    <DataTable
      data={rows}
      columns={stallColumns}
      caption="Stall-wise performance"
      sort={sort}
      dir={dir}
      page={page}
      pageSize={pageSize}
      total={total}
      getRowId={getRowId}
      emptyMessage="This location has no stalls yet."
    />
  );
}
