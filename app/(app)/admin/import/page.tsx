import type { Metadata } from 'next';
import Link from 'next/link';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { buttonClass } from '@/components/ui/button';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { PillNav } from '@/components/ui/pill-nav';
import { db } from '@/db';
import { countResolutions, listUnresolved } from '@/db/legacy/resolutions';
import { LEGACY_FIELDS, LEGACY_OUTCOMES, type LegacyEntity, type LegacyField, type LegacyOutcome } from '@/db/schema';
import { formatCount } from '@/lib/format';
import { LEGACY_ENTITY_LABELS, LEGACY_FIELD_LABELS, LEGACY_OUTCOME_LABELS } from '@/lib/labels';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { formatCursor, handFieldOf, parseCursor } from './labels';

export const metadata: Metadata = { title: 'Legacy import' };

const PAGE_SIZE = 50;
const codeClass = 'rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm text-slate-900';
const linkClass = 'touch-target inline-flex items-center rounded-lg px-3 font-medium text-brand-700 hover:bg-brand-50';

export default async function LegacyImportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manage');
  const sp = await searchParams;
  const requested = param(sp, 'field');
  const field = LEGACY_FIELDS.includes(requested as LegacyField) ? (requested as LegacyField) : null;
  const after = parseCursor(param(sp, 'after'));
  // The primary, not a replica: the page is re-read right after a row is resolved by hand.
  const [counts, page] = await Promise.all([
    countResolutions(db),
    listUnresolved(db, { field, after, limit: PAGE_SIZE + 1 }),
  ]);

  if (counts.length === 0) {
    return (
      <>
        <PageHeader
          title="Legacy import"
          description="Rows of an old Paridharan database that the backfill could not link, to resolve by hand."
        />
        <EmptyState title="No old database has been imported">
          <div className="mx-auto max-w-2xl space-y-2 text-left">
            <p>To bring an organiser’s old database forward, on the server:</p>
            <ol className="list-decimal space-y-2 pl-6">
              <li>
                Back the old database up, point <code className={codeClass}>DATABASE_URL</code> at it and run{' '}
                <code className={codeClass}>npm run db:migrate</code>: it adopts the old tables in place and keeps every
                old column.
              </li>
              <li>
                Run <code className={codeClass}>npm run legacy:backfill -- --dry-run</code> first: it shows what the
                backfill would do and keeps nothing.
              </li>
              <li>
                Then run <code className={codeClass}>npm run legacy:backfill</code> to link the old rows. Its results,
                and the rows it could not link, then appear here.
              </li>
            </ol>
          </div>
        </EmptyState>
      </>
    );
  }

  const byRow = new Map<string, { entity: LegacyEntity; field: LegacyField; n: Record<LegacyOutcome, number> }>();
  const pendingByField = new Map<LegacyField, number>();
  for (const c of counts) {
    const key = `${c.entity}:${c.field}`;
    const row = byRow.get(key) ?? {
      entity: c.entity,
      field: c.field,
      n: { resolved: 0, ambiguous: 0, unresolved: 0, by_hand: 0 },
    };
    row.n[c.outcome] += c.rows;
    byRow.set(key, row);
    if (c.outcome === 'ambiguous' || c.outcome === 'unresolved')
      pendingByField.set(c.field, (pendingByField.get(c.field) ?? 0) + c.rows);
  }
  const pendingTotal = [...pendingByField.values()].reduce((a, b) => a + b, 0);
  const filters = LEGACY_FIELDS.filter((f) => (pendingByField.get(f) ?? 0) > 0 || f === field);

  const rows = page.slice(0, PAGE_SIZE);
  const next = page.length > PAGE_SIZE ? rows[rows.length - 1]! : null;
  const listHref = (f: LegacyField | null, from?: string) => {
    const q = new URLSearchParams({ ...(f ? { field: f } : {}), ...(from ? { after: from } : {}) }).toString();
    return `/admin/import${q ? `?${q}` : ''}#rows`;
  };

  return (
    <>
      <PageHeader
        title="Legacy import"
        description="What the backfill did with the old database’s rows, and the rows it could not link, to resolve by hand."
      />

      <section aria-labelledby="results">
        <h2 id="results" className="mb-3 text-lg font-semibold">
          Backfill results
        </h2>
        <SimpleTable
          caption="Backfill results"
          head={['Row', 'Field', ...LEGACY_OUTCOMES.map((o) => LEGACY_OUTCOME_LABELS[o])]}
        >
          {[...byRow.values()].map((r) => (
            <tr key={`${r.entity}:${r.field}`}>
              <td className={cellClass}>{LEGACY_ENTITY_LABELS[r.entity]}</td>
              <td className={cellClass}>{LEGACY_FIELD_LABELS[r.field]}</td>
              {LEGACY_OUTCOMES.map((o) => (
                <td key={o} className={`${cellClass} tabular-nums`}>
                  {formatCount(r.n[o])}
                </td>
              ))}
            </tr>
          ))}
        </SimpleTable>
        <p className="mt-2 text-sm text-slate-600">A later run of the backfill never changes a row resolved by hand.</p>
      </section>

      <section aria-labelledby="rows" className="mt-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="rows" className="scroll-mt-32 text-lg font-semibold">
            Rows to resolve
          </h2>
          <a href="/api/export/legacy" download className={buttonClass('secondary')}>
            Download all unresolved rows (CSV)
          </a>
        </div>
        <PillNav
          label="Filter by field"
          className="mb-3"
          current={field ?? 'all'}
          items={[null, ...filters].map((f) => ({
            key: f ?? 'all',
            href: listHref(f),
            label: `${f ? LEGACY_FIELD_LABELS[f] : 'All fields'} (${formatCount(f ? (pendingByField.get(f) ?? 0) : pendingTotal)})`,
          }))}
        />
        {rows.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700">
            {after
              ? 'No more rows to resolve.'
              : field
                ? `No ${LEGACY_FIELD_LABELS[field].toLowerCase()} rows left to resolve.`
                : 'Nothing left to resolve: every row the backfill reported is linked.'}
          </p>
        ) : (
          <SimpleTable
            caption="Rows to resolve"
            head={['Row', 'Field', 'Outcome', 'Reason', 'What the old row said', '']}
          >
            {rows.map((r) => {
              const hand = handFieldOf(r.entity, r.field);
              const rowName = `${LEGACY_ENTITY_LABELS[r.entity]} ${r.row_id}`;
              return (
                <tr key={formatCursor(r)}>
                  <td className={cellClass}>
                    <span className="block">{LEGACY_ENTITY_LABELS[r.entity]}</span>
                    <span className="font-mono text-sm break-all text-slate-700">{r.row_id}</span>
                  </td>
                  <td className={cellClass}>{LEGACY_FIELD_LABELS[r.field]}</td>
                  <td className={cellClass}>{LEGACY_OUTCOME_LABELS[r.outcome]}</td>
                  <td className={`${cellClass} min-w-48`}>{r.reason ?? '—'}</td>
                  <td className={`${cellClass} min-w-40 break-words`}>
                    {r.original ?? <span className="text-slate-600">—</span>}
                  </td>
                  <td className={`${cellClass} text-right whitespace-nowrap`}>
                    {hand ? (
                      <Link
                        href={`/admin/import/${r.entity}/${encodeURIComponent(r.row_id)}#resolve-${hand}`}
                        className={linkClass}
                      >
                        {r.field === 'conversation' ? 'Set the company' : 'Resolve'}
                        <span className="sr-only">
                          {' '}
                          {rowName}, {LEGACY_FIELD_LABELS[r.field].toLowerCase()}
                        </span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </SimpleTable>
        )}
        <KeysetPager
          firstHref={after ? listHref(field) : null}
          nextHref={next ? listHref(field, formatCursor(next)) : null}
        />
      </section>
    </>
  );
}
