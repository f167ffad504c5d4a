import type { Metadata } from 'next';
import Link from 'next/link';

import { SyncStatus } from '@/components/offline/sync-status';
import { buttonClass } from '@/components/ui/button';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { decodeDueCursor, listActiveEmployees, listDueFollowUps } from '@/db/queries/follow-ups';
import { todayInIndia } from '@/lib/dates';
import { formatDay } from '@/lib/format';
import { can } from '@/lib/permissions';
import { formatPhone } from '@/lib/phone';
import { param, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { CURSOR_RE } from '@/lib/validation';

export const metadata: Metadata = { title: 'My follow-ups' };

/** Due follow-ups, a page at a time (the backlog can be thousands), with the employee filter for managers. */
export default async function FollowUpsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('recordEntries');
  const seesEveryone = can(user.role, 'readRevenue');
  const params = await searchParams;
  const employee = param(params, 'employee');
  const cursorText = param(params, 'cursor');
  // The search: a phone or the start of a company's or visitor's name, at most 100 characters.
  const q = (param(params, 'q') ?? '').trim().slice(0, 100);
  const cursor = cursorText && CURSOR_RE.test(cursorText) ? decodeDueCursor(cursorText) : null;
  // Employees see their own; managers and admins everyone's, or one employee's.
  const employeeId = seesEveryone
    ? employee && employee !== 'all'
      ? employee
      : employee === 'all'
        ? null
        : user.id
    : user.id;
  const today = todayInIndia();
  const pageHref = (at: string | null) => {
    const query = new URLSearchParams({
      ...(employee ? { employee } : {}),
      ...(q ? { q } : {}),
      ...(at ? { cursor: at } : {}),
    });
    return query.size ? `/follow-ups?${query}` : '/follow-ups';
  };
  const [{ rows: due, nextCursor }, employees] = await Promise.all([
    listDueFollowUps(db, { employeeId, today, cursor, search: q || null }),
    seesEveryone ? listActiveEmployees(db) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="My follow-ups"
        description={`Open leads due today (${formatDay(today)}) first, then the overdue ones, the most recent first.`}
      />
      <SyncStatus userId={user.id} />
      <form className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Search and filter the follow-ups">
        <div className="min-w-56 flex-1 space-y-1">
          <label htmlFor="follow-ups-q" className="block text-sm font-medium">
            Search
          </label>
          <input
            id="follow-ups-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder="Phone, or the start of a company’s or visitor’s name"
            className="block touch-target w-full rounded-lg border border-slate-300 bg-white px-3"
          />
        </div>
        {seesEveryone ? (
          <div className="space-y-1">
            <label htmlFor="employee" className="block text-sm font-medium">
              Whose follow-ups
            </label>
            <select
              id="employee"
              name="employee"
              defaultValue={employeeId ?? 'all'}
              className="touch-target rounded-lg border border-slate-300 bg-white px-3"
            >
              <option value="all">Everyone</option>
              {employees.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.id === user.id ? `${e.name} (me)` : e.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className={buttonClass('secondary')}>
          Show
        </button>
      </form>
      {due.length === 0 && cursor ? (
        <EmptyState title="No more due follow-ups">
          <Link href={pageHref(null)} className={`${buttonClass('secondary')} mt-4`}>
            First page
          </Link>
        </EmptyState>
      ) : due.length === 0 && q ? (
        <EmptyState title={`No due follow-up matches “${q}”`}>
          <Link
            href={employee ? `/follow-ups?${new URLSearchParams({ employee })}` : '/follow-ups'}
            className={`${buttonClass('secondary')} mt-4`}
          >
            Clear the search
          </Link>
        </EmptyState>
      ) : due.length === 0 ? (
        <EmptyState title="Nothing due">
          <p>
            No follow-up is due today or overdue. New ones appear here when a talk is saved as busy or interested with a
            follow-up date.
          </p>
          <Link href="/booth" className={`${buttonClass('primary')} mt-4`}>
            Record a talk
          </Link>
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Due follow-ups">
          {due.map((f) => {
            const overdue = f.next_followup_date! < today;
            const href = `/booth?${new URLSearchParams({ exhibitor: f.exhibitor_id ?? '', phone: f.phone, ...(f.location_id ? { location: String(f.location_id) } : {}), ...(f.table_id ? { stall: String(f.table_id) } : {}) })}`;
            return (
              <li
                key={f.id}
                className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-200"
              >
                <div>
                  <p className="font-medium">
                    {f.visitor ?? formatPhone(f.phone)} · {f.exhibitor}
                  </p>
                  <p className="text-sm text-slate-700">
                    <span className={overdue ? 'font-semibold text-red-700' : 'font-semibold text-brand-800'}>
                      {overdue ? `Overdue since ${formatDay(f.next_followup_date!)}` : 'Today'}
                      {f.next_followup_time ? ` at ${f.next_followup_time.slice(0, 5)}` : ''}
                    </span>
                    {' · '}
                    {f.status}
                    {f.stall ? ` · ${f.location} ${f.stall}` : ''}
                    {seesEveryone ? ` · ${f.employee}` : ''}
                  </p>
                  {f.comment ? <p className="text-sm text-slate-600">{f.comment}</p> : null}
                </div>
                <Link href={href} className={buttonClass('primary')}>
                  Open in booth<span className="sr-only"> for {f.visitor ?? f.phone}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {due.length ? (
        <KeysetPager firstHref={cursor ? pageHref(null) : null} nextHref={nextCursor ? pageHref(nextCursor) : null} />
      ) : null}
    </>
  );
}
