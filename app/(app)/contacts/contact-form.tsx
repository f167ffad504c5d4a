'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';

import { useConfirmStep } from '@/components/forms/confirm-step';
import { FormMessage, TextAreaField, TextField } from '@/components/forms/field';
import { Button, buttonClass } from '@/components/ui/button';
import type { ContactReferences } from '@/db/queries/contacts';
import type { ContactType } from '@/db/schema/contacts';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { CONTACT_FIELDS, FIELD_LABELS, type ContactField } from '@/lib/contact-fields';
import { ulid } from '@/lib/ulid';

import {
  createContactAction,
  deleteContactAction,
  restoreContactAction,
  updateContactAction,
  type ContactActionData,
} from './actions';
import { describeReferences } from './labels';

type State = ActionState<ContactActionData>;
type Action = (prev: State, formData: FormData) => Promise<State>;

const OFFLINE =
  'The connection dropped before the answer came. Nothing is lost: submit again — it will not be saved twice.';

/**
 * useActionState over a server action that survives a dropped connection: the
 * form keeps what was typed and says so, instead of the page failing (the create
 * form's key is kept, so submitting again adds nothing twice).
 */
function useContactAction(action: Action) {
  return useActionState<State, FormData>(async (prev, formData) => {
    try {
      return await action(prev, formData);
    } catch {
      const values: Record<string, string> = {};
      for (const [k, v] of formData) if (typeof v === 'string') values[k] = v;
      return { ok: false, message: OFFLINE, values };
    }
  }, initialActionState);
}

/** The "another visitor has this phone" refusal's link to that visitor. */
function TakenBy({ state }: { state: State }) {
  const taken = state.data?.taken;
  if (!taken) return null;
  return (
    <p className="text-base">
      <Link
        href={`/contacts/${taken.id}`}
        className="inline-flex touch-target items-center font-medium text-brand-700 underline underline-offset-2"
      >
        Open {taken.name}
      </Link>
    </p>
  );
}

const HINTS: Partial<Record<ContactField, string>> = {
  phone: 'Any spelling: 98765 43210, +91-98765-43210 or 098765 43210.',
  gstin: 'Optional. 15 characters, e.g. 27AAPFU0939F1ZV; the last one is a check character.',
};
const INPUT_PROPS: Partial<Record<ContactField, React.InputHTMLAttributes<HTMLInputElement>>> = {
  name: { required: true, autoComplete: 'off' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'off' },
  email: { type: 'email', autoComplete: 'off' },
  gstin: { autoCapitalize: 'characters', autoComplete: 'off', spellCheck: false },
};
const MULTILINE: readonly ContactField[] = ['address', 'notes'];

export type ContactValues = { id: string } & Partial<Record<ContactField, string | null>>;

/**
 * Adds a company or a visitor (then opens it), or edits one. The fields and their
 * labels are lib/contact-fields.ts's, checked on the server by the same schemas.
 */
export function ContactForm({ type, contact }: { type: ContactType; contact?: ContactValues }) {
  const router = useRouter();
  const [key] = useState(() => ulid());
  const [state, action, isPending] = useContactAction(contact ? updateContactAction : createContactAction);
  const createdId = !contact && state.ok ? state.data?.id : undefined;
  useEffect(() => {
    if (createdId) router.push(`/contacts/${createdId}?added=1`);
  }, [createdId, router]);
  const noun = type === 'exhibitor' ? 'company' : 'visitor';

  return (
    <form
      action={action}
      className="grid gap-4 md:grid-cols-2"
      noValidate
      aria-label={contact ? `Edit the ${noun}` : `Add a ${noun}`}
    >
      <input type="hidden" name="type" value={type} />
      {contact ? (
        <input type="hidden" name="id" value={contact.id} />
      ) : (
        <input type="hidden" name="idempotency_key" value={key} />
      )}
      <div className="space-y-2 md:col-span-2" aria-live="polite">
        <FormMessage state={state} />
        <TakenBy state={state} />
      </div>
      {CONTACT_FIELDS[type].map((field) => {
        const label = field === 'name' && type === 'exhibitor' ? 'Company name' : FIELD_LABELS[field];
        const common = { name: field, label, state, hint: HINTS[field], defaultValue: contact?.[field] ?? '' };
        return MULTILINE.includes(field) ? (
          <div key={field} className="md:col-span-2">
            <TextAreaField {...common} rows={field === 'notes' ? 4 : 2} />
          </div>
        ) : (
          <TextField key={field} {...common} {...INPUT_PROPS[field]} />
        );
      })}
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending || Boolean(createdId)}>
          {isPending ? 'Saving…' : contact ? 'Save changes' : `Add ${noun}`}
        </Button>
      </div>
    </form>
  );
}

/** Delete, in two steps: first what still points at the contact (all of it is kept), then the confirmation. */
export function DeleteContactForm({
  id,
  name,
  references,
}: {
  id: string;
  name: string;
  references: ContactReferences;
}) {
  const { confirming, confirmRef, startRef, ask, cancel } = useConfirmStep();
  const [state, action, isPending] = useContactAction(deleteContactAction);
  if (!confirming) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        <button ref={startRef} type="button" className={buttonClass('secondary')} onClick={ask}>
          Delete…
        </button>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3 rounded-lg bg-red-50 p-4 ring-1 ring-red-200">
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <p>
        Still pointing at {name}: <strong>{describeReferences(references)}</strong>. Nothing is erased: they stay as
        they are, and {name} leaves the lists and the booth’s look-ups until restored.
      </p>
      <div className="flex flex-wrap gap-2">
        <button ref={confirmRef} type="submit" className={buttonClass('danger')} disabled={isPending}>
          {isPending ? 'Deleting…' : `Delete ${name}`}
        </button>
        <Button variant="secondary" onClick={cancel} disabled={isPending}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

/** Brings a deleted contact back; refused (with a link) when a live visitor has its phone meanwhile. */
export function RestoreContactForm({ id, name }: { id: string; name: string }) {
  const [state, action, isPending] = useContactAction(restoreContactAction);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <TakenBy state={state} />
      <Button type="submit" disabled={isPending}>
        {isPending ? 'Restoring…' : `Restore ${name}`}
      </Button>
    </form>
  );
}
