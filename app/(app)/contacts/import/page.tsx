import type { Metadata } from 'next';
import Link from 'next/link';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { lastImportMappings, listContactImports } from '@/db/queries/contact-imports';
import { formatCount, formatDateTime } from '@/lib/format';
import { IMPORT_MODE_LABELS, IMPORT_STATUS_LABELS, IMPORT_TYPE_LABELS } from '@/lib/labels';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { ULID_RE } from '@/lib/validation';

import { ContactImport } from './contact-import';

export const metadata: Metadata = { title: 'Import contacts' };

/** Imports listed under the form, a page at a time (`?before=` an import's id pages back to older ones). */
const HISTORY = 20;

export default async function ContactImportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manage');
  const beforeParam = param(await searchParams, 'before');
  const before = beforeParam && ULID_RE.test(beforeParam) ? beforeParam : null;
  // The primary, not a replica: the history is read right after an import.
  const [mappings, listed] = await Promise.all([lastImportMappings(db), listContactImports(db, HISTORY + 1, before)]);
  const history = listed.slice(0, HISTORY);
  const older = listed.length > HISTORY ? history[history.length - 1]!.id : null;
  return (
    <>
      <PageHeader
        title="Import contacts"
        description="Companies or visitors from a CSV: map the columns, preview every row, read the dry run, then import. Every import can be reverted from its report."
      />
      <ContactImport lastMappings={mappings} />

      <details className="mt-6 rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <summary className="cursor-pointer font-medium">How rows are checked and matched</summary>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
          <li>
            Each row is checked as the add form checks it: a name; for visitors a phone; a valid phone, email and GSTIN
            (with its check character) when given.
          </li>
          <li>
            Duplicate within the file: a later row with the same phone or email (visitors), or the same GSTIN, name and
            phone, or name and email (companies) as an earlier valid row. The first row counts; the later ones are
            reported, not imported.
          </li>
          <li>
            A row matches a live visitor by phone, then by email; a live company by GSTIN, then by name and phone, then
            by name and email. A phone or email several live contacts share is not guessed between: the row is skipped
            until they are merged.
          </li>
          <li>
            Updating writes only the mapped cells that are not blank: a blank cell never erases a stored value. A match
            whose cells all equal the stored values is unchanged.
          </li>
          <li>
            One phone, one visitor: an import never adds a second live visitor with a phone a visitor already has — that
            row is a match.
          </li>
        </ul>
      </details>

      <section aria-labelledby="history" className="mt-8">
        <h2 id="history" className="mb-3 text-lg font-semibold">
          Recent imports
        </h2>
        {history.length ? (
          <SimpleTable
            caption="Recent imports"
            head={['File', 'Type', 'Mode', 'Status', 'Lines', 'New', 'Updated', 'Rejected', 'By', 'Started']}
          >
            {history.map((h) => (
              <tr key={h.id}>
                <th scope="row" className={`${cellClass} font-medium`}>
                  <Link href={`/contacts/imports/${h.id}`} className="text-brand-700 underline">
                    {h.fileName}
                  </Link>
                </th>
                <td className={cellClass}>{IMPORT_TYPE_LABELS[h.type].many}</td>
                <td className={cellClass}>{IMPORT_MODE_LABELS[h.mode]}</td>
                <td className={cellClass}>{IMPORT_STATUS_LABELS[h.status]}</td>
                <td className={`${cellClass} tabular-nums`}>
                  {formatCount(h.recorded)}
                  {h.recorded < h.rowsTotal ? ` of ${formatCount(h.rowsTotal)}` : ''}
                </td>
                <td className={`${cellClass} tabular-nums`}>{formatCount(h.counts.created)}</td>
                <td className={`${cellClass} tabular-nums`}>{formatCount(h.counts.updated)}</td>
                <td className={`${cellClass} tabular-nums`}>
                  {formatCount(h.counts.invalid + h.counts.duplicate + h.counts.skipped)}
                </td>
                <td className={cellClass}>{h.createdByName ?? '—'}</td>
                <td className={cellClass}>{formatDateTime(h.createdAt)}</td>
              </tr>
            ))}
          </SimpleTable>
        ) : before ? (
          <EmptyState title="No older imports">
            <Link href="/contacts/import#history" className="text-brand-700 underline">
              Back to the newest imports
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No imports yet">Choose a CSV file above; its report will be listed here.</EmptyState>
        )}
        {history.length ? (
          <KeysetPager
            firstHref={before ? '/contacts/import#history' : null}
            nextHref={older ? `/contacts/import?before=${older}#history` : null}
          />
        ) : null}
      </section>
    </>
  );
}
