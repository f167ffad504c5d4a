'use client';

import { DataTable } from '@/components/tables/data-table';
import type { CampaignLeadRow } from '@/db/queries/campaigns';

import { campaignLeadColumns } from './columns';

const getRowId = (row: CampaignLeadRow) => String(row.id);

export type CampaignLeadsTableProps = {
  rows: CampaignLeadRow[];
  /** The campaign's leads counter. */
  total: number;
  /** 1-based; `page` in the URL. */
  page: number;
  pageSize: number;
};

/** One page of a campaign's leads, newest first; Previous / Next links change `page` in the URL. */
export function CampaignLeadsTable({ rows, total, page, pageSize }: CampaignLeadsTableProps) {
  return (
    <DataTable
      data={rows}
      columns={campaignLeadColumns}
      caption="Leads"
      sort="created_at"
      dir="desc"
      page={page}
      pageSize={pageSize}
      total={total}
      getRowId={getRowId}
      emptyMessage="No leads from this campaign yet."
    />
  );
}
