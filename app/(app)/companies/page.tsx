import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Companies' };

export default async function CompaniesPage() {
  await requirePermission('readCompanies');
  return (
    <>
      <PageHeader title="Companies" description="Every exhibitor with its leads, bookings and timeline." />
      <EmptyState title="Not built yet">
        <p>Company dashboards and timelines are not built yet.</p>
      </EmptyState>
    </>
  );
}
