import type { Metadata } from 'next';
import Link from 'next/link';

import { inputClass } from '@/components/forms/field';
import { ContactsTable } from '@/components/tables/contacts/contacts-table';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { CONTACT_SORTS, CONTACT_STATES, listContacts, type ContactSort } from '@/db/queries/contacts';
import { can } from '@/lib/permissions';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { CONTACT_VIEWS, type ContactView } from './labels';

export const metadata: Metadata = { title: 'Contacts' };

const PAGE_SIZE = 25;
const VIEWS = Object.keys(CONTACT_VIEWS) as ContactView[];
const TEXT = {
  companies: {
    title: 'Companies',
    one: 'company',
    add: 'Add company',
    newType: 'company',
    hint: 'Name (anywhere in it), phone in any spelling, email or city',
  },
  visitors: {
    title: 'Visitors',
    one: 'visitor',
    add: 'Add visitor',
    newType: 'visitor',
    hint: 'Name (from its start), phone in any spelling, email or city',
  },
} as const;

/** The contacts lists: companies or visitors, searched, filtered, sorted and paged on the server (all in the URL). */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('readContacts');
  const canManage = can(user.role, 'manage');
  const params = await searchParams;
  const view = oneOf(param(params, 'view'), VIEWS, 'companies');
  const type = CONTACT_VIEWS[view];
  const text = TEXT[view];
  const q = param(params, 'q');
  const city = param(params, 'city');
  const state = oneOf(param(params, 'state'), CONTACT_STATES, 'live');
  const sort: ContactSort = oneOf(param(params, 'sort'), CONTACT_SORTS, 'name');
  const dir = oneOf(param(params, 'dir'), ['asc', 'desc'] as const, sort === 'created_at' ? 'desc' : 'asc');
  const page = positiveInt(param(params, 'page')) ?? 1;
  // The primary, not a replica: an admin opens this right after adding or deleting a contact.
  const list = await listContacts(db, { type, q, city, state, sort, dir, page, pageSize: PAGE_SIZE });
  const filters = { view, ...(q ? { q } : {}), ...(city ? { city } : {}), ...(state !== 'live' ? { state } : {}) };
  const exportHref = `/api/export/contacts?${new URLSearchParams(filters)}`;
  const filtered = Boolean(q || city || state !== 'live');

  return (
    <>
      <PageHeader
        title={text.title}
        description={
          view === 'companies'
            ? 'Exhibitor companies. A name opens the company’s dashboard; Details opens its contact card.'
            : 'Everyone who visited a stall, one person per phone.'
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={exportHref} className={buttonClass('secondary')} prefetch={false}>
              Export CSV
            </Link>
            {canManage ? (
              <Link href={`/contacts/new?type=${text.newType}`} className={buttonClass('primary')}>
                {text.add}
              </Link>
            ) : null}
          </div>
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label={text.title}>
        <input type="hidden" name="view" value={view} />
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="contacts-q" className="block text-sm font-medium">
            Search
          </label>
          <input
            id="contacts-q"
            name="q"
            type="search"
            defaultValue={q}
            aria-describedby="contacts-q-hint"
            className={inputClass}
          />
          <p id="contacts-q-hint" className="text-sm text-slate-500">
            {text.hint}
          </p>
        </div>
        <div className="w-48 space-y-1 self-start">
          <label htmlFor="contacts-city" className="block text-sm font-medium">
            City
          </label>
          <input id="contacts-city" name="city" defaultValue={city} className={inputClass} />
        </div>
        <div className="w-40 space-y-1 self-start">
          <label htmlFor="contacts-state" className="block text-sm font-medium">
            Show
          </label>
          <select id="contacts-state" name="state" defaultValue={state} className={inputClass}>
            <option value="live">Current</option>
            <option value="deleted">Deleted</option>
          </select>
        </div>
        <div className="flex gap-2 self-start pt-6">
          <button type="submit" className={buttonClass('primary')}>
            Search
          </button>
          {filtered ? (
            <Link href={`/contacts?view=${view}`} className={buttonClass('ghost')}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {list.total === 0 && !filtered ? (
        <EmptyState title={`No ${text.title.toLowerCase()} yet`}>
          {canManage ? (
            <div className="flex flex-col items-center gap-3">
              <p>Add the first {text.one} by hand, or bring in the spreadsheet you already have.</p>
              <div className="flex flex-wrap justify-center gap-2">
                <Link href={`/contacts/new?type=${text.newType}`} className={buttonClass('primary')}>
                  {text.add}
                </Link>
                <Link href="/contacts/import" className={buttonClass('secondary')}>
                  Import a CSV
                </Link>
              </div>
            </div>
          ) : (
            <p>An admin adds them here, one by one or from a spreadsheet.</p>
          )}
        </EmptyState>
      ) : (
        <ContactsTable
          type={type}
          rows={list.rows}
          total={list.total}
          page={page}
          pageSize={PAGE_SIZE}
          sort={sort}
          dir={dir}
          emptyMessage={
            <>
              No {text.title.toLowerCase()} match.{' '}
              <Link href={`/contacts?view=${view}`} className="text-brand-700 underline underline-offset-2">
                Clear the search
              </Link>
              {canManage ? (
                <>
                  {' '}
                  or{' '}
                  <Link
                    href={`/contacts/new?type=${text.newType}`}
                    className="text-brand-700 underline underline-offset-2"
                  >
                    add a {text.one}
                  </Link>
                  .
                </>
              ) : (
                '.'
              )}
            </>
          }
        />
      )}
    </>
  );
}
