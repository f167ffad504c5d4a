import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'My follow-ups' };

export default async function FollowUpsPage() {
  await requirePermission('recordEntries');
  return (
    <>
      <PageHeader title="My follow-ups" description="Leads due today and overdue." />
      <EmptyState title="Not built yet">
        <p>Due follow-ups will be listed here once booth entry lands.</p>
      </EmptyState>
    </>
  );
}
