import type { Metadata } from 'next';
import Link from 'next/link';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { Panel } from '@/components/ui/card';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listCampaignAnalytics } from '@/db/queries/campaigns';
import { formatCount, formatDay } from '@/lib/format';
import { CAMPAIGN_STATUS_LABELS, CHANNEL_LABELS, labelOf } from '@/lib/labels';
import { requirePermission } from '@/lib/session';

import { CampaignForm } from './campaign-form';

export const metadata: Metadata = { title: 'Manage campaigns' };

export default async function ManageCampaignsPage() {
  await requirePermission('manage');
  // The primary, not a replica: this page is read right after its own writes.
  const campaigns = await listCampaignAnalytics(db, { sort: 'sent_at', dir: 'desc' });
  return (
    <>
      <PageHeader
        title="Manage campaigns"
        description="Create campaigns, add their recipients, export the outbox and import the gateway’s results."
      />
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">
          <p>Create the first campaign below, then add its recipients from a CSV file or from your contacts.</p>
        </EmptyState>
      ) : (
        <SimpleTable caption="Campaigns" head={['Campaign', 'Channel', 'Status', 'Sent on', 'Messages sent']}>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td className={cellClass}>
                <Link
                  href={`/admin/campaigns/${c.id}`}
                  className="inline-flex touch-target items-center font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  {c.name}
                </Link>
              </td>
              <td className={cellClass}>{labelOf(CHANNEL_LABELS, c.channel)}</td>
              <td className={cellClass}>{labelOf(CAMPAIGN_STATUS_LABELS, c.status)}</td>
              <td className={cellClass}>{formatDay(c.sent_at)}</td>
              <td className={`${cellClass} tabular-nums`}>{formatCount(c.messages_sent)}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <Panel id="new-campaign" title="New campaign" className="mt-8">
        <CampaignForm />
      </Panel>
    </>
  );
}
