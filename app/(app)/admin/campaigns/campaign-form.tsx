'use client';

import { useActionState } from 'react';

import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';
import { CAMPAIGN_STATUS_OPTIONS, CHANNEL_OPTIONS } from '@/lib/labels';

import { createCampaignAction, updateCampaignAction } from './actions';

type CampaignValues = {
  id: string;
  name: string;
  channel: string;
  message: string | null;
  status: string;
  sent_on: string | null;
};

/** Creates a campaign (then opens its page) or edits one. */
export function CampaignForm({ campaign }: { campaign?: CampaignValues }) {
  const [state, action, isPending] = useActionState(
    campaign ? updateCampaignAction : createCampaignAction,
    initialActionState,
  );
  return (
    <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
      {campaign ? <input type="hidden" name="id" value={campaign.id} /> : null}
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
      <TextField name="name" label="Name" defaultValue={campaign?.name} autoComplete="off" required state={state} />
      <SelectField
        name="channel"
        label="Channel"
        options={CHANNEL_OPTIONS}
        defaultValue={campaign?.channel ?? 'whatsapp'}
        state={state}
      />
      <div className="md:col-span-2">
        <TextAreaField
          name="message"
          label="Message"
          defaultValue={campaign?.message ?? ''}
          hint="The text sent to every recipient; it goes into the outbox CSV."
          state={state}
        />
      </div>
      <SelectField
        name="status"
        label="Status"
        options={CAMPAIGN_STATUS_OPTIONS}
        defaultValue={campaign?.status ?? 'draft'}
        state={state}
      />
      <TextField
        name="sent_on"
        label="Sent on"
        type="date"
        defaultValue={campaign?.sent_on ?? ''}
        hint="The day the messages went out; today when marked sent without a date."
        state={state}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : campaign ? 'Save campaign' : 'Create campaign'}
        </Button>
      </div>
    </form>
  );
}
