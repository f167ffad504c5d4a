'use client';

import type { Ref } from 'react';

import { errorAria, FieldError, inputClass } from '@/components/forms/field';

import type { BoothEntry } from './use-booth-entry';

/** The visitor: the phone, and a name for a phone never met before (its history is in the panel further down). */
export function VisitorFieldset({ entry, phoneRef }: { entry: BoothEntry; phoneRef: Ref<HTMLInputElement> }) {
  const { fields, set, state, current, e164 } = entry;
  return (
    <fieldset className="grid grid-cols-2 gap-3 rounded-xl bg-white px-4 pt-1 pb-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">Visitor</legend>
      <div className="space-y-1">
        <label htmlFor="phone" className="block text-sm font-medium">
          Phone
        </label>
        <input
          ref={phoneRef}
          id="phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          className={inputClass}
          placeholder="98765 43210"
          value={fields.phone}
          onChange={(e) => set({ phone: e.target.value })}
          {...errorAria(state, 'phone', 'phone-hint')}
        />
        <p id="phone-hint" className="text-sm text-slate-600">
          {e164 ? `Recorded as ${e164}` : 'Any format: 98765 43210, +91-98765-43210, 09876543210.'}
        </p>
        <FieldError state={state} name="phone" />
      </div>
      {current && !current.visitor ? (
        <div className="space-y-1">
          <label htmlFor="new_visitor_name" className="block text-sm font-medium">
            New visitor’s name (optional)
          </label>
          <input
            id="new_visitor_name"
            name="new_visitor_name"
            className={inputClass}
            value={fields.visitorName}
            onChange={(e) => set({ visitorName: e.target.value })}
            {...errorAria(state, 'new_visitor_name', 'new_visitor_name-hint')}
            maxLength={255}
            autoComplete="off"
          />
          <FieldError state={state} name="new_visitor_name" />
          <p id="new_visitor_name-hint" className="text-sm text-slate-600">
            With a name, the visitor is saved as a contact; without, only the phone is kept.
          </p>
        </div>
      ) : current?.visitor ? (
        <p className="self-center text-lg font-medium" data-testid="visitor-name">
          {current.visitor.name}
          {current.visitor.city ? <span className="block text-sm text-slate-600">{current.visitor.city}</span> : null}
        </p>
      ) : null}
    </fieldset>
  );
}
