'use client';

import { useActionState, useEffect, useState } from 'react';
import { FormMessage, inputClass, SelectField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { recipientFilterAction, searchCompaniesAction } from './actions';
import { plural } from '../labels';

type Company = { id: string; name: string; city: string | null };

const TYPE_OPTIONS = [
  { value: 'visitor', label: 'Visitors' },
  { value: 'exhibitor', label: 'Exhibitors' },
  { value: 'any', label: 'Anyone' },
];

/**
 * "Talked to company": a plain select of exhibitors by name. When there are
 * more companies than the page sent, a search box above it loads the matches.
 */
function CompanyPicker({ companies, more, state }: { companies: Company[]; more: boolean; state: ActionState }) {
  const [value, setValue] = useState(state.values?.talked_to ?? '');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Company[] | null>(null);
  useEffect(() => {
    if (!more) return;
    let live = true;
    const handle = setTimeout(async () => {
      const q = query.trim();
      try {
        const rows = q ? await searchCompaniesAction(q) : null;
        if (live) setFound(rows);
      } catch {
        // Offline: the first companies stay listed.
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [query, more]);

  const listed = found ?? companies;
  // The chosen company stays an option while the search shows others.
  const chosen = [...companies, ...(found ?? [])].find((c) => c.id === value);
  const options = chosen && !listed.some((c) => c.id === chosen.id) ? [chosen, ...listed] : listed;
  const errors = state.fieldErrors?.talked_to;
  const describedBy = [errors?.length ? 'talked_to-error' : null, 'talked_to-hint'].filter(Boolean).join(' ');
  return (
    <div className="space-y-1">
      {more ? (
        <div className="mb-2 space-y-1">
          <label htmlFor="company-search" className="block text-sm font-medium text-slate-800">
            Find a company
          </label>
          <input id="company-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" className={inputClass} />
        </div>
      ) : null}
      <label htmlFor="talked_to" className="block text-sm font-medium text-slate-800">
        Talked to company
      </label>
      <select
        id="talked_to"
        name="talked_to"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={errors?.length ? true : undefined}
        className={inputClass}
      >
        <option value="">Any company (no filter)</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.city ? `${c.name} (${c.city})` : c.name}
          </option>
        ))}
      </select>
      <p id="talked_to-hint" className="text-sm text-slate-600">
        {more ? 'Type part of a name above to list other companies. ' : ''}Selects the visitors who talked to this company at a booth.
      </p>
      {errors?.length ? (
        <p id="talked_to-error" className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** Preview what a contact filter selects (nothing written), then add it. */
export function RecipientFilterForm({ campaignId, companies, moreCompanies }: { campaignId: string; companies: Company[]; moreCompanies: boolean }) {
  const [state, action, isPending] = useActionState(recipientFilterAction, initialActionState);
  // A preview answers for the filter it was asked about: once a field changes, preview again before adding.
  const [changedAfter, setChangedAfter] = useState<ActionState | null>(null);
  const answer = state.ok ? state.data : undefined;
  const preview = answer?.intent === 'preview' && changedAfter !== state ? answer : null;
  const toAdd = preview ? preview.phones - preview.already : 0;
  return (
    <form action={action} onChange={() => setChangedAfter(state)} className="grid items-start gap-4 md:grid-cols-3" noValidate>
      <input type="hidden" name="campaign_id" value={campaignId} />
      <SelectField name="type" id="filter-type" label="Contact type" options={TYPE_OPTIONS} defaultValue="visitor" state={state} />
      <TextField name="city" id="filter-city" label="City" autoComplete="off" hint="Exactly as stored; leave empty for every city." state={state} />
      <CompanyPicker companies={companies} more={moreCompanies} state={state} />
      <div className="space-y-3 md:col-span-3">
        <FormMessage state={state} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="preview" variant="secondary" disabled={isPending}>
            Preview
          </Button>
          {preview && toAdd > 0 ? (
            <Button type="submit" name="intent" value="add" disabled={isPending}>
              Add {plural(toAdd, 'new recipient')}
            </Button>
          ) : null}
        </div>
        {preview && toAdd === 0 && preview.phones > 0 ? <p className="text-slate-600">Every matching phone is already on the campaign.</p> : null}
        {answer?.intent === 'preview' && !preview ? <p className="text-slate-600">The filter changed: preview again before adding.</p> : null}
      </div>
    </form>
  );
}
