/**
 * The audit trail's one way in (issue 15): `auditStatement` builds one
 * multi-row INSERT into audit_log for a write's entries, to run inside the
 * write's own transaction (as its own statement, `audit`, or inside a batch
 * sent with `executeTogether`). There is deliberately no update or delete of
 * audit rows anywhere: the trail is append-only.
 *
 * Who and from where come from the request: `runAs` (called by the action
 * helpers in lib/form-action.ts and by scripts) puts the actor in an
 * AsyncLocalStorage for the duration of the call; without one, a write is a
 * script's, with no user.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { columnNames } from '@/db/rows';
import { auditLog, type AuditOrigin } from '@/db/schema';
import { ulid } from '@/lib/ulid';

export const AUDIT_ACTIONS = [
  'booking.created',
  'booking.cancelled',
  'payment.recorded',
  'legacy.backfilled',
  'legacy.resolved',
  'contact.merged',
  'contact.imported',
  'contact.import_reverted',
  'user.created',
  'user.updated',
  'user.password_reset',
  'location.created',
  'location.updated',
  'stall.created',
  'stall.updated',
  'stall.deleted',
  'campaign.created',
  'campaign.updated',
  'recipients.added',
  'recipients.delivery_results',
  'recipients.marked_sent',
  'settings.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActor = { userId: string | null; origin: AuditOrigin; detail: string | null };

const actors = new AsyncLocalStorage<AuditActor>();

/** Runs `fn` with `actor` as the author of every audit row written inside it. */
export function runAs<T>(actor: AuditActor, fn: () => T): T {
  return actors.run(actor, fn);
}

/** The author of a write: the request's actor, else this process's script. */
export function currentActor(): AuditActor {
  return (
    actors.getStore() ?? {
      userId: null,
      origin: 'script',
      detail: process.argv[1] ? path.basename(process.argv[1]) : null,
    }
  );
}

export type AuditEntry = {
  action: AuditAction;
  entity: string;
  entityId: string | number | bigint;
  before?: unknown;
  after?: unknown;
  /** The author, when the write names one of its own (a service given a user id); else the actor's. */
  userId?: string | null;
  /** Overrides the actor's origin: an import's rows are written by an import, whoever started it. */
  origin?: AuditOrigin;
};

/** JSON for a before/after image: bigints (paise) as strings, dates as ISO text; null for nothing. */
function image(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** One multi-row INSERT of the entries; null when there are none. */
export function auditStatement(entries: AuditEntry[], at: Date = new Date()): SQL | null {
  if (!entries.length) return null;
  const actor = currentActor();
  const rows = entries.map(
    (e) =>
      sql`(${ulid(at.getTime())}, ${at}, ${e.userId !== undefined ? e.userId : actor.userId}, ${e.origin ?? actor.origin}, ${actor.detail?.slice(0, 160) ?? null}, ${e.action}, ${e.entity}, ${String(e.entityId)}, ${image(e.before)}, ${image(e.after)})`,
  );
  const a = auditLog;
  return sql`insert into ${a} (${columnNames(a.id, a.at, a.user_id, a.origin, a.origin_detail, a.action, a.entity, a.entity_id, a.before, a.after)}) values ${sql.join(rows, sql`, `)}`;
}

/** Writes the entries' audit rows in one statement, inside the caller's transaction. */
export async function audit(tx: DbOrTx, entries: AuditEntry | AuditEntry[], at?: Date): Promise<void> {
  const statement = auditStatement(Array.isArray(entries) ? entries : [entries], at);
  if (statement) await tx.execute(statement);
}
