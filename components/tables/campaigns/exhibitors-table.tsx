'use client';

import { DataTable, type SortDir } from '@/components/tables/data-table';
import type { CampaignExhibitorRow, CampaignExhibitorSort } from '@/db/queries/campaigns';

import { campaignExhibitorColumns } from './columns';

const getRowId = (row: CampaignExhibitorRow) => row.exhibitor_id;

export type CampaignExhibitorsTableProps = {
  rows: CampaignExhibitorRow[];
  sort: CampaignExhibitorSort;
  dir: SortDir;
  page: number;
  pageSize: number;
  /** Companies with a lead or booking of the campaign, all pages together. */
  total: number;
  /** Prefix of this table's URL params, so the leads table on the same page keeps its own `page`. */
  paramPrefix: string;
};

/** One page of a campaign's exhibitor breakdown, sorted and paged by the server. */
export function CampaignExhibitorsTable({
  rows,
  sort,
  dir,
  page,
  pageSize,
  total,
  paramPrefix,
}: CampaignExhibitorsTableProps) {
  return (
    <DataTable
      data={rows}
      columns={campaignExhibitorColumns}
      caption="Exhibitor breakdown"
      sort={sort}
      dir={dir}
      page={page}
      pageSize={pageSize}
      total={total}
      getRowId={getRowId}
      paramPrefix={paramPrefix}
      emptyMessage="No lead or booking from this campaign names a company yet."
    />
  );
}
