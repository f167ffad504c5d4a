'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import {
  createContact,
  PhoneTakenError,
  restoreContact,
  softDeleteContact,
  updateContact,
} from '@/db/services/contacts';
import { validatedAction, type ActionState } from '@/lib/action';

import { describeReferences } from './labels';
import { createSchema, idSchema, updateSchema } from './schema';

/** What the contact forms get back: the new contact, or the visitor who already has the phone (to link to). */
export type ContactActionData = { id?: string; taken?: { id: string; name: string } };
type State = ActionState<ContactActionData>;

function revalidateContact(id: string) {
  revalidatePath('/contacts');
  revalidatePath(`/contacts/${id}`);
  // A company's name and city show on its dashboard and in the companies list.
  revalidatePath('/companies');
  revalidatePath(`/companies/${id}`);
}

/**
 * validatedAction turns the "phone taken" refusal into the form's message and phone
 * error like any DomainError; this remembers who holds the phone, so the answer can
 * carry a link to that visitor.
 */
function phoneHolder() {
  let taken: ContactActionData['taken'];
  return {
    async watch<T>(write: Promise<T>): Promise<T> {
      try {
        return await write;
      } catch (error) {
        if (error instanceof PhoneTakenError) taken = error.holder;
        throw error;
      }
    },
    answer: (state: State): State => (taken ? { ...state, data: { taken } } : state),
  };
}

/** Adds a company or a visitor (admins), once per form key; answers with its id, and the browser opens it. */
export async function createContactAction(prev: State, formData: FormData): Promise<State> {
  const holder = phoneHolder();
  const run = validatedAction('manage', createSchema, async (data, user): Promise<State> => {
    const common = { userId: user.id, idempotencyKey: data.idempotency_key };
    const { id } = await holder.watch(
      data.type === 'exhibitor'
        ? createContact(db, { ...common, type: 'exhibitor', fields: data })
        : createContact(db, { ...common, type: 'visitor', fields: data }),
    );
    revalidateContact(id);
    return { ok: true, message: `Added ${data.name}.`, data: { id } };
  });
  return holder.answer(await run(prev, formData));
}

/** Saves a contact's fields (admins). */
export async function updateContactAction(prev: State, formData: FormData): Promise<State> {
  const holder = phoneHolder();
  const run = validatedAction('manage', updateSchema, async (data, user): Promise<State> => {
    const saved = await holder.watch(updateContact(db, { id: data.id, fields: data, userId: user.id }));
    revalidateContact(saved.id);
    return { ok: true, message: `Saved ${saved.name}.` };
  });
  return holder.answer(await run(prev, formData));
}

/** Soft-deletes a contact (admins), and says what stays pointing at it. */
export const deleteContactAction = validatedAction('manage', idSchema, async ({ id }, user): Promise<State> => {
  const { name, references } = await softDeleteContact(db, id, user.id);
  revalidateContact(id);
  return { ok: true, message: `Deleted ${name}. Kept as they were: ${describeReferences(references)}.` };
});

/** Restores a soft-deleted contact (admins); a visitor whose phone another has meanwhile is refused, with a link to that visitor. */
export async function restoreContactAction(prev: State, formData: FormData): Promise<State> {
  const holder = phoneHolder();
  const run = validatedAction('manage', idSchema, async ({ id }, user): Promise<State> => {
    const { name } = await holder.watch(restoreContact(db, id, user.id));
    revalidateContact(id);
    return { ok: true, message: `Restored ${name}.` };
  });
  return holder.answer(await run(prev, formData));
}
