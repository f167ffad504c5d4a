import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getLegacyRowContext, listStallsOfLocation } from '@/db/legacy/row-context';
import { searchExhibitors } from '@/db/queries/booth';
import { listLocationOptions } from '@/db/queries/stalls';
import { formatDay } from '@/lib/format';
import { LEGACY_ENTITY_LABELS, LEGACY_FIELD_LABELS, LEGACY_OUTCOME_LABELS } from '@/lib/labels';
import { formatPhone } from '@/lib/phone';
import { requirePermission } from '@/lib/session';

import { isHandEntity, isRowId } from '../../labels';
import { ResolveCompanyForm, ResolveSelectForm } from './resolve-forms';

export const metadata: Metadata = { title: 'Resolve an old row' };

/** Companies listed in the select; beyond this a search box loads the rest. */
const COMPANY_OPTIONS = 200;

const sectionClass = 'scroll-mt-32 rounded-xl bg-white p-6 ring-1 ring-slate-200';
const headingClass = 'mb-2 text-lg font-semibold';

/** "2024-01-12" or "2024-01-12 10:30:00" → "12 Jan 2024"; an old zero date stays as typed. */
function showDay(text: string | null): string {
  if (!text) return '—';
  const day = text.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !day.startsWith('0000') && !Number.isNaN(Date.parse(`${day}T00:00:00Z`))
    ? formatDay(day)
    : text;
}

function Intro({ children }: { children: React.ReactNode }) {
  return <p className="mb-4 text-slate-700">{children}</p>;
}

export default async function ResolveLegacyRowPage({ params }: { params: Promise<{ entity: string; rowId: string }> }) {
  await requirePermission('manage');
  const { entity, rowId } = await params;
  if (!isHandEntity(entity) || !isRowId(entity, rowId)) notFound();
  // The primary, not a replica: the page is re-read right after each choice.
  const row = await getLegacyRowContext(db, entity, rowId);
  if (!row) notFound();
  const isBooking = entity === 'booking';
  const [locations, stalls, companies] = await Promise.all([
    isBooking ? listLocationOptions(db) : Promise.resolve([]),
    isBooking && row.location_id !== null
      ? listStallsOfLocation(
          db,
          row.location_id,
          row.booking_date ? { date: row.booking_date, exceptBooking: row.row_id } : undefined,
        )
      : Promise.resolve([]),
    searchExhibitors(db, '', COMPANY_OPTIONS + 1),
  ]);

  const label = LEGACY_ENTITY_LABELS[entity];
  const typedPhone = row.resolutions.find((r) => r.field === 'phone')?.original ?? null;
  const visitors = row.candidates.filter((c) => c.type === 'visitor');
  const companiesWithPhone = row.candidates.filter((c) => c.type === 'exhibitor');
  const currentCompany = row.exhibitor_id
    ? { id: row.exhibitor_id, name: row.exhibitor_name ?? row.exhibitor_id, city: null }
    : null;
  const form = { entity, rowId: row.row_id };

  return (
    <>
      <PageHeader
        back={{ href: '/admin/import', label: 'Legacy import' }}
        title={`Resolve ${label.toLowerCase()} ${row.row_id}`}
        description="Link what the backfill could not. Each choice is kept: later backfill runs do not change it."
      />

      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="old-row" className={sectionClass}>
          <h2 id="old-row" className={headingClass}>
            What the old row said
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            <dt className="font-medium text-slate-600">Phone</dt>
            <dd className="break-all">
              {row.phone ? formatPhone(row.phone) : '—'}
              {typedPhone && typedPhone !== row.phone ? (
                <span className="block text-sm text-slate-600">typed as {typedPhone}</span>
              ) : null}
            </dd>
            <dt className="font-medium text-slate-600">Location</dt>
            <dd className="break-all">{row.booking_location?.trim() || '—'}</dd>
            <dt className="font-medium text-slate-600">Stall</dt>
            <dd className="break-all">{row.table_no?.trim() || '—'}</dd>
            <dt className="font-medium text-slate-600">{isBooking ? 'Booked for' : 'Date'}</dt>
            <dd>{showDay(isBooking ? row.booking_date : row.created_at)}</dd>
          </dl>
        </section>

        <section aria-labelledby="linked-now" className={sectionClass}>
          <h2 id="linked-now" className={headingClass}>
            Linked now
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            <dt className="font-medium text-slate-600">Visitor</dt>
            <dd>{row.visitor_id ? (row.visitor_name ?? row.visitor_id) : 'Not linked'}</dd>
            <dt className="font-medium text-slate-600">Company</dt>
            <dd>
              {row.exhibitor_id ? (
                <Link
                  href={`/companies/${row.exhibitor_id}`}
                  className="font-medium text-brand-700 underline underline-offset-2"
                >
                  {row.exhibitor_name ?? row.exhibitor_id}
                </Link>
              ) : (
                'Not linked'
              )}
            </dd>
            {isBooking ? (
              <>
                <dt className="font-medium text-slate-600">Location</dt>
                <dd>{row.location_id !== null ? (row.location_name ?? row.location_id) : 'Not linked'}</dd>
                <dt className="font-medium text-slate-600">Stall</dt>
                <dd>{row.table_id !== null ? (row.stall_name ?? row.table_id) : 'Not linked'}</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>

      {row.resolutions.length ? (
        <section aria-labelledby="decisions" className="mt-6">
          <h2 id="decisions" className={headingClass}>
            What the backfill decided
          </h2>
          <SimpleTable
            caption="Backfill results for this row"
            head={['Field', 'Outcome', 'Reason', 'What the old row said']}
          >
            {row.resolutions.map((r) => (
              <tr key={r.field}>
                <td className={cellClass}>{LEGACY_FIELD_LABELS[r.field]}</td>
                <td className={cellClass}>{LEGACY_OUTCOME_LABELS[r.outcome]}</td>
                <td className={cellClass}>{r.reason ?? '—'}</td>
                <td className={`${cellClass} break-all`}>{r.original ?? '—'}</td>
              </tr>
            ))}
          </SimpleTable>
        </section>
      ) : null}

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <section id="resolve-visitor_id" aria-labelledby="visitor-heading" className={sectionClass}>
          <h2 id="visitor-heading" className={headingClass}>
            Set the visitor
          </h2>
          <Intro>Among the contacts with this row’s phone.</Intro>
          {visitors.length ? (
            <ResolveSelectForm
              {...form}
              field="visitor_id"
              label="Visitor"
              button="Save visitor"
              placeholder="Choose a visitor…"
              options={visitors.map((c) => ({ value: c.id, label: c.city ? `${c.name} (${c.city})` : c.name }))}
              current={visitors.some((c) => c.id === row.visitor_id) ? row.visitor_id : null}
              hint={
                companiesWithPhone.length
                  ? `${companiesWithPhone.map((c) => c.name).join(', ')} also ${companiesWithPhone.length === 1 ? 'has' : 'have'} this phone: if the row is that company’s own, set the company instead.`
                  : undefined
              }
            />
          ) : (
            <p className="text-slate-700">
              {row.phone ? 'No visitor has this phone' : 'The row has no phone'}, so there is no visitor to choose.
              {companiesWithPhone.length
                ? ` ${companiesWithPhone.map((c) => c.name).join(', ')} ${companiesWithPhone.length === 1 ? 'has' : 'have'} it: set the company instead.`
                : ''}
            </p>
          )}
        </section>

        <section id="resolve-exhibitor_id" aria-labelledby="company-heading" className={sectionClass}>
          <h2 id="company-heading" className={headingClass}>
            Set the company
          </h2>
          <Intro>
            The company this {label.toLowerCase()} belongs to; the next backfill run adds it to that company’s timeline.
          </Intro>
          <ResolveCompanyForm
            {...form}
            companies={companies.slice(0, COMPANY_OPTIONS)}
            more={companies.length > COMPANY_OPTIONS}
            current={currentCompany}
          />
        </section>

        {isBooking ? (
          <>
            <section id="resolve-location_id" aria-labelledby="location-heading" className={sectionClass}>
              <h2 id="location-heading" className={headingClass}>
                Set the location
              </h2>
              <Intro>
                The old row said: {row.booking_location?.trim() ? `“${row.booking_location.trim()}”` : 'nothing'}.
              </Intro>
              {locations.length ? (
                <ResolveSelectForm
                  {...form}
                  field="location_id"
                  label="Location"
                  button="Save location"
                  placeholder="Choose a location…"
                  options={locations.map((l) => ({ value: String(l.id), label: l.name }))}
                  current={row.location_id !== null ? String(row.location_id) : null}
                />
              ) : (
                <p className="text-slate-700">
                  There are no locations yet.{' '}
                  <Link href="/admin/locations" className="font-medium text-brand-700 underline underline-offset-2">
                    Add the location
                  </Link>{' '}
                  first.
                </p>
              )}
            </section>

            <section id="resolve-table_id" aria-labelledby="stall-heading" className={sectionClass}>
              <h2 id="stall-heading" className={headingClass}>
                Set the stall
              </h2>
              <Intro>The old row said: {row.table_no?.trim() ? `“${row.table_no.trim()}”` : 'nothing'}.</Intro>
              {row.location_id === null ? (
                <p className="text-slate-700">
                  The location of this booking is not known: resolve the location first, then choose its stall.
                </p>
              ) : stalls.length ? (
                <ResolveSelectForm
                  {...form}
                  field="table_id"
                  label="Stall"
                  button="Save stall"
                  placeholder="Choose a stall…"
                  options={stalls.map((s) => ({
                    value: String(s.id),
                    label: s.sold ? `${s.name} (already sold for this date)` : s.name,
                  }))}
                  current={row.table_id !== null ? String(row.table_id) : null}
                  hint={`The stalls of ${row.location_name ?? 'this location'}.`}
                />
              ) : (
                <p className="text-slate-700">
                  {row.location_name ?? 'This location'} has no stalls yet.{' '}
                  <Link
                    href={`/admin/locations/${row.location_id}`}
                    className="font-medium text-brand-700 underline underline-offset-2"
                  >
                    Add its stalls
                  </Link>{' '}
                  first.
                </p>
              )}
            </section>
          </>
        ) : null}
      </div>
    </>
  );
}
