'use client';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { CampaignAnalyticsRow, CampaignSort } from '@/db/queries/campaigns';

import { adminCampaignColumns, campaignColumns } from './columns';

const getRowId = (row: CampaignAnalyticsRow) => row.id;

/** A page of the campaign analytics list, sorted and paged by the server (`sort`, `dir`, `page` in the URL). */
export function CampaignsTable({
  rows,
  sort,
  dir,
  page,
  pageSize,
  total,
  admin = false,
}: {
  rows: CampaignAnalyticsRow[];
  sort: CampaignSort;
  dir: SortDir;
  page: number;
  pageSize: number;
  total: number;
  /** The admin's list: names open the management page, money columns left out. */
  admin?: boolean;
}) {
  return (
    <DataTable
      data={rows}
      columns={admin ? adminCampaignColumns : campaignColumns}
      caption="Campaigns"
      sort={sort}
      dir={dir}
      page={page}
      pageSize={pageSize}
      total={total}
      getRowId={getRowId}
      emptyMessage="No campaigns yet."
    />
  );
}
