'use client';

import {
  createDataTableColumnHelper,
  DataTable,
  type DataTableColumns,
  type SortDir,
} from '@/components/tables/data-table';
import type {
  ContributingCampaign,
  ContributingCampaignSort,
  ContributingCampaignWithMoney,
  DashboardPage,
} from '@/db/queries/companies';
import { formatCount } from '@/lib/format';
import { formatINR } from '@/lib/money';

import { CAMPAIGN_TABLE_PREFIX } from './dashboard-params';

function activityColumns<T extends ContributingCampaign>() {
  const h = createDataTableColumnHelper<T>();
  return [
    h.accessor((r) => r.name, { id: 'name', header: 'Campaign', meta: { rowHeader: true } }),
    h.accessor((r) => r.leads, {
      id: 'leads',
      header: 'Leads',
      sortDescFirst: true,
      meta: { align: 'end' },
      cell: (info) => formatCount(info.getValue()),
    }),
    h.accessor((r) => r.bookings, {
      id: 'bookings',
      header: 'Bookings',
      sortDescFirst: true,
      meta: { align: 'end' },
      cell: (info) => formatCount(info.getValue()),
    }),
  ];
}

const moneyHelper = createDataTableColumnHelper<ContributingCampaignWithMoney>();
const money = (key: 'collected' | 'booked', header: string) =>
  moneyHelper.accessor(key, {
    header,
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  });

const withMoney: DataTableColumns<ContributingCampaignWithMoney> = [
  ...activityColumns<ContributingCampaignWithMoney>(),
  money('collected', 'Collected'),
  money('booked', 'Booked value'),
];
/** Employees: their rows carry no money, so there is no money column to render. */
const withoutMoney: DataTableColumns<ContributingCampaign> = activityColumns<ContributingCampaign>();

const getRowId = (row: { campaign_id: string }) => row.campaign_id;

export type ContributingCampaignsTableProps = {
  page:
    | { canSeeMoney: true; data: DashboardPage<ContributingCampaignWithMoney> }
    | { canSeeMoney: false; data: DashboardPage<ContributingCampaign> };
  sort: ContributingCampaignSort;
  dir: SortDir;
};

/** The campaigns behind a company's leads and bookings, a page at a time; its sort and page are `campaigns_*` URL params. */
export function ContributingCampaignsTable({ page, sort, dir }: ContributingCampaignsTableProps) {
  const common = {
    caption: 'Contributing campaigns',
    sort,
    dir,
    page: page.data.page,
    pageSize: page.data.pageSize,
    total: page.data.total,
    getRowId,
    paramPrefix: CAMPAIGN_TABLE_PREFIX,
    emptyMessage: 'No campaign on this page.',
  };
  return page.canSeeMoney ? (
    <DataTable data={page.data.rows} columns={withMoney} {...common} />
  ) : (
    <DataTable data={page.data.rows} columns={withoutMoney} {...common} />
  );
}
