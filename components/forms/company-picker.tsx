'use client';

import { useEffect, useState } from 'react';

import { inputClass } from '@/components/forms/field';
import type { DataState } from '@/lib/action-state';

export type CompanyOption = { id: string; name: string; city: string | null };

/**
 * A select of companies (exhibitors) by name. When there are more companies
 * than the page sent (`more`), a search box above it loads the matches through
 * `search`; the chosen (or current) company stays an option meanwhile.
 */
export function CompanyPicker({
  id,
  name,
  label,
  searchLabel,
  emptyOption,
  hint,
  companies,
  more,
  current = null,
  initial,
  errors,
  search,
}: {
  id: string;
  name: string;
  label: string;
  searchLabel: string;
  /** The first option, whose value is empty. */
  emptyOption: string;
  /** Always shown under the select, after the search advice. */
  hint?: string;
  companies: CompanyOption[];
  more: boolean;
  current?: CompanyOption | null;
  initial: string;
  errors?: string[];
  search: (q: string) => Promise<DataState<CompanyOption[]>>;
}) {
  const [value, setValue] = useState(initial);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CompanyOption[] | null>(null);
  useEffect(() => {
    if (!more) return;
    let live = true;
    const handle = setTimeout(async () => {
      const q = query.trim();
      try {
        const answer = q ? await search(q) : null;
        // A refused search (a role that changed meanwhile) finds nothing.
        if (live) setFound(answer && (answer.ok ? answer.data : []));
      } catch {
        // Offline: the first companies stay listed.
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [query, more, search]);

  const listed = found ?? companies;
  const chosen = [...(current ? [current] : []), ...companies, ...(found ?? [])].find((c) => c.id === value);
  const options = chosen && !listed.some((c) => c.id === chosen.id) ? [chosen, ...listed] : listed;
  const hasHint = more || !!hint;
  const describedBy =
    [errors?.length ? `${id}-error` : null, hasHint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      {more ? (
        <div className="mb-2 space-y-1">
          <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-800">
            {searchLabel}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            className={inputClass}
          />
        </div>
      ) : null}
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={errors?.length ? true : undefined}
        className={inputClass}
      >
        <option value="">{emptyOption}</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.city ? `${c.name} (${c.city})` : c.name}
          </option>
        ))}
      </select>
      {hasHint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {[more ? 'Type part of a name above to list other companies.' : null, hint].filter(Boolean).join(' ')}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
