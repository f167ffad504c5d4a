'use client';

import { useActionState, useState } from 'react';

import { CompanyPicker, type CompanyOption } from '@/components/forms/company-picker';
import { FormMessage, SelectField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { plural } from '@/lib/format';

import { searchCompaniesAction } from '../../actions';
import { recipientFilterAction } from './actions';

type Company = CompanyOption;

const TYPE_OPTIONS = [
  { value: 'visitor', label: 'Visitors' },
  { value: 'exhibitor', label: 'Exhibitors' },
  { value: 'any', label: 'Anyone' },
];

/** Preview what a contact filter selects (nothing written), then add it. */
export function RecipientFilterForm({
  campaignId,
  companies,
  moreCompanies,
}: {
  campaignId: string;
  companies: Company[];
  moreCompanies: boolean;
}) {
  const [state, action, isPending] = useActionState(recipientFilterAction, initialActionState);
  // A preview answers for the filter it was asked about: once a field changes, preview again before adding.
  const [changedAfter, setChangedAfter] = useState<ActionState | null>(null);
  const answer = state.ok ? state.data : undefined;
  const preview = answer?.intent === 'preview' && changedAfter !== state ? answer : null;
  const toAdd = preview ? preview.phones - preview.already : 0;
  return (
    <form
      action={action}
      onChange={() => setChangedAfter(state)}
      className="grid items-start gap-4 md:grid-cols-3"
      noValidate
    >
      <input type="hidden" name="campaign_id" value={campaignId} />
      <SelectField
        name="type"
        id="filter-type"
        label="Contact type"
        options={TYPE_OPTIONS}
        defaultValue="visitor"
        state={state}
      />
      <TextField
        name="city"
        id="filter-city"
        label="City"
        autoComplete="off"
        hint="Exactly as stored; leave empty for every city."
        state={state}
      />
      <CompanyPicker
        id="talked_to"
        name="talked_to"
        label="Talked to company"
        searchLabel="Find a company"
        emptyOption="Any company (no filter)"
        hint="Selects the visitors who talked to this company at a booth."
        companies={companies}
        more={moreCompanies}
        initial={state.values?.talked_to ?? ''}
        errors={state.fieldErrors?.talked_to}
        search={searchCompaniesAction}
      />
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
        {preview && toAdd === 0 && preview.phones > 0 ? (
          <p className="text-slate-600">Every matching phone is already on the campaign.</p>
        ) : null}
        {answer?.intent === 'preview' && !preview ? (
          <p className="text-slate-600">The filter changed: preview again before adding.</p>
        ) : null}
      </div>
    </form>
  );
}
