import type { Metadata } from 'next';
import Link from 'next/link';

import { SimpleTable } from '@/components/tables/simple-table';
import { buttonClass } from '@/components/ui/button';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listAudit, listAuditEntities, type AuditRow } from '@/db/queries/audit';
import { listUsers } from '@/db/queries/users';
import { AUDIT_ACTIONS } from '@/db/services/audit';
import { auditSearch, describeChange, readAuditQuery } from '@/lib/audit-filter';
import { formatDateTime } from '@/lib/format';
import type { SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Audit log' };

const ORIGIN_LABELS = { screen: 'Screen', import: 'Import', script: 'Script' } as const;

/** Where an entity of the trail can be seen in the app, when it has a page. */
function entityHref(r: AuditRow): string | null {
  if (r.entity === 'contact') return `/contacts/${r.entity_id}`;
  if (r.entity === 'user') return `/admin/users/${r.entity_id}`;
  if (r.entity === 'campaign') return `/admin/campaigns/${r.entity_id}`;
  if (r.entity === 'location') return `/admin/locations/${r.entity_id}`;
  return null;
}

const inputClass = 'block touch-target w-full rounded-lg border border-slate-300 bg-white px-3';

/** Every money-changing write and admin change, newest first, filtered by entity, user, action and date; 50 a page. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manage');
  const query = readAuditQuery(await searchParams);
  const [{ rows, next }, entities, people] = await Promise.all([
    listAudit(db, query.filter, { cursor: query.cursor }),
    listAuditEntities(db),
    listUsers(db),
  ]);
  const filtered = Object.values(query.values).some(Boolean);
  const field = (name: keyof typeof query.errors) =>
    query.errors[name] ? (
      <p id={`audit-${name}-error`} className="text-sm text-red-700">
        {query.errors[name]}
      </p>
    ) : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to money (bookings, payments, cancellations, legacy backfills, merges, imports) and every admin change, with who made it, from where, and the values before and after. Nothing here can be edited or deleted."
      />
      <form
        className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end"
        role="search"
        aria-label="Filter the audit log"
      >
        <div className="space-y-1">
          <label htmlFor="audit-entity" className="block text-sm font-medium">
            Entity
          </label>
          <select id="audit-entity" name="entity" defaultValue={query.values.entity} className={inputClass}>
            <option value="">Any</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-entity_id" className="block text-sm font-medium">
            Entity id
          </label>
          <input
            id="audit-entity_id"
            name="entity_id"
            defaultValue={query.values.entity_id}
            maxLength={64}
            aria-invalid={query.errors.entity_id ? true : undefined}
            aria-describedby={query.errors.entity_id ? 'audit-entity_id-error' : undefined}
            className={inputClass}
          />
          {field('entity_id')}
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-user" className="block text-sm font-medium">
            User
          </label>
          <select id="audit-user" name="user" defaultValue={query.values.user} className={inputClass}>
            <option value="">Anyone</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-action" className="block text-sm font-medium">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.values.action} className={inputClass}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-from" className="block text-sm font-medium">
            From
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={query.values.from}
            aria-invalid={query.errors.from ? true : undefined}
            aria-describedby={query.errors.from ? 'audit-from-error' : undefined}
            className={inputClass}
          />
          {field('from')}
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-to" className="block text-sm font-medium">
            To
          </label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={query.values.to}
            aria-invalid={query.errors.to ? true : undefined}
            aria-describedby={query.errors.to ? 'audit-to-error' : undefined}
            className={inputClass}
          />
          {field('to')}
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass('secondary')}>
            Show
          </button>
          <Link
            href={`/api/export/audit${auditSearch(query.values)}`}
            prefetch={false}
            className={buttonClass('secondary')}
          >
            CSV
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState
          title={query.cursor ? 'No more entries' : filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}
        >
          <p>
            {filtered
              ? 'Widen the dates or clear a filter.'
              : 'Entries appear here as bookings, payments and admin changes are saved.'}
          </p>
          {filtered || query.cursor ? (
            <Link href="/admin/audit" className={`${buttonClass('secondary')} mt-4`}>
              Clear the filters
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <SimpleTable caption="Audit log" head={['When', 'Who', 'From', 'Action', 'Entity', 'Change']}>
            {rows.map((r) => {
              const href = entityHref(r);
              return (
                <tr key={r.id} className="align-top">
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDateTime(r.at)}</td>
                  <td className="px-3 py-2">{r.user_name ?? (r.user_id ? r.user_id : 'Script')}</td>
                  <td className="px-3 py-2">
                    {ORIGIN_LABELS[r.origin]}
                    {r.origin_detail ? <span className="block text-xs text-slate-600">{r.origin_detail}</span> : null}
                  </td>
                  <td className="px-3 py-2 font-mono text-sm">{r.action}</td>
                  <td className="px-3 py-2">
                    {r.entity}{' '}
                    {href ? (
                      <Link href={href} className="font-mono text-sm underline">
                        {r.entity_id}
                      </Link>
                    ) : (
                      <span className="font-mono text-sm">{r.entity_id}</span>
                    )}
                    <Link
                      href={`/admin/audit${auditSearch({ entity: r.entity, entity_id: r.entity_id, user: '', action: '', from: '', to: '' })}`}
                      className="block text-xs underline"
                    >
                      Its history
                      <span className="sr-only">
                        {' '}
                        ({r.entity} {r.entity_id})
                      </span>
                    </Link>
                  </td>
                  <td className="max-w-md px-3 py-2 text-sm break-words">{describeChange(r.before, r.after)}</td>
                </tr>
              );
            })}
          </SimpleTable>
          <KeysetPager
            firstHref={query.cursor ? `/admin/audit${auditSearch(query.values)}` : null}
            nextHref={next ? `/admin/audit${auditSearch(query.values, next)}` : null}
          />
        </>
      )}
    </>
  );
}
