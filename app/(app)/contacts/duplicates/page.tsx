import type { Metadata } from 'next';
import Link from 'next/link';

import { KeysetPager } from '@/components/ui/keyset-pager';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { PillNav } from '@/components/ui/pill-nav';
import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import {
  DUPLICATE_SCAN,
  getCompaniesForMerge,
  getMerge,
  listDuplicateGroups,
  type MergeCompany,
  type MergeRecord,
} from '@/db/queries/duplicates';
import { formatPhone } from '@/lib/phone';
import { oneOf, param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { ULID_RE } from '@/lib/validation';

import { CompanyChooser, CompanyMergeForm, VisitorGroupForm } from './merge-forms';
import { DUPLICATE_TABS, TAB_LABELS, type DuplicateTab } from './tabs';

export const metadata: Metadata = { title: 'Duplicates' };

const PAGE_SIZE = 20;
const SCAN_WORDS = DUPLICATE_SCAN.toLocaleString('en-IN');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a merge moved, in words. */
function movedText(m: MergeRecord): string {
  const n = (k: string) => m.moved[k] ?? 0;
  const parts = [
    plural(n('follow_ups') + n('adopted_follow_ups'), 'lead'),
    plural(n('conversations') + n('adopted_conversations'), 'conversation'),
    plural(n('bookings') + n('adopted_bookings'), 'booking'),
    plural(n('recipients') + n('adopted_recipients'), 'campaign message'),
  ];
  const combined = n('leads_combined')
    ? ` ${plural(n('leads_combined'), 'open lead was', 'open leads were')} combined with the kept one’s, so each person has one lead per company.`
    : '';
  return `Moved ${parts.join(', ')}.${combined}`;
}

export default async function DuplicatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Admins only: merging is managing contacts. Read from the primary: the page shows the merge just made.
  await requirePermission('manage');
  const sp = await searchParams;
  const tab = oneOf(param(sp, 'tab'), DUPLICATE_TABS, 'phone');
  const cursor = param(sp, 'cursor') ?? null;
  const mergedId = param(sp, 'merged');
  const ids = (key: string) => {
    const v = param(sp, key);
    return v && ULID_RE.test(v) ? v : null;
  };
  const from = ids('from');
  const into = ids('into');

  const [merge, page, companies, chosen] = await Promise.all([
    mergedId && ULID_RE.test(mergedId) ? getMerge(db, mergedId) : null,
    tab === 'companies' ? null : listDuplicateGroups(db, { by: tab, cursor, limit: PAGE_SIZE }),
    tab === 'companies' ? searchExhibitors(db, '', 12) : [],
    tab === 'companies'
      ? getCompaniesForMerge(
          db,
          [from, into].filter((x): x is string => !!x),
        )
      : [],
  ]);
  const tabHref = (t: DuplicateTab) => `/contacts/duplicates?tab=${t}`;
  const nextHref = page?.nextCursor ? `${tabHref(tab)}&cursor=${page.nextCursor}` : null;

  return (
    <>
      <PageHeader
        title="Duplicates"
        description="Visitors who share a phone or an email, and companies entered twice. Merge them: everything recorded for one moves to the other, so the booth finds one person for a phone."
      />
      {merge ? (
        <p role="status" className="mb-4 rounded-lg bg-green-50 px-4 py-3 text-green-800 ring-1 ring-green-200">
          Merged {merge.merged_name} into {merge.survivor_name}. {movedText(merge)}{' '}
          {merge.type === 'exhibitor' ? (
            <Link href={`/companies/${merge.survivor_id}`} className="font-medium underline">
              Open {merge.survivor_name}
            </Link>
          ) : null}
        </p>
      ) : null}
      <PillNav
        label="Duplicates"
        className="mb-4"
        current={tab}
        items={DUPLICATE_TABS.map((t) => ({ key: t, href: tabHref(t), label: TAB_LABELS[t] }))}
      />

      {page ? (
        page.groups.length === 0 && nextHref ? (
          // The page's scan window ended without a group: the next stretch of visitors may have some.
          <EmptyState title={`No duplicates among the next ${SCAN_WORDS} visitors`}>
            <p>
              The page looks through {SCAN_WORDS} visitors at a time, in {tab === 'phone' ? 'phone' : 'email'} order.{' '}
              <Link href={nextHref} className="font-medium text-brand-700 underline">
                Look further
              </Link>
              {cursor ? (
                <>
                  {' '}
                  or{' '}
                  <Link href={tabHref(tab)} className="font-medium text-brand-700 underline">
                    back to the first page
                  </Link>
                </>
              ) : null}
              .
            </p>
          </EmptyState>
        ) : page.groups.length === 0 ? (
          <EmptyState
            title={
              cursor
                ? 'No more duplicates'
                : tab === 'phone'
                  ? 'No two visitors share a phone'
                  : 'No two visitors share an email'
            }
          >
            <p>
              {cursor ? (
                <Link href={tabHref(tab)} className="font-medium text-brand-700 underline">
                  Back to the first page
                </Link>
              ) : (
                <>
                  Nothing to merge here. Duplicates appear when old data or an import brings in the same person twice;
                  the booth and the contact forms refuse a second visitor with a phone already taken.{' '}
                  {tab === 'phone' ? 'Check visitors sharing an email too.' : 'Check visitors sharing a phone too.'}
                </>
              )}
            </p>
          </EmptyState>
        ) : (
          <div className="space-y-4">
            <p className="text-slate-700">
              For each group choose the visitor to keep and the one to merge into them. The kept visitor keeps their
              name and details; blank ones are filled from the other.
            </p>
            {page.groups.map((g) => (
              <VisitorGroupForm
                key={`${g.key}:${g.members.map((m) => `${m.id}.${m.version}`).join(',')}`}
                group={g}
                tab={tab}
                cursor={cursor}
              />
            ))}
            {page.partial ? (
              <p className="text-sm text-slate-600">
                This page looked through {SCAN_WORDS} visitors; Next looks through the following ones.
              </p>
            ) : null}
            <KeysetPager firstHref={cursor ? tabHref(tab) : null} nextHref={nextHref} />
          </div>
        )
      ) : (
        <CompaniesTab from={from} into={into} companies={companies} chosen={chosen} />
      )}
    </>
  );
}

function CompaniesTab({
  from,
  into,
  companies,
  chosen,
}: {
  from: string | null;
  into: string | null;
  companies: { id: string; name: string; city: string | null }[];
  chosen: MergeCompany[];
}) {
  const a = chosen.find((c) => c.id === from) ?? null;
  const b = chosen.find((c) => c.id === into) ?? null;
  const option = (c: MergeCompany | null) => (c && !c.deleted ? { id: c.id, name: c.name, city: c.city } : null);
  let problem: string | null = null;
  if (from && into) {
    if (from === into) problem = 'Choose two different companies: one to merge away and one to keep.';
    else if (!a || !b) problem = 'One of these companies no longer exists. Choose again.';
    else if (a.deleted || b.deleted)
      problem = `${a.deleted ? a.name : b.name} was ${(a.deleted ? a : b).merged_into_id ? 'already merged into another company' : 'deleted'}. Choose again.`;
  }
  return (
    <div className="space-y-4">
      <p className="text-slate-700">
        A company entered twice (two spellings, an old import): choose the one to merge away and the one to keep. Every
        lead, talk and booking moves to the kept company.
      </p>
      {/* Re-keyed by the choice in the URL: after a merge the pickers start empty. */}
      <CompanyChooser key={`${from}:${into}`} companies={companies} from={option(a)} into={option(b)} />
      {problem ? (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-800 ring-1 ring-red-200">
          {problem}
        </p>
      ) : a && b ? (
        <section aria-labelledby="review" className="space-y-4 rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <h2 id="review" className="text-lg font-medium">
            Merge {a.name} into {b.name}?
          </h2>
          <div className="grid gap-4 md:grid-cols-2">
            {[
              ['Merged away', a],
              ['Kept', b],
            ].map(([label, c]) => (
              <CompanyCard key={(c as MergeCompany).id} label={label as string} company={c as MergeCompany} />
            ))}
          </div>
          <p>
            {plural(a.leads, 'lead')}, {plural(a.talks, 'talk')} and {plural(a.bookings, 'booking')} of {a.name} move to{' '}
            {b.name}; a visitor with an open lead at both keeps one. {b.name} keeps its name and details (blank ones are
            filled from {a.name}); {a.name} is removed and its links lead to {b.name}. This cannot be undone.
          </p>
          <CompanyMergeForm key={`${a.id}.${a.version}:${b.id}.${b.version}`} from={a} into={b} />
        </section>
      ) : (
        <p className="text-slate-600">Choose both companies, then review the merge before it is made.</p>
      )}
    </div>
  );
}

function CompanyCard({ label, company: c }: { label: string; company: MergeCompany }) {
  const rows: [string, string][] = [
    ['City', c.city ?? '—'],
    ['Phone', c.phone ? formatPhone(c.phone) : '—'],
    ['Email', c.email ?? '—'],
    ['Contact person', c.contact_person ?? '—'],
    ['GSTIN', c.gstin ?? '—'],
    ['Leads', String(c.leads)],
    ['Talks', String(c.talks)],
    ['Bookings', String(c.bookings)],
  ];
  return (
    <div className="rounded-lg p-3 ring-1 ring-slate-200">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="font-medium">{c.name}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
