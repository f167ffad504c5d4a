/**
 * Adding, editing, deleting and restoring companies and visitors.
 *
 * - Fields are checked by lib/contact-fields.ts, here too (a script or a
 *   hand-made call gets the same refusals as the form), and nothing is stored
 *   when they are refused.
 * - One phone, one visitor (DESIGN.md invariant 13): among live visitors an
 *   E.164 phone belongs to at most one contact. Every write that can make a
 *   second one (a new visitor, a changed phone, a restore) checks it in its own
 *   transaction, after writing, with a locking read (assertVisitorPhoneFree).
 *   Companies may share a phone (a switchboard).
 * - Nothing is erased (invariant 9): a delete is a soft delete; what points at
 *   the contact (leads, talks, bookings, campaign recipients) stays and is
 *   shown before deleting (db/queries/contacts.ts getContactReferences).
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';

import type { Db, Tx } from '@/db';
import { retryingDeadlocks } from '@/db/pool';
import { getContactReferences, type ContactReferences } from '@/db/queries/contacts';
import { contacts, type ContactType } from '@/db/schema';
import { runOnce } from '@/db/services/idempotency';
import { contactFieldsSchema, type CompanyFields, type ContactFields, type VisitorFields } from '@/lib/contact-fields';
import { DomainError } from '@/lib/errors';
import { formatPhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

/** Refused: another live visitor already has this phone. Carries that visitor, so the form can link to it. */
export class PhoneTakenError extends DomainError {
  constructor(
    readonly holder: { id: string; name: string },
    phone: string,
  ) {
    super(
      'CONFLICT',
      `${holder.name} already has the phone ${formatPhone(phone)}: one phone, one visitor. Open that visitor instead of adding another.`,
      'phone',
    );
    this.name = 'PhoneTakenError';
  }
}

/**
 * Invariant 13, inside the write's transaction and AFTER the visitor row was written
 * (inserted, its phone changed, or restored): refuses with PhoneTakenError when another
 * live visitor has `phone`. The read locks the (type, deleted_at, phone) range, so it
 * waits for another transaction's uncommitted row with this phone: of two concurrent
 * writes of one phone, the second sees the first once it commits, or the two deadlock
 * and the database rolls one back (it is retried and then sees the other). Checking
 * before writing would not do: connections run READ COMMITTED (db/pool.ts), where an
 * empty range takes no lock, so both writers would find it empty.
 */
export async function assertVisitorPhoneFree(tx: Tx, visitor: { id: string; phone: string | null }): Promise<void> {
  if (!visitor.phone) return;
  const [holder] = await tx
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(
      and(
        eq(contacts.type, 'visitor'),
        isNull(contacts.deleted_at),
        eq(contacts.phone, visitor.phone),
        ne(contacts.id, visitor.id),
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(1)
    .for('update');
  if (holder) throw new PhoneTakenError(holder, visitor.phone);
}

/** The fields of a type checked again (the schemas are idempotent on their own output); the first problem is refused. */
function checkedFields(type: 'exhibitor', fields: unknown): CompanyFields;
function checkedFields(type: 'visitor', fields: unknown): VisitorFields;
function checkedFields(type: ContactType, fields: unknown): ContactFields;
function checkedFields(type: ContactType, fields: unknown): ContactFields {
  const parsed = contactFieldsSchema(type).safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DomainError('INVALID', issue.message, typeof issue.path[0] === 'string' ? issue.path[0] : undefined);
}

/** A write flow in one transaction, retried when the database chose it as a deadlock's victim (invariant 13's race). */
function inTransaction<T>(db: Db, write: (tx: Tx) => Promise<T>): Promise<T> {
  return retryingDeadlocks(() => db.transaction(write));
}

export type CreateContactInput =
  | { type: 'exhibitor'; fields: CompanyFields; userId: string; idempotencyKey: string }
  | { type: 'visitor'; fields: VisitorFields; userId: string; idempotencyKey: string };

/**
 * Adds a company or a visitor, exactly once per client-made key (invariant 6):
 * a retried submit returns the first contact's id and writes nothing. A visitor
 * whose phone a live visitor already has is refused (PhoneTakenError).
 */
export async function createContact(db: Db, input: CreateContactInput): Promise<{ id: string; replayed: boolean }> {
  const fields = checkedFields(input.type, input.fields);
  return runOnce(db, { key: input.idempotencyKey, userId: input.userId, action: 'contacts.create' }, async (tx) => {
    const id = ulid();
    await tx.insert(contacts).values({ id, type: input.type, ...fields });
    if (input.type === 'visitor') await assertVisitorPhoneFree(tx, { id, phone: fields.phone ?? null });
    return { id };
  });
}

/** The contact's row, locked for the write; refused when unknown or merged away. */
async function lockContact(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: contacts.id,
      type: contacts.type,
      name: contacts.name,
      phone: contacts.phone,
      deleted_at: contacts.deleted_at,
      merged_into_id: contacts.merged_into_id,
    })
    .from(contacts)
    .where(eq(contacts.id, id))
    .for('update');
  if (!row) throw new DomainError('NOT_FOUND', 'That contact no longer exists.');
  if (row.merged_into_id)
    throw new DomainError('CONFLICT', `${row.name} was merged into another contact; change that one instead.`);
  return row;
}

/**
 * Edits a contact's fields (those of its type, checked by lib/contact-fields.ts).
 * A live visitor's new phone must be free (PhoneTakenError). A deleted contact can
 * be edited too (its phone is checked when it is restored). `userId` is who asked
 * (contacts keep no editor column; the schema would need one to store it).
 */
export async function updateContact(
  db: Db,
  input: { id: string; fields: ContactFields; userId: string },
): Promise<{ id: string; type: ContactType; name: string }> {
  // (The fields are checked against the contact's own type, read under the lock.)
  return inTransaction(db, async (tx) => {
    const row = await lockContact(tx, input.id);
    const fields = checkedFields(row.type, input.fields);
    await tx.update(contacts).set(fields).where(eq(contacts.id, row.id));
    if (row.type === 'visitor' && row.deleted_at === null)
      await assertVisitorPhoneFree(tx, { id: row.id, phone: fields.phone ?? null });
    return { id: row.id, type: row.type, name: fields.name };
  });
}

/**
 * Soft-deletes a contact: it leaves the lists, the booth's lookups and pickers;
 * every lead, talk, booking and recipient pointing at it stays, and is returned
 * (counted) so the caller can say so. Deleting a deleted contact changes nothing.
 */
export async function softDeleteContact(
  db: Db,
  id: string,
  userId: string,
): Promise<{ name: string; references: ContactReferences }> {
  void userId; // who asked: contacts keep no editor column yet (see updateContact)
  return inTransaction(db, async (tx) => {
    const row = await lockContact(tx, id);
    if (row.deleted_at === null)
      await tx
        .update(contacts)
        .set({ deleted_at: sql`current_timestamp` })
        .where(eq(contacts.id, id));
    return { name: row.name, references: await getContactReferences(tx, id) };
  });
}

/**
 * Brings a soft-deleted contact back. A visitor whose phone another live visitor
 * has meanwhile is refused (PhoneTakenError: merge them instead); a contact merged
 * into another is refused (its records moved to the survivor). Restoring a live
 * contact changes nothing.
 */
export async function restoreContact(db: Db, id: string, userId: string): Promise<{ name: string }> {
  void userId; // who asked: contacts keep no editor column yet (see updateContact)
  return inTransaction(db, async (tx) => {
    const row = await lockContact(tx, id);
    if (row.deleted_at === null) return { name: row.name };
    await tx.update(contacts).set({ deleted_at: null }).where(eq(contacts.id, id));
    if (row.type === 'visitor') await assertVisitorPhoneFree(tx, { id, phone: row.phone });
    return { name: row.name };
  });
}
