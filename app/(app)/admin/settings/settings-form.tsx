'use client';

import { useActionState } from 'react';

import { FormMessage, SelectField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';
import { ATTRIBUTION_MODEL_OPTIONS } from '@/lib/labels';

import { updateAttributionSettingsAction } from './actions';

export function AttributionSettingsForm({ windowDays, model }: { windowDays: number; model: string }) {
  const [state, action, isPending] = useActionState(updateAttributionSettingsAction, initialActionState);
  return (
    <form action={action} className="grid items-start gap-4 md:grid-cols-2" noValidate>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
      <TextField
        name="attribution_window_days"
        label="Attribution window (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        step={1}
        defaultValue={windowDays}
        hint="From 1 to 365 days."
        required
        state={state}
      />
      <SelectField
        name="attribution_model"
        label="Attribution model"
        options={ATTRIBUTION_MODEL_OPTIONS}
        defaultValue={model}
        state={state}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  );
}
