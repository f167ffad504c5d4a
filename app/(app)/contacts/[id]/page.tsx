import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';

import { Panel } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getContact, getContactReferences, type ContactDetail } from '@/db/queries/contacts';
import { CONTACT_FIELDS, FIELD_LABELS, type ContactField } from '@/lib/contact-fields';
import { formatCount, formatDay } from '@/lib/format';
import { can } from '@/lib/permissions';
import { formatPhone } from '@/lib/phone';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { ULID_RE } from '@/lib/validation';

import { ContactForm, DeleteContactForm, RestoreContactForm, type ContactValues } from '../contact-form';
import { describeReferences, viewOf } from '../labels';

export const metadata: Metadata = { title: 'Contact' };

function valuesOf(c: ContactDetail): ContactValues {
  const values: ContactValues = { id: c.id };
  for (const field of CONTACT_FIELDS[c.type]) values[field] = c[field];
  return values;
}

const shown = (field: ContactField, value: string | null) =>
  value === null ? '—' : field === 'phone' ? formatPhone(value) : value;

/** One contact: its fields (admins edit them), what points at it, delete and restore. A merged-away contact opens its survivor. */
export default async function ContactPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requirePermission('readContacts');
  const canManage = can(user.role, 'manage');
  const { id } = await params;
  if (!ULID_RE.test(id)) notFound();
  // The primary, not a replica: this page shows what its own forms just wrote.
  const [contact, references] = await Promise.all([getContact(db, id), getContactReferences(db, id)]);
  if (!contact) notFound();
  // Old links to a merged-away contact resolve to the one it became.
  if (contact.merged_into_id) redirect(`/contacts/${contact.merged_into_id}`);
  const company = contact.type === 'exhibitor';
  const view = viewOf(contact.type);
  const added = param(await searchParams, 'added') === '1';

  return (
    <>
      <PageHeader
        back={{ href: `/contacts?view=${view}`, label: `All ${view}` }}
        title={contact.name}
        description={`${company ? 'Company' : 'Visitor'} · added ${formatDay(contact.created_at)}`}
        actions={
          (company && !contact.deleted_at) || canManage ? (
            <div className="flex flex-wrap gap-4">
              {company && !contact.deleted_at ? (
                <Link
                  href={`/companies/${contact.id}`}
                  className="inline-flex touch-target items-center font-medium text-brand-700 underline underline-offset-2"
                >
                  Open the company’s dashboard
                </Link>
              ) : null}
              {canManage ? (
                <Link
                  href={`/admin/audit?${new URLSearchParams({ entity: 'contact', entity_id: contact.id })}`}
                  className="inline-flex touch-target items-center font-medium text-brand-700 underline underline-offset-2"
                >
                  History (audit log)
                </Link>
              ) : null}
            </div>
          ) : undefined
        }
      />
      {added ? (
        <p role="status" className="mb-4 rounded-lg bg-green-50 px-4 py-3 text-green-800 ring-1 ring-green-200">
          Added {contact.name}.
        </p>
      ) : null}
      {contact.deleted_at ? (
        <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200">
          Deleted on {formatDay(contact.deleted_at)}: it is in no list and the booth does not find it. Everything that
          points at it is kept.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Panel id="fields-heading" title={canManage ? 'Details' : 'Details (read only)'} className="lg:col-span-2">
          {canManage ? (
            <ContactForm type={contact.type} contact={valuesOf(contact)} />
          ) : (
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
              {CONTACT_FIELDS[contact.type].map((field) => (
                <div key={field}>
                  <dt className="text-sm text-slate-600">{FIELD_LABELS[field]}</dt>
                  <dd className="break-words whitespace-pre-line">{shown(field, contact[field])}</dd>
                </div>
              ))}
            </dl>
          )}
        </Panel>
        <section aria-labelledby="refs-heading" className="space-y-4 rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <h2 id="refs-heading" className="text-lg font-semibold">
            What points at {company ? 'this company' : 'this visitor'}
          </h2>
          <dl className="grid grid-cols-2 gap-3">
            {(
              [
                ['Leads', references.leads],
                ['Talks', references.talks],
                ['Bookings', references.bookings],
                ['Campaign recipients', references.recipients],
              ] as const
            ).map(([label, n]) => (
              <div key={label}>
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="text-xl font-semibold tabular-nums">{formatCount(n)}</dd>
              </div>
            ))}
          </dl>
          {canManage ? (
            contact.deleted_at ? (
              <RestoreContactForm id={contact.id} name={contact.name} />
            ) : (
              <>
                <DeleteContactForm id={contact.id} name={contact.name} references={references} />
                {company ? (
                  <p className="text-sm text-slate-600">
                    Entered twice?{' '}
                    <Link
                      href={`/contacts/duplicates?tab=companies&from=${contact.id}`}
                      className="font-medium text-brand-700 underline underline-offset-2"
                    >
                      Merge with another company
                    </Link>
                  </p>
                ) : null}
              </>
            )
          ) : (
            <p className="text-sm text-slate-600">
              Nothing is erased: a deleted contact keeps {describeReferences(references)}.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
