'use client';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { CampaignAnalyticsRow, CampaignSort } from '@/db/queries/campaigns';

import { campaignColumns } from './columns';

const getRowId = (row: CampaignAnalyticsRow) => row.id;

/** The campaign analytics list, sorted by the server; every campaign on one page (there are tens, not thousands). */
export function CampaignsTable({
  rows,
  sort,
  dir,
}: {
  rows: CampaignAnalyticsRow[];
  sort: CampaignSort;
  dir: SortDir;
}) {
  return (
    <DataTable
      data={rows}
      columns={campaignColumns}
      caption="Campaigns"
      sort={sort}
      dir={dir}
      page={1}
      pageSize={Math.max(1, rows.length)}
      total={rows.length}
      getRowId={getRowId}
      emptyMessage="No campaigns yet."
    />
  );
}
