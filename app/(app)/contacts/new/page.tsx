import type { Metadata } from 'next';

import { PageHeader } from '@/components/ui/page-header';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { ContactForm } from '../contact-form';

export const metadata: Metadata = { title: 'Add a contact' };

/** Add a company (`?type=company`, the default) or a visitor (`?type=visitor`); admins only. */
export default async function NewContactPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manage');
  const type = param(await searchParams, 'type') === 'visitor' ? 'visitor' : 'exhibitor';
  const view = type === 'exhibitor' ? 'companies' : 'visitors';
  return (
    <>
      <PageHeader
        back={{ href: `/contacts?view=${view}`, label: `All ${view}` }}
        title={type === 'exhibitor' ? 'Add a company' : 'Add a visitor'}
        description={
          type === 'exhibitor'
            ? 'An exhibitor company. Two companies may share a phone (a switchboard).'
            : 'One person per phone: a visitor whose phone another visitor has is refused, with a link to that visitor.'
        }
      />
      <section className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <ContactForm type={type} />
      </section>
    </>
  );
}
