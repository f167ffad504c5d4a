'use client';

import { useEffect, useState } from 'react';

import { errorAria, FieldError, inputClass } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { formatCount, formatDateTime } from '@/lib/format';
import { searchCompanies, type KeptCopy } from '@/lib/offline/device-copy';

import { searchExhibitorsAction } from './actions';
import type { EntryState } from './use-booth-entry';

type Company = { id: string; name: string };

/**
 * The exhibitor the talk is for: the remembered one with "Change company", or a search — on the
 * server, or offline in the companies of the location kept on the tablet (`kept`).
 */
export function CompanyFieldset({
  state,
  exhibitor,
  kept,
  locationName,
  onChoose,
}: {
  state: EntryState;
  exhibitor: Company | null;
  kept: KeptCopy | null;
  locationName: string | null;
  onChoose: (company: Company) => void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<(Company & { city: string | null })[]>([]);
  const [offline, setOffline] = useState(false);
  const [choosing, setChoosing] = useState(false);
  useEffect(() => {
    if (!choosing && exhibitor) return;
    const fromTablet = () => {
      setResults(searchCompanies(kept?.companies ?? [], query));
      setOffline(true);
    };
    const handle = setTimeout(async () => {
      if (!navigator.onLine) return fromTablet();
      try {
        const answer = await searchExhibitorsAction(query);
        setResults(answer.ok ? answer.data : []);
        setOffline(false);
      } catch {
        fromTablet(); // The connection dropped on the way.
      }
    }, 200);
    return () => clearTimeout(handle);
  }, [query, choosing, exhibitor, kept]);

  return (
    <fieldset className="space-y-2 rounded-xl bg-white px-4 pt-1 pb-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">Company</legend>
      {exhibitor && !choosing ? (
        <div className="flex items-center justify-between gap-3">
          <p className="text-lg font-medium" data-testid="chosen-company">
            {exhibitor.name}
          </p>
          <Button variant="secondary" onClick={() => setChoosing(true)}>
            Change company
          </Button>
        </div>
      ) : (
        <div className="space-y-2">
          <label htmlFor="company-search" className="block text-sm font-medium">
            Find the exhibitor
          </label>
          <input
            id="company-search"
            type="search"
            className={inputClass}
            placeholder="Type part of the company name"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            {...errorAria(state, 'exhibitor_id')}
            autoComplete="off"
          />
          <FieldError state={state} name="exhibitor_id" />
          {offline ? (
            <p className="text-sm text-slate-600" data-testid="companies-kept">
              {kept
                ? `Offline: searching the ${formatCount(kept.companies.length)} companies of ${locationName ?? 'this location'} kept on this tablet (as of ${formatDateTime(kept.refreshedAt)}).`
                : 'Offline, and this tablet keeps no companies of this location yet: choose the location once while online.'}
            </p>
          ) : null}
          <ul className="grid gap-2 sm:grid-cols-2" aria-label="Matching companies">
            {results.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="touch-target w-full rounded-lg px-3 py-2 text-left ring-1 ring-slate-200 hover:bg-brand-50"
                  onClick={() => {
                    onChoose({ id: c.id, name: c.name });
                    setChoosing(false);
                    setQuery('');
                  }}
                >
                  <span className="font-medium">{c.name}</span>
                  {c.city ? <span className="block text-sm text-slate-600">{c.city}</span> : null}
                </button>
              </li>
            ))}
          </ul>
          {results.length === 0 && query ? <p className="text-slate-600">No exhibitor matches “{query}”.</p> : null}
        </div>
      )}
    </fieldset>
  );
}
