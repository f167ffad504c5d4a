'use client';

import { useActionState, useState } from 'react';

import { CompanyPicker, type CompanyOption } from '@/components/forms/company-picker';
import { useConfirmStep } from '@/components/forms/confirm-step';
import { FieldError, FormMessage } from '@/components/forms/field';
import { Button, buttonClass } from '@/components/ui/button';
import type { DuplicateGroup } from '@/db/queries/duplicates';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { formatPhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

import { mergeContactsAction, searchCompaniesAction } from './actions';
import type { DuplicateTab } from './tabs';

const cell = 'px-3 py-2 text-left align-top';
const fmtDate = (d: Date | string | null) =>
  d
    ? new Date(d).toLocaleDateString('en-IN', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'Asia/Kolkata',
      })
    : '—';

/**
 * The merge action with a client-made idempotency key (DESIGN.md invariant 6):
 * the key is added at submit, kept while the submit fails (a refused merge
 * stores nothing), so a retried tap never merges twice. A component is
 * re-keyed by its parent once what it merges changes, which makes a new key.
 */
function useMergeAction() {
  const [key] = useState(() => ulid());
  const [state, dispatch, isPending] = useActionState(mergeContactsAction, initialActionState);
  const submit = (data: FormData) => {
    data.set('idempotency_key', key);
    dispatch(data);
  };
  return { state: state as ActionState, submit, isPending };
}

/** One group of visitors sharing a phone or an email: the admin picks the one to keep and the one to merge into it. */
export function VisitorGroupForm({
  group,
  tab,
  cursor,
}: {
  group: DuplicateGroup;
  tab: DuplicateTab;
  cursor: string | null;
}) {
  const { state, submit, isPending } = useMergeAction();
  const members = group.members;
  const [keep, setKeep] = useState(members[0]?.id ?? '');
  const [away, setAway] = useState(members[1]?.id ?? '');
  const { confirming, confirmRef, startRef, ask, cancel, close } = useConfirmStep();
  const kept = members.find((m) => m.id === keep);
  const gone = members.find((m) => m.id === away);
  const formId = `group-${group.key.replace(/[^\w]/g, '')}`;
  const errorId = `${formId}-error`;
  const hasError = !!(state.fieldErrors?.survivor_id || state.fieldErrors?.merged_id);
  const same = keep === away;
  const title = tab === 'phone' ? formatPhone(group.key) : group.key;

  return (
    <section aria-labelledby={`${formId}-title`} className="space-y-3 rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <h2 id={`${formId}-title`} className="text-lg font-medium">
        {title} · {group.size} visitors
      </h2>
      <form action={submit} className="space-y-3" noValidate>
        <input type="hidden" name="type" value="visitor" />
        <input type="hidden" name="tab" value={tab} />
        {cursor ? <input type="hidden" name="cursor" value={cursor} /> : null}
        <input type="hidden" name="survivor_id" value={keep} />
        <input type="hidden" name="merged_id" value={away} />
        <input type="hidden" name="survivor_version" value={kept?.version ?? ''} />
        <input type="hidden" name="merged_version" value={gone?.version ?? ''} />
        <FormMessage state={state} />
        <div className="overflow-x-auto">
          <table className="w-full min-w-[56rem] text-sm">
            <caption className="sr-only">Visitors with {title}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                {[
                  'Keep',
                  'Merge away',
                  'Name',
                  'Phone',
                  'Email',
                  'City',
                  'Company',
                  'Added',
                  'Leads',
                  'Talks',
                  'Bookings',
                ].map((h) => (
                  <th key={h} scope="col" className={cell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.id}>
                  <td className={cell}>
                    <input
                      type="radio"
                      name={`${formId}-keep`}
                      className="size-5"
                      checked={keep === m.id}
                      onChange={() => {
                        setKeep(m.id);
                        close();
                      }}
                      aria-label={`Keep ${m.name}`}
                      aria-describedby={hasError ? errorId : undefined}
                    />
                  </td>
                  <td className={cell}>
                    <input
                      type="radio"
                      name={`${formId}-away`}
                      className="size-5"
                      checked={away === m.id}
                      onChange={() => {
                        setAway(m.id);
                        close();
                      }}
                      aria-label={`Merge ${m.name} away`}
                      aria-describedby={hasError ? errorId : undefined}
                    />
                  </td>
                  <th scope="row" className={`${cell} font-medium`}>
                    {m.name}
                  </th>
                  <td className={`${cell} whitespace-nowrap`}>{m.phone ? formatPhone(m.phone) : '—'}</td>
                  <td className={cell}>{m.email ?? '—'}</td>
                  <td className={cell}>{m.city ?? '—'}</td>
                  <td className={cell}>{m.company_name ?? '—'}</td>
                  <td className={`${cell} whitespace-nowrap`}>{fmtDate(m.created_at)}</td>
                  <td className={`${cell} tabular-nums`}>{m.leads}</td>
                  <td className={`${cell} tabular-nums`}>{m.talks}</td>
                  <td className={`${cell} tabular-nums`}>{m.bookings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {group.size > members.length ? (
          <p className="text-sm text-slate-600">
            {group.size - members.length} more with this {tab === 'phone' ? 'phone' : 'email'} are not shown: merge
            these first, and the next ones appear.
          </p>
        ) : null}
        <FieldError state={state} name={['survivor_id', 'merged_id']} id={errorId} />
        {same ? (
          <p className="text-sm text-slate-700">Choose a different visitor to merge away than the one you keep.</p>
        ) : null}
        {confirming && kept && gone && !same ? (
          <div className="space-y-2 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
            <p>
              Every lead, talk, booking and campaign message of <strong>{gone.name}</strong> moves to{' '}
              <strong>{kept.name}</strong>, who keeps their own details (blank ones are filled from {gone.name}).{' '}
              {gone.name} is then removed. This cannot be undone.
            </p>
            <div className="flex flex-wrap gap-2">
              <button ref={confirmRef} type="submit" className={buttonClass('danger')} disabled={isPending}>
                {isPending ? 'Merging…' : `Yes, merge ${gone.name} into ${kept.name}`}
              </button>
              <Button variant="ghost" onClick={cancel}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <button
            ref={startRef}
            type="button"
            className={buttonClass('secondary')}
            disabled={same || !kept || !gone}
            onClick={ask}
          >
            Merge…
            <span className="sr-only"> visitors with {title}</span>
          </button>
        )}
      </form>
    </section>
  );
}

/** Two company pickers, read as a GET form: the page then shows both companies side by side to confirm. */
export function CompanyChooser({
  companies,
  from,
  into,
}: {
  companies: CompanyOption[];
  from: CompanyOption | null;
  into: CompanyOption | null;
}) {
  return (
    <form
      method="get"
      className="grid gap-4 rounded-xl bg-white p-4 ring-1 ring-slate-200 md:grid-cols-2"
      aria-label="Choose two companies to merge"
    >
      <input type="hidden" name="tab" value="companies" />
      <CompanyPicker
        id="from"
        name="from"
        label="Company to merge away"
        searchLabel="Find the company to merge away"
        emptyOption="Choose a company…"
        companies={companies}
        more
        current={from}
        initial={from?.id ?? ''}
        search={searchCompaniesAction}
      />
      <CompanyPicker
        id="into"
        name="into"
        label="Merge it into (this company is kept)"
        searchLabel="Find the company to keep"
        emptyOption="Choose a company…"
        companies={companies}
        more
        current={into}
        initial={into?.id ?? ''}
        search={searchCompaniesAction}
      />
      <div className="md:col-span-2">
        <Button type="submit" variant="secondary">
          Review the merge
        </Button>
      </div>
    </form>
  );
}

/** The confirmation of a company merge, once both companies are shown. */
export function CompanyMergeForm({
  from,
  into,
}: {
  from: { id: string; name: string; version: number };
  into: { id: string; name: string; version: number };
}) {
  const { state, submit, isPending } = useMergeAction();
  return (
    <form action={submit} className="space-y-3" noValidate>
      <input type="hidden" name="type" value="exhibitor" />
      <input type="hidden" name="tab" value="companies" />
      <input type="hidden" name="survivor_id" value={into.id} />
      <input type="hidden" name="merged_id" value={from.id} />
      <input type="hidden" name="survivor_version" value={into.version} />
      <input type="hidden" name="merged_version" value={from.version} />
      <FormMessage state={state} />
      <Button type="submit" variant="danger" disabled={isPending}>
        {isPending ? 'Merging…' : `Yes, merge ${from.name} into ${into.name}`}
      </Button>
    </form>
  );
}
