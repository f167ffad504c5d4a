'use client';

import { useActionState, useEffect, useState } from 'react';
import { FormMessage, inputClass, SelectField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { resolveLegacyRowAction, searchLegacyCompaniesAction } from '../../actions';

type Row = { entity: 'follow_up' | 'booking'; rowId: string };
type Option = { value: string; label: string };
type Company = { id: string; name: string; city: string | null };

function RowFields({ entity, rowId, field }: Row & { field: string }) {
  return (
    <>
      <input type="hidden" name="entity" value={entity} />
      <input type="hidden" name="row_id" value={rowId} />
      <input type="hidden" name="field" value={field} />
    </>
  );
}

function SaveButton({ isPending, children }: { isPending: boolean; children: string }) {
  return (
    <Button type="submit" className="md:mt-6" disabled={isPending}>
      {isPending ? 'Saving…' : children}
    </Button>
  );
}

/** One field of an old row set from a list: the visitor among the contacts with its phone, the location, the stall. */
export function ResolveSelectForm({
  entity,
  rowId,
  field,
  label,
  button,
  placeholder,
  options,
  current,
  hint,
}: Row & { field: 'visitor_id' | 'location_id' | 'table_id'; label: string; button: string; placeholder: string; options: Option[]; current: string | null; hint?: string }) {
  const [state, action, isPending] = useActionState(resolveLegacyRowAction, initialActionState);
  return (
    <form action={action} className="grid items-start gap-3 md:grid-cols-[1fr_auto]" noValidate>
      <RowFields entity={entity} rowId={rowId} field={field} />
      <SelectField
        name="value"
        id={`${field}-value`}
        label={label}
        options={[{ value: '', label: placeholder }, ...options]}
        defaultValue={current ?? ''}
        hint={hint}
        state={state}
      />
      <SaveButton isPending={isPending}>{button}</SaveButton>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/**
 * The company of an old row: a select of companies by name; when there are
 * more than the page sent, a search box above it loads the matches.
 */
export function ResolveCompanyForm({ entity, rowId, companies, more, current }: Row & { companies: Company[]; more: boolean; current: Company | null }) {
  const [state, action, isPending] = useActionState(resolveLegacyRowAction, initialActionState);
  return (
    <form action={action} className="grid items-start gap-3 md:grid-cols-[1fr_auto]" noValidate>
      <RowFields entity={entity} rowId={rowId} field="exhibitor_id" />
      <CompanyPicker companies={companies} more={more} current={current} state={state} />
      <SaveButton isPending={isPending}>Save company</SaveButton>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

function CompanyPicker({ companies, more, current, state }: { companies: Company[]; more: boolean; current: Company | null; state: ActionState }) {
  const [value, setValue] = useState(state.values?.value ?? current?.id ?? '');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Company[] | null>(null);
  useEffect(() => {
    if (!more) return;
    let live = true;
    const handle = setTimeout(async () => {
      const q = query.trim();
      try {
        const rows = q ? await searchLegacyCompaniesAction(q) : null;
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
  // The chosen (or current) company stays an option while the search shows others.
  const chosen = [...(current ? [current] : []), ...companies, ...(found ?? [])].find((c) => c.id === value);
  const options = chosen && !listed.some((c) => c.id === chosen.id) ? [chosen, ...listed] : listed;
  const errors = state.fieldErrors?.value;
  const describedBy = [errors?.length ? 'exhibitor_id-value-error' : null, more ? 'exhibitor_id-value-hint' : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      {more ? (
        <div className="mb-2 space-y-1">
          <label htmlFor="company-search" className="block text-sm font-medium text-slate-800">
            Search companies
          </label>
          <input id="company-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" className={inputClass} />
        </div>
      ) : null}
      <label htmlFor="exhibitor_id-value" className="block text-sm font-medium text-slate-800">
        Company
      </label>
      <select
        id="exhibitor_id-value"
        name="value"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={errors?.length ? true : undefined}
        className={inputClass}
      >
        <option value="">Choose a company…</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.city ? `${c.name} (${c.city})` : c.name}
          </option>
        ))}
      </select>
      {more ? (
        <p id="exhibitor_id-value-hint" className="text-sm text-slate-600">
          Type part of a name above to list other companies.
        </p>
      ) : null}
      {errors?.length ? (
        <p id="exhibitor_id-value-error" className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
