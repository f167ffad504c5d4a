import Link from 'next/link';

import { createDataTableColumnHelper, type DataTableColumns } from '@/components/tables/data-table';
import type { CampaignAnalyticsRow, CampaignExhibitorRow, CampaignLeadRow } from '@/db/queries/campaigns';
import { formatPercent } from '@/lib/analytics';
import { formatCount, formatDateTime, formatDay } from '@/lib/format';
import { CAMPAIGN_STATUS_LABELS, CHANNEL_LABELS, labelOf, OUTCOME_LABELS } from '@/lib/labels';
import { formatINR } from '@/lib/money';
import { formatPhone } from '@/lib/phone';

const linkClass =
  'touch-target inline-flex items-center rounded-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

/* ------------------------------------------------------- the analytics list */

const campaign = createDataTableColumnHelper<CampaignAnalyticsRow>();

/** The analytics list; every sortable column id is a `sort` value of listCampaignAnalytics (CAMPAIGN_SORTS). */
export const campaignColumns: DataTableColumns<CampaignAnalyticsRow> = campaign.columns([
  campaign.accessor('name', {
    header: 'Campaign',
    meta: { rowHeader: true, className: 'min-w-48' },
    cell: ({ row }) => (
      <Link href={`/campaigns/${row.original.id}`} className={linkClass}>
        {row.original.name}
      </Link>
    ),
  }),
  campaign.accessor('channel', {
    header: 'Channel',
    enableSorting: false,
    cell: (info) => labelOf(CHANNEL_LABELS, info.getValue()),
  }),
  campaign.accessor('status', {
    header: 'Status',
    enableSorting: false,
    cell: (info) => labelOf(CAMPAIGN_STATUS_LABELS, info.getValue()),
  }),
  campaign.accessor('sent_at', {
    header: 'Sent',
    sortDescFirst: true,
    meta: { className: 'whitespace-nowrap' },
    cell: (info) => formatDay(info.getValue()),
  }),
  campaign.accessor('messages_sent', {
    header: 'Messages sent',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  campaign.accessor('leads', {
    header: 'Leads',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  campaign.accessor('bookings', {
    header: 'Bookings',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  campaign.accessor('collected', {
    header: 'Collected',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  }),
  campaign.accessor('booked', {
    header: 'Booked value',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  }),
  campaign.accessor('conversion', {
    header: 'Conversion',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatPercent(info.getValue()),
  }),
]);

/** The admin's campaign list: the same rows, each opening its management page; sortable columns as above. */
export const adminCampaignColumns: DataTableColumns<CampaignAnalyticsRow> = campaign.columns([
  campaign.accessor('name', {
    header: 'Campaign',
    meta: { rowHeader: true, className: 'min-w-48' },
    cell: ({ row }) => (
      <Link href={`/admin/campaigns/${row.original.id}`} className={linkClass}>
        {row.original.name}
      </Link>
    ),
  }),
  campaign.accessor('channel', {
    header: 'Channel',
    enableSorting: false,
    cell: (info) => labelOf(CHANNEL_LABELS, info.getValue()),
  }),
  campaign.accessor('status', {
    header: 'Status',
    enableSorting: false,
    cell: (info) => labelOf(CAMPAIGN_STATUS_LABELS, info.getValue()),
  }),
  campaign.accessor('sent_at', {
    header: 'Sent on',
    sortDescFirst: true,
    meta: { className: 'whitespace-nowrap' },
    cell: (info) => formatDay(info.getValue()),
  }),
  campaign.accessor('messages_sent', {
    header: 'Messages sent',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
]);

/* ------------------------------------------------------ one campaign's leads */

const lead = createDataTableColumnHelper<CampaignLeadRow>();

/** A campaign's leads, newest first; the order is fixed by the query, so nothing sorts. */
export const campaignLeadColumns: DataTableColumns<CampaignLeadRow> = lead.columns([
  lead.accessor('created_at', {
    header: 'Date',
    enableSorting: false,
    meta: { className: 'whitespace-nowrap' },
    cell: (info) => formatDateTime(info.getValue()),
  }),
  lead.accessor('status', {
    header: 'Status',
    enableSorting: false,
    cell: (info) => labelOf(OUTCOME_LABELS, info.getValue()),
  }),
  lead.display({
    id: 'visitor',
    header: 'Visitor',
    meta: { rowHeader: true, className: 'min-w-40' },
    cell: ({ row }) => (
      <span className="flex flex-col">
        <span className="font-medium">{row.original.visitor_name ?? 'Unknown visitor'}</span>
        {row.original.phone ? (
          <span className="text-sm whitespace-nowrap text-slate-600">
            <span className="sr-only">, </span>
            {formatPhone(row.original.phone)}
          </span>
        ) : null}
      </span>
    ),
  }),
  lead.accessor('company', {
    header: 'Company',
    enableSorting: false,
    meta: { className: 'min-w-40' },
    cell: ({ row }) =>
      row.original.exhibitor_id && row.original.company ? (
        <Link href={`/companies/${row.original.exhibitor_id}`} className={linkClass}>
          {row.original.company}
        </Link>
      ) : (
        '—'
      ),
  }),
  lead.accessor('employee', {
    header: 'Employee',
    enableSorting: false,
    cell: (info) => info.getValue() ?? '—',
  }),
  lead.accessor('next_followup_date', {
    header: 'Next follow-up',
    enableSorting: false,
    meta: { className: 'whitespace-nowrap' },
    cell: (info) => formatDay(info.getValue()),
  }),
]);

/* ------------------------------------------ one campaign's exhibitor breakdown */

const exhibitor = createDataTableColumnHelper<CampaignExhibitorRow>();

/** The exhibitor breakdown; every sortable column id is a `sort` value of listCampaignExhibitorPage (CAMPAIGN_EXHIBITOR_SORTS). */
export const campaignExhibitorColumns: DataTableColumns<CampaignExhibitorRow> = exhibitor.columns([
  exhibitor.accessor('name', {
    header: 'Company',
    meta: { rowHeader: true, className: 'min-w-48' },
    cell: ({ row }) => (
      <Link
        href={`/companies/${row.original.exhibitor_id}`}
        className="inline-flex touch-target flex-col justify-center rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <span className="font-medium text-brand-700 underline underline-offset-2">{row.original.name}</span>
        {row.original.city ? (
          <span className="text-sm text-slate-600">
            <span className="sr-only">, </span>
            {row.original.city}
          </span>
        ) : null}
      </Link>
    ),
  }),
  exhibitor.accessor('leads', {
    header: 'Leads',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  exhibitor.accessor('bookings', {
    header: 'Bookings',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  exhibitor.accessor('collected', {
    header: 'Collected',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  }),
  exhibitor.accessor('booked', {
    header: 'Booked value',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  }),
]);
