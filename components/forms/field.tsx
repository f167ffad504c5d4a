import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

import type { ActionState } from '@/lib/action-state';

/** The text-input look shared by every form (44 px high, visible focus, red when invalid). */
export const inputClass =
  'touch-target block w-full rounded-lg border border-slate-300 bg-white px-3 text-base shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600 aria-[invalid=true]:border-red-600';

/**
 * The aria wiring of a hand-built control to its server-side error, by field
 * name: `<input {...errorAria(state, 'phone', 'phone-hint')} />` beside
 * `<FieldError state={state} name="phone" />`; extra ids are hints it is also described by.
 */
export function errorAria(state: ActionState | undefined, name: string, ...hintIds: string[]) {
  const invalid = Boolean(state?.fieldErrors?.[name]?.length);
  return {
    'aria-describedby': [invalid ? `${name}-error` : '', ...hintIds].filter(Boolean).join(' ') || undefined,
    'aria-invalid': invalid || undefined,
  };
}

/** A field's server-side error, under its control (id `${name}-error` unless given); several names show their errors as one. */
export function FieldError({
  state,
  name,
  id,
}: {
  state?: ActionState;
  name: string | readonly string[];
  id?: string;
}) {
  const names = typeof name === 'string' ? [name] : name;
  const errors = names.flatMap((n) => state?.fieldErrors?.[n] ?? []);
  return errors.length ? (
    <p id={id ?? `${names[0]}-error`} className="text-sm text-red-700">
      {errors.join(' ')}
    </p>
  ) : null;
}

type Common = {
  name: string;
  label: string;
  state?: ActionState;
  hint?: string;
  /** defaults to name; set it when a page repeats a form */ id?: string;
};

function FieldShell({
  name,
  id,
  label,
  state,
  hint,
  children,
}: Common & { id: string; children: (ids: { describedBy?: string; invalid: boolean }) => React.ReactNode }) {
  const errors = state?.fieldErrors?.[name];
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ describedBy, invalid: Boolean(errorId) })}
      {hint ? (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError state={state} name={name} id={errorId} />
    </div>
  );
}

/** A labelled input wired to its server-side error with aria-describedby; keeps the echoed value. */
export function TextField({
  name,
  id = name,
  label,
  state,
  hint,
  defaultValue,
  ...props
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const echoed = state?.values?.[name];
  return (
    <FieldShell name={name} id={id} label={label} state={state} hint={hint}>
      {({ describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          // Re-key on the echoed value so a refused submit shows what was typed.
          key={echoed ?? String(defaultValue ?? '')}
          defaultValue={echoed ?? defaultValue}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={inputClass}
          {...props}
        />
      )}
    </FieldShell>
  );
}

/** A labelled multi-line input, wired like TextField. */
export function TextAreaField({
  name,
  id = name,
  label,
  state,
  hint,
  defaultValue,
  rows = 4,
  ...props
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const echoed = state?.values?.[name];
  return (
    <FieldShell name={name} id={id} label={label} state={state} hint={hint}>
      {({ describedBy, invalid }) => (
        <textarea
          id={id}
          name={name}
          key={echoed ?? String(defaultValue ?? '')}
          defaultValue={echoed ?? defaultValue}
          rows={rows}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={`${inputClass} py-2`}
          {...props}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  name,
  id = name,
  label,
  state,
  hint,
  options,
  defaultValue,
  ...props
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  const echoed = state?.values?.[name];
  return (
    <FieldShell name={name} id={id} label={label} state={state} hint={hint}>
      {({ describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          key={echoed ?? String(defaultValue ?? '')}
          defaultValue={echoed ?? (defaultValue as string | undefined)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={inputClass}
          {...props}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** The form-level message: role="alert" for failures, role="status" for success. */
export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return state.ok ? (
    <p role="status" className="rounded-lg bg-green-50 px-4 py-3 text-green-800 ring-1 ring-green-200">
      {state.message}
    </p>
  ) : (
    <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-800 ring-1 ring-red-200">
      {state.message}
    </p>
  );
}
