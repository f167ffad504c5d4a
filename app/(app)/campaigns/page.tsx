import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  await requirePermission('readRevenue');
  return (
    <>
      <PageHeader title="Campaigns" description="Messages sent, leads, bookings and revenue per campaign." />
      <EmptyState title="Not built yet">
        <p>Campaign analytics and recipient management are not built yet.</p>
      </EmptyState>
    </>
  );
}
