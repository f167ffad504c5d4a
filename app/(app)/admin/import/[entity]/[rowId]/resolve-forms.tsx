'use client';

import { useActionState } from 'react';

import { CompanyPicker, type CompanyOption } from '@/components/forms/company-picker';
import { FormMessage, SelectField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';

import { searchCompaniesAction } from '../../../actions';
import { resolveLegacyRowAction } from '../../actions';

type Row = { entity: 'follow_up' | 'booking'; rowId: string };
type Option = { value: string; label: string };
type Company = CompanyOption;

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
}: Row & {
  field: 'visitor_id' | 'location_id' | 'table_id';
  label: string;
  button: string;
  placeholder: string;
  options: Option[];
  current: string | null;
  hint?: string;
}) {
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
export function ResolveCompanyForm({
  entity,
  rowId,
  companies,
  more,
  current,
}: Row & { companies: Company[]; more: boolean; current: Company | null }) {
  const [state, action, isPending] = useActionState(resolveLegacyRowAction, initialActionState);
  return (
    <form action={action} className="grid items-start gap-3 md:grid-cols-[1fr_auto]" noValidate>
      <RowFields entity={entity} rowId={rowId} field="exhibitor_id" />
      <CompanyPicker
        id="exhibitor_id-value"
        name="value"
        label="Company"
        searchLabel="Search companies"
        emptyOption="Choose a company…"
        companies={companies}
        more={more}
        current={current}
        initial={state.values?.value ?? current?.id ?? ''}
        errors={state.fieldErrors?.value}
        search={searchCompaniesAction}
      />
      <SaveButton isPending={isPending}>Save company</SaveButton>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
