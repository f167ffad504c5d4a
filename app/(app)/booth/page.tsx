import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Booth' };

export default async function BoothPage() {
  await requirePermission('recordEntries');
  return (
    <>
      <PageHeader title="Booth" description="Record a talk with a visitor and turn it into a stall booking." />
      <EmptyState title="Not built yet">
        <p>The booth entry form is the next thing being built. Until then, talks cannot be recorded here.</p>
      </EmptyState>
    </>
  );
}
