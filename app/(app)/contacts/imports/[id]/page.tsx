import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { KeyFigures } from '@/components/ui/key-figures';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getContactImport, listImportRows, REJECTED_RESULTS, revertSummary } from '@/db/queries/contact-imports';
import { FIELD_LABELS, type ContactField } from '@/lib/contact-fields';
import { formatCount, formatDateTime } from '@/lib/format';
import { IMPORT_MODE_LABELS, IMPORT_RESULT_LABELS, IMPORT_STATUS_LABELS, IMPORT_TYPE_LABELS } from '@/lib/labels';
import { requirePermission } from '@/lib/session';

import { RevertForm } from './revert-form';

export const metadata: Metadata = { title: 'Import report' };

/** Rejected rows shown on the page; the CSV carries them all. */
const SHOWN = 50;

const sectionClass = 'rounded-xl bg-white p-6 ring-1 ring-slate-200';

export default async function ImportReportPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('manage');
  const { id } = await params;
  if (id.length !== 26) notFound();
  // The primary: the report is read right after the import's last chunk or the revert.
  const [batch, rejected] = await Promise.all([
    getContactImport(db, id),
    listImportRows(db, id, { results: REJECTED_RESULTS, limit: SHOWN + 1 }),
  ]);
  if (!batch) notFound();
  const reverted = batch.status === 'reverted' ? await revertSummary(db, id) : null;
  const { counts } = batch;
  const rejectedTotal = counts.invalid + counts.duplicate + counts.skipped;
  const labels = IMPORT_TYPE_LABELS[batch.type];
  const mode = IMPORT_MODE_LABELS[batch.mode];
  const fields = Object.entries(batch.mapping ?? {}).filter(([, f]) => f !== 'ignore') as [string, ContactField][];

  return (
    <>
      <PageHeader
        back={{ href: '/contacts/import', label: 'Import contacts' }}
        title={`Import of ${batch.fileName}`}
        description={`${labels.many[0]!.toUpperCase()}${labels.many.slice(1)} · ${mode} · ${IMPORT_STATUS_LABELS[batch.status]} · by ${batch.createdByName ?? 'an admin'}${batch.createdAt ? ` on ${formatDateTime(batch.createdAt)}` : ''}`}
      />

      <div className="space-y-6">
        <KeyFigures
          tiles={[
            [
              'Lines',
              batch.recorded < batch.rowsTotal
                ? `${formatCount(batch.recorded)} of ${formatCount(batch.rowsTotal)}`
                : formatCount(batch.rowsTotal),
            ],
            [IMPORT_RESULT_LABELS.created, formatCount(counts.created)],
            [IMPORT_RESULT_LABELS.updated, formatCount(counts.updated)],
            [IMPORT_RESULT_LABELS.unchanged, formatCount(counts.unchanged)],
            [IMPORT_RESULT_LABELS.skipped, formatCount(counts.skipped)],
            [
              `${IMPORT_RESULT_LABELS.invalid} / ${IMPORT_RESULT_LABELS.duplicate.toLowerCase()}`,
              `${formatCount(counts.invalid)} / ${formatCount(counts.duplicate)}`,
            ],
          ]}
        />

        {batch.status === 'running' ? (
          <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200">
            This import stopped part way: {formatCount(batch.recorded)} of {formatCount(batch.rowsTotal)} lines are
            saved, it goes on from line {formatCount(batch.nextLine)}. Choose the same file on the{' '}
            <Link href="/contacts/import" className="underline">
              import page
            </Link>{' '}
            in this browser to resume it; the lines already saved are not written twice.
          </p>
        ) : null}

        <section aria-labelledby="rejected" className={sectionClass}>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h2 id="rejected" className="text-lg font-semibold">
              Rows not imported ({formatCount(rejectedTotal)})
            </h2>
            {rejectedTotal ? (
              <a
                href={`/api/export/contact-imports/${id}/rejected`}
                className="inline-flex touch-target items-center text-brand-700 underline"
              >
                Download the {formatCount(rejectedTotal)} rows with their reasons (CSV)
              </a>
            ) : null}
          </div>
          {rejected.length ? (
            <>
              <SimpleTable caption="Rows not imported" head={['Line', 'Result', 'Reason', 'Row']}>
                {rejected.slice(0, SHOWN).map((r) => (
                  <tr key={r.line}>
                    <td className={`${cellClass} tabular-nums`}>{r.line}</td>
                    <td className={cellClass}>{IMPORT_RESULT_LABELS[r.result]}</td>
                    <td className={cellClass}>{r.reason}</td>
                    <td className={`${cellClass} max-w-md truncate`}>
                      {fields
                        .map(([, f]) => r.input?.[f])
                        .filter(Boolean)
                        .join(' · ') || <span className="text-slate-600">(empty)</span>}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
              {rejectedTotal > SHOWN ? (
                <p className="mt-2 text-sm text-slate-600">
                  The first {SHOWN} are shown; the CSV has all of them, with every mapped column (
                  {fields.map(([, f]) => FIELD_LABELS[f]).join(', ')}).
                </p>
              ) : null}
            </>
          ) : (
            <p className="text-slate-700">Every line was imported (new, updated or unchanged).</p>
          )}
        </section>

        <section aria-labelledby="revert" className={sectionClass}>
          <h2 id="revert" className="mb-3 text-lg font-semibold">
            Undo
          </h2>
          {reverted ? (
            <p>
              Reverted{batch.revertedAt ? ` on ${formatDateTime(batch.revertedAt)}` : ''} by{' '}
              {batch.revertedByName ?? 'an admin'}: {formatCount(reverted.deleted)} created {labels.many} deleted
              {reverted.softDeleted
                ? `, ${formatCount(reverted.softDeleted)} soft-deleted because something already pointed at them`
                : ''}
              , {formatCount(reverted.restored)} updated {labels.many} restored to their values before the import.
            </p>
          ) : (
            <RevertForm importId={id} created={counts.created} updated={counts.updated} />
          )}
        </section>
      </div>
    </>
  );
}
