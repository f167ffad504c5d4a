import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Stalls' };

export default async function StallsPage() {
  await requirePermission('readRevenue');
  return (
    <>
      <PageHeader title="Stalls" description="Talks, bookings and revenue per stall." />
      <EmptyState title="Not built yet">
        <p>Stall-wise performance is not built yet.</p>
      </EmptyState>
    </>
  );
}
