import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { buttonClass } from '@/components/ui/button';
import { Panel } from '@/components/ui/card';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { PillNav } from '@/components/ui/pill-nav';
import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { countRecipientsByStatus, getCampaign, listRecipients } from '@/db/queries/campaigns';
import { RECIPIENT_CHUNK } from '@/db/services/campaigns';
import { todayInIndia } from '@/lib/dates';
import { formatCount, formatDateTime } from '@/lib/format';
import { CAMPAIGN_STATUS_LABELS, CHANNEL_LABELS, labelOf, RECIPIENT_STATUS_LABELS } from '@/lib/labels';
import { formatPhone } from '@/lib/phone';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { CampaignForm } from '../campaign-form';
import { MarkSentForm } from './mark-sent-form';
import { RecipientFilterForm } from './recipient-filter-form';
import { RecipientsUpload } from './recipients-upload';
import { ResultsImport } from './results-import';

export const metadata: Metadata = { title: 'Manage campaign' };

const PAGE_SIZE = 50;
/** Companies listed in the "talked to" select; beyond this a search box loads the rest. */
const COMPANY_OPTIONS = 200;
const STATUS_FILTERS = ['all', 'pending', 'sent', 'failed'] as const;

const headingClass = 'mb-4 text-lg font-semibold';

export default async function ManageCampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requirePermission('manage');
  const { id } = await params;
  if (id.length !== 26) notFound();
  const sp = await searchParams;
  const status = oneOf(param(sp, 'status'), STATUS_FILTERS, 'all');
  const after = positiveInt(param(sp, 'after'));
  // The primary, not a replica: the page is re-read right after its own writes.
  const [campaign, counts, page, companies] = await Promise.all([
    getCampaign(db, id),
    countRecipientsByStatus(db, id),
    listRecipients(db, id, { status: status === 'all' ? null : status, after, limit: PAGE_SIZE + 1 }),
    searchExhibitors(db, '', COMPANY_OPTIONS + 1),
  ]);
  if (!campaign) notFound();

  const total = counts.pending + counts.sent + counts.failed;
  const recipients = page.slice(0, PAGE_SIZE);
  const next = page.length > PAGE_SIZE ? recipients[recipients.length - 1]!.id : null;
  const listHref = (s: (typeof STATUS_FILTERS)[number], from?: number) => {
    const q = new URLSearchParams({
      ...(s !== 'all' ? { status: s } : {}),
      ...(from ? { after: String(from) } : {}),
    }).toString();
    return `/admin/campaigns/${id}${q ? `?${q}` : ''}#recipients`;
  };

  return (
    <>
      <PageHeader
        back={{ href: '/admin/campaigns', label: 'All campaigns' }}
        title={campaign.name}
        description={`${labelOf(CHANNEL_LABELS, campaign.channel)} · ${labelOf(CAMPAIGN_STATUS_LABELS, campaign.status)} · ${formatCount(campaign.messages_sent)} messages sent`}
      />

      <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
        <Panel id="details" title="Campaign details">
          <CampaignForm
            campaign={{
              id,
              name: campaign.name,
              channel: campaign.channel,
              message: campaign.message,
              status: campaign.status,
              sent_on: campaign.sent_at ? todayInIndia(campaign.sent_at) : null,
            }}
          />
        </Panel>

        <Panel id="counts" title="Recipients by status">
          <dl className="grid grid-cols-3 gap-3">
            {(['pending', 'sent', 'failed'] as const).map((s) => (
              <div key={s} className="rounded-lg bg-slate-50 p-3">
                <dt className="text-sm text-slate-600">{RECIPIENT_STATUS_LABELS[s]}</dt>
                <dd className="text-2xl font-semibold tabular-nums" data-testid={`count-${s}`}>
                  {formatCount(counts[s])}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-4 text-slate-700">
            {total === 0
              ? 'No recipients yet: upload a CSV or add contacts by a filter below.'
              : `${formatCount(total)} recipients in all.`}
          </p>
          <p className="mt-2">
            <Link
              href={`/campaigns/${id}`}
              className="inline-flex touch-target items-center font-medium text-brand-700 underline underline-offset-2"
            >
              Leads, bookings and revenue of this campaign
            </Link>
          </p>
        </Panel>
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Panel id="upload" title="Upload recipients from CSV">
          <RecipientsUpload campaignId={id} chunkSize={RECIPIENT_CHUNK} />
        </Panel>

        <Panel id="filter" title="Add recipients by filter">
          <RecipientFilterForm
            campaignId={id}
            companies={companies.slice(0, COMPANY_OPTIONS)}
            moreCompanies={companies.length > COMPANY_OPTIONS}
          />
        </Panel>
      </div>

      <Panel id="sending" title="Sending" className="mt-6">
        <div className="grid gap-8 lg:grid-cols-2">
          <div className="space-y-3">
            <h3 className="font-semibold">1. Send through the gateway</h3>
            <p className="text-slate-700">
              The outbox lists the {formatCount(counts.pending)} pending recipients with the message (phones in
              international form, +91…). Upload it to the messaging gateway.
            </p>
            {campaign.message ? null : (
              <p className="text-amber-800">
                This campaign has no message yet: the outbox’s message column will be empty.
              </p>
            )}
            <a href={`/api/export/campaigns/${id}/outbox`} download className={buttonClass('secondary')}>
              Download outbox CSV
            </a>
            <h3 className="pt-4 font-semibold">Or, sent another way</h3>
            <MarkSentForm campaignId={id} pending={counts.pending} />
          </div>
          <div className="space-y-3">
            <h3 className="font-semibold">2. Import gateway results</h3>
            <ResultsImport campaignId={id} chunkSize={RECIPIENT_CHUNK} />
          </div>
        </div>
      </Panel>

      <section aria-labelledby="recipients" className="mt-6">
        <h2 id="recipients" className={`${headingClass} scroll-mt-32`}>
          Recipients
        </h2>
        <PillNav
          label="Recipient status"
          className="mb-3"
          current={status}
          items={STATUS_FILTERS.map((s) => ({
            key: s,
            href: listHref(s),
            label: `${s === 'all' ? 'All' : RECIPIENT_STATUS_LABELS[s]} (${formatCount(s === 'all' ? total : counts[s])})`,
          }))}
        />
        {recipients.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700">
            {after
              ? 'No more recipients.'
              : status === 'all'
                ? 'No recipients yet. Upload a CSV or add contacts by a filter above.'
                : `No ${RECIPIENT_STATUS_LABELS[status].toLowerCase()} recipients.`}
          </p>
        ) : (
          <SimpleTable
            caption={`Recipients${status === 'all' ? '' : `, ${RECIPIENT_STATUS_LABELS[status].toLowerCase()}`}`}
            head={['Phone', 'Name', 'Status', 'Sent at', 'Error']}
          >
            {recipients.map((r) => (
              <tr key={r.id}>
                <td className={`${cellClass} whitespace-nowrap tabular-nums`}>{formatPhone(r.phone)}</td>
                <td className={cellClass}>{r.name ?? <span className="text-slate-600">—</span>}</td>
                <td className={cellClass}>{RECIPIENT_STATUS_LABELS[r.status]}</td>
                <td className={`${cellClass} whitespace-nowrap`}>{formatDateTime(r.sent_at)}</td>
                <td className={`${cellClass} text-red-800`}>{r.error ?? ''}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
        <KeysetPager firstHref={after ? listHref(status) : null} nextHref={next ? listHref(status, next) : null} />
      </section>
    </>
  );
}
