'use client';

import { addDays, format } from 'date-fns';

import { errorAria, FieldError, inputClass } from '@/components/forms/field';
import { useOnline } from '@/components/offline/sync-status';
import { Button } from '@/components/ui/button';
import { formatDay } from '@/lib/format';

import type { BoothEntry, Outcome } from './use-booth-entry';

const OUTCOMES: { value: Outcome; label: string; hint: string }[] = [
  { value: 'busy', label: 'Busy', hint: 'Talk again later' },
  { value: 'interested', label: 'Interested', hint: 'A warm lead' },
  { value: 'materialised', label: 'Materialised', hint: 'Books a stall' },
];

const QUICK_PICKS = [
  { label: 'Tomorrow', days: 1 },
  { label: 'In 3 days', days: 3 },
  { label: 'Next week', days: 7 },
];

/**
 * The talk: how it went, the next follow-up (right under it, so a typical entry needs no scroll),
 * the notes and the campaign.
 */
export function OutcomeFieldset({
  entry,
  campaigns,
  attributionDays,
}: {
  entry: BoothEntry;
  campaigns: { id: string; name: string }[];
  attributionDays: number;
}) {
  const { fields, set, state, current, followUp } = entry;
  const outcome = fields.outcome;
  const online = useOnline();
  return (
    <fieldset className="space-y-3 rounded-xl bg-white px-4 pt-1 pb-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">The talk</legend>

      <div
        role="radiogroup"
        aria-labelledby="outcome-label"
        aria-describedby={errorAria(state, 'outcome')['aria-describedby']}
        className="space-y-1"
      >
        <p id="outcome-label" className="text-sm font-medium">
          How did it go?
        </p>
        <div className="grid grid-cols-3 gap-2">
          {OUTCOMES.map((o) => (
            <label
              key={o.value}
              className={`relative flex touch-target cursor-pointer flex-col items-center justify-center rounded-xl px-2 py-2 text-center ring-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
                outcome === o.value ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white ring-slate-200'
              }`}
            >
              <input
                type="radio"
                name="outcome"
                value={o.value}
                checked={outcome === o.value}
                onChange={() => set({ outcome: o.value })}
                className="absolute inset-0 cursor-pointer opacity-0"
              />
              <span className="text-base font-semibold">{o.label}</span>
              <span className={`text-sm ${outcome === o.value ? 'text-brand-100' : 'text-slate-600'}`}>{o.hint}</span>
            </label>
          ))}
        </div>
        <FieldError state={state} name="outcome" />
      </div>

      {outcome === 'busy' || outcome === 'interested' ? (
        <div className="space-y-1">
          <p className="text-sm font-medium">Next follow-up</p>
          <div className="flex flex-wrap items-start gap-2">
            {QUICK_PICKS.map((q) => (
              <Button
                key={q.label}
                variant="secondary"
                onClick={() => set({ nextDate: format(addDays(new Date(), q.days), 'yyyy-MM-dd') })}
              >
                {q.label}
              </Button>
            ))}
            <div className="flex min-w-0 flex-1 gap-2">
              <div className="min-w-0 flex-1">
                <label htmlFor="next_followup_date" className="sr-only">
                  Date
                </label>
                <input
                  id="next_followup_date"
                  name="next_followup_date"
                  type="date"
                  className={inputClass}
                  value={followUp.date}
                  onChange={(e) => set({ nextDate: e.target.value })}
                  {...errorAria(state, 'next_followup_date', 'next_followup-hint')}
                />
              </div>
              <div className="w-32">
                <label htmlFor="next_followup_time" className="sr-only">
                  Time (optional)
                </label>
                <input
                  id="next_followup_time"
                  name="next_followup_time"
                  type="time"
                  className={inputClass}
                  value={followUp.time}
                  onChange={(e) => set({ nextTime: e.target.value, nextDate: followUp.date })}
                  {...errorAria(state, 'next_followup_time', 'next_followup-hint')}
                />
              </div>
            </div>
          </div>
          <FieldError state={state} name="next_followup_date" />
          <FieldError state={state} name="next_followup_time" />
          <p id="next_followup-hint" className="text-sm text-slate-600" data-testid="follow-up-hint">
            {followUp.existing && !followUp.touched
              ? followUp.existingOverdue
                ? `This lead was due on ${formatDay(followUp.existing)} (overdue): it stays due then unless you choose a new date.`
                : `This lead’s follow-up on ${formatDay(followUp.existing)} is kept unless you change it.`
              : 'Date, and a time if agreed (optional).'}
          </p>
        </div>
      ) : null}

      <div className="space-y-1">
        <label htmlFor="notes" className="block text-sm font-medium">
          Notes
        </label>
        <textarea
          id="notes"
          name="notes"
          rows={2}
          maxLength={5000}
          className={`${inputClass} py-2`}
          value={fields.notes}
          onChange={(e) => set({ notes: e.target.value })}
          {...errorAria(state, 'notes')}
        />
        <FieldError state={state} name="notes" />
      </div>

      <div className="space-y-1">
        <label htmlFor="campaign_id" className="block text-sm font-medium">
          Campaign
        </label>
        {current?.openLead ? (
          <p className="text-slate-700">
            This lead is{' '}
            {current.openLead.campaign_name ? `from ${current.openLead.campaign_name}` : 'not from a campaign'};
            attribution stays as it was at the first talk.
          </p>
        ) : (
          <select
            id="campaign_id"
            name="campaign_id"
            className={inputClass}
            value={fields.campaignChoice}
            onChange={(e) => set({ campaignChoice: e.target.value })}
            {...errorAria(state, 'campaign_id', 'campaign-hint')}
          >
            <option value="auto">
              {current?.suggestion
                ? `${current.suggestion.name} (suggested)`
                : `Automatic: a campaign that messaged this phone in the last ${attributionDays} days`}
            </option>
            <option value="">No campaign</option>
            {campaigns
              .filter((c) => c.id !== current?.suggestion?.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        )}
        <FieldError state={state} name="campaign_id" />
        {!current?.openLead ? (
          <p id="campaign-hint" className="text-sm text-slate-600">
            {current?.suggestion
              ? `This phone was messaged by ${current.suggestion.name} in the last ${attributionDays} days.`
              : `Suggested when this phone was messaged by a campaign in the last ${attributionDays} days.`}
            {online
              ? ''
              : ' Offline: with “Automatic”, the server decides the campaign when this talk is sent, from the time the talk happened.'}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
