/**
 * Importing companies or visitors from a CSV, as a batch that can
 * be reverted. The browser reads and checks the file (lib/contact-import.ts)
 * and sends it in chunks; each chunk is one transaction here that checks
 * every row again with the same rules, matches the chunk's rows to live
 * contacts in one statement, writes the contacts with multi-row statements,
 * records every line (with the before-image of each contact it updates) and
 * moves the batch's counts.
 *
 * Chunks are applied in line order: a chunk that starts past the first line
 * not yet recorded is refused with that line (the client resumes from it),
 * and lines already recorded are skipped — a re-sent chunk writes nothing
 * twice, and a resumed import ends exactly as an uninterrupted one.
 *
 * One phone, one visitor (invariant 13): a visitor row whose phone a live
 * visitor has is a match, never a second visitor. Visitor chunks run in
 * REPEATABLE READ and lock the phone and email ranges they match, so two
 * imports (or a booth write) cannot add the same new phone side by side; the
 * loser of such a race is rolled back by the server and runs again here, and
 * then finds the winner's visitor.
 */
import { and, eq, inArray, isNull, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AnyMySqlColumn } from 'drizzle-orm/mysql-core';

import type { Db, Tx } from '@/db';
import { hasErrno, retryingDeadlocks } from '@/db/pool';
import { findImportMatches, getImportBatch, type ImportProgress } from '@/db/queries/contact-imports';
import { rowsOf } from '@/db/rows';
import {
  bookings,
  campaignRecipients,
  contactImportRows,
  contactImports,
  contactMerges,
  contacts,
  conversations,
  followUps,
  type ContactType,
  type ImportMode,
  type ImportRowResult,
} from '@/db/schema';
import { CONTACT_FIELDS, type ContactField, type ContactFields } from '@/lib/contact-fields';
import {
  checkCells,
  Deduper,
  duplicateReason,
  emptyCounts,
  FIRST_LINE,
  IMPORT_CHUNK_ROWS,
  MAX_IMPORT_LINES,
  mergedFields,
  outcomeOf,
  rowKeys,
  type ImportMapping,
  type ImportMatch,
  type ImportRow,
  type StoredFields,
} from '@/lib/contact-import';
import { DomainError } from '@/lib/errors';
import { formatCount } from '@/lib/format';
import { formatPhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

import { audit, currentActor } from './audit';

export type { ImportProgress } from '@/db/queries/contact-imports';

const LOCK_WAIT_TIMEOUT = 1205;
/** How many ids one IN (…) list carries in the revert. */
const ID_BATCH = 5000;
const MAX_REASON = 500;

export type StartImportInput = {
  id: string;
  type: ContactType;
  mode: ImportMode;
  fileName: string;
  mapping: ImportMapping;
  rowsTotal: number;
};

/**
 * Opens a batch with the client-made ULID `id`: a retried start (the answer
 * was lost) finds the same batch and writes nothing new.
 */
export async function startImport(
  db: Db,
  userId: string,
  input: StartImportInput,
  now = new Date(),
): Promise<ImportProgress> {
  if (input.rowsTotal < 1 || input.rowsTotal > MAX_IMPORT_LINES)
    throw new DomainError('INVALID', `A file can have 1 to ${formatCount(MAX_IMPORT_LINES)} rows.`);
  await db
    .insert(contactImports)
    .values({
      id: input.id,
      type: input.type,
      mode: input.mode,
      file_name: input.fileName.slice(0, 255),
      mapping: input.mapping,
      rows_total: input.rowsTotal,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .onDuplicateKeyUpdate({ set: { id: sql`${contactImports.id}` } });
  const batch = await getImportBatch(db, input.id);
  if (!batch) throw new DomainError('NOT_FOUND', 'The import could not be started. Try again.');
  const { progress } = batch;
  if (
    batch.createdBy !== userId ||
    progress.type !== input.type ||
    progress.mode !== input.mode ||
    progress.rowsTotal !== input.rowsTotal
  ) {
    throw new DomainError('CONFLICT', 'This import was started with other settings. Reload the page and start again.');
  }
  return progress;
}

/**
 * Applies one chunk of an import: `rows` are consecutive lines in order, at
 * most IMPORT_CHUNK_ROWS. Returns the batch's progress after it (`nextLine`
 * is where the next chunk starts).
 */
export async function importChunk(
  db: Db,
  importId: string,
  rows: ImportRow[],
  now = new Date(),
): Promise<ImportProgress> {
  if (!rows.length || rows.length > IMPORT_CHUNK_ROWS)
    throw new DomainError('INVALID', `Send 1 to ${formatCount(IMPORT_CHUNK_ROWS)} rows at a time.`);
  rows.forEach((r, i) => {
    if (r.line !== rows[0]!.line + i || r.line < FIRST_LINE)
      throw new DomainError('INVALID', 'The lines of a chunk must follow one another.');
  });
  try {
    // Two chunks adding the same new phone: the server rolls one back; it runs again (and finds the other's rows).
    return await retryingDeadlocks(
      () => db.transaction((tx) => writeChunk(tx, importId, rows, now), { isolationLevel: 'repeatable read' }),
      5,
    );
  } catch (error) {
    if (hasErrno(error, LOCK_WAIT_TIMEOUT))
      throw new DomainError(
        'BUSY',
        'The database is busy with these contacts right now. Nothing from this part was saved; resume in a moment.',
      );
    throw error;
  }
}

type Planned = {
  line: number;
  cells: ImportRow['cells'];
  result: ImportRowResult;
  reason: string | null;
  contactId: string | null;
  value?: ContactFields;
  before?: StoredFields;
};

async function writeChunk(tx: Tx, importId: string, rows: ImportRow[], now: Date): Promise<ImportProgress> {
  const found = await getImportBatch(tx, importId, { lock: true });
  if (!found) throw new DomainError('NOT_FOUND', 'That import no longer exists. Start it again.');
  const batch = found.progress;
  if (batch.status === 'reverted')
    throw new DomainError('CONFLICT', 'This import was reverted. Start a new import to bring these rows in.');
  if (rows[0]!.line > batch.nextLine)
    throw new DomainError(
      'CONFLICT',
      `Lines up to ${batch.nextLine - 1} are saved; continue from line ${batch.nextLine}.`,
    );
  if (rows.at(-1)!.line >= FIRST_LINE + batch.rowsTotal)
    throw new DomainError(
      'INVALID',
      `The file of this import has ${formatCount(batch.rowsTotal)} rows; these lines are past its end.`,
    );
  const fresh = rows.filter((r) => r.line >= batch.nextLine);
  if (!fresh.length) return batch;
  const { type, mode } = batch;

  // 1. Every row checked again; duplicates within the chunk found here, those of an earlier chunk proven from its recorded row.
  const claimed = await claimedKeys(
    tx,
    type,
    importId,
    fresh.flatMap((r) => (r.dupOf !== null && r.dupOf < batch.nextLine && r.dupOf >= FIRST_LINE ? [r.dupOf] : [])),
  );
  const deduper = new Deduper();
  const planned: Planned[] = [];
  const kept: { line: number; value: ContactFields }[] = [];
  for (const r of fresh) {
    const checked = checkCells(type, r.cells);
    if (!checked.ok) {
      planned.push({ line: r.line, cells: r.cells, result: 'invalid', reason: checked.reason, contactId: null });
      continue;
    }
    const keys = rowKeys(type, checked.value);
    const inChunk = deduper.find(keys);
    const earlierKey = !inChunk && r.dupOf !== null ? keys.find((k) => claimed.get(r.dupOf!)?.has(k)) : undefined;
    if (inChunk || earlierKey) {
      const reason = inChunk ? duplicateReason(inChunk.key, inChunk.line) : duplicateReason(earlierKey!, r.dupOf!);
      planned.push({ line: r.line, cells: r.cells, result: 'duplicate', reason, contactId: null });
      continue;
    }
    deduper.take(r.line, keys);
    planned.push({
      line: r.line,
      cells: r.cells,
      result: 'created',
      reason: null,
      contactId: null,
      value: checked.value,
    });
    kept.push({ line: r.line, value: checked.value });
  }

  // 2. Matches, in one statement, locked; and the contacts earlier lines of this import already matched.
  const matches = await findImportMatches(tx, type, kept, { lock: true, importId });
  const matchedIds = [...new Set([...matches.values()].flatMap((m) => (m.stored ? [m.stored.id] : [])))];
  const firstLine = await linesOfContacts(tx, importId, matchedIds);

  // 3. What each row becomes.
  for (const p of planned) {
    if (!p.value) continue;
    const { match, stored } = matches.get(p.line)!;
    let earlier: number | undefined;
    if (match && 'contactId' in match) {
      earlier = firstLine.get(match.contactId);
      if (earlier === undefined) firstLine.set(match.contactId, p.line);
    }
    const outcome = outcomeOf(mode, match as ImportMatch, earlier);
    p.result = outcome.result;
    p.reason = outcome.reason;
    p.contactId = stored?.id ?? null;
    if (outcome.result === 'created') p.contactId = ulid(now.getTime());
    if (outcome.result === 'updated') p.before = beforeImage(type, stored!);
  }

  // 4. The writes: new contacts in one statement, updated ones in another (by id), then every line.
  const fields = CONTACT_FIELDS[type];
  const created = planned.filter((p) => p.result === 'created');
  if (created.length) {
    const v = (p: Planned) => p.value as Record<string, string | null>;
    await insertRows(
      tx,
      contacts,
      ['id', 'type', ...fields, 'created_at', 'updated_at'],
      created.map((p) => [p.contactId, type, ...fields.map((f) => v(p)[f] ?? null), now, now]),
    );
  }
  const updated = planned.filter((p) => p.result === 'updated');
  if (updated.length) {
    await upsertFields(
      tx,
      type,
      updated.map((p) => ({ id: p.contactId!, ...mergedFields(type, p.value!, p.before!), updated_at: now })),
    );
  }
  await insertRows(
    tx,
    contactImportRows,
    ['import_id', 'line', 'result', 'contact_id', 'reason', 'input', 'before'],
    planned.map((p) => [
      importId,
      p.line,
      p.result,
      p.contactId,
      p.reason?.slice(0, MAX_REASON) ?? null,
      JSON.stringify(p.cells),
      p.before ? JSON.stringify(p.before) : null,
    ]),
  );

  const counts = emptyCounts();
  for (const p of planned) counts[p.result]++;
  const recorded = batch.recorded + planned.length;
  const done = recorded >= batch.rowsTotal;
  const bump = (column: AnyMySqlColumn, n: number) => sql`${column} + ${n}`;
  await tx
    .update(contactImports)
    .set({
      created_count: bump(contactImports.created_count, counts.created),
      updated_count: bump(contactImports.updated_count, counts.updated),
      unchanged_count: bump(contactImports.unchanged_count, counts.unchanged),
      invalid_count: bump(contactImports.invalid_count, counts.invalid),
      duplicate_count: bump(contactImports.duplicate_count, counts.duplicate),
      skipped_count: bump(contactImports.skipped_count, counts.skipped),
      ...(done ? { status: 'done' as const, finished_at: now } : {}),
    })
    .where(eq(contactImports.id, importId));
  // One audit row per chunk, not per contact: the lines are in contact_import_rows.
  await audit(
    tx,
    {
      action: 'contact.imported',
      entity: 'contact_import',
      entityId: importId,
      after: {
        type,
        mode,
        rows: planned.length,
        first_line: planned[0]!.line,
        last_line: planned.at(-1)!.line,
        ...counts,
      },
      // Whoever sends the chunk, the batch is its starter's; a signed-in sender is named.
      userId: currentActor().userId ?? found.createdBy,
      origin: 'import',
    },
    now,
  );

  const total = emptyCounts();
  for (const k of Object.keys(total) as ImportRowResult[]) total[k] = batch.counts[k] + counts[k];
  return { ...batch, status: done ? 'done' : batch.status, recorded, nextLine: FIRST_LINE + recorded, counts: total };
}

/** The keys of earlier lines that later rows say they repeat, from their recorded input (only lines that kept their keys). */
async function claimedKeys(
  tx: Tx,
  type: ContactType,
  importId: string,
  lines: number[],
): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!lines.length) return out;
  const rows = await tx
    .select({ line: contactImportRows.line, input: contactImportRows.input })
    .from(contactImportRows)
    .where(
      and(
        eq(contactImportRows.import_id, importId),
        inArray(contactImportRows.line, [...new Set(lines)]),
        sql`${contactImportRows.result} not in ('invalid', 'duplicate')`,
      ),
    );
  for (const r of rows) {
    const checked = checkCells(type, r.input ?? {});
    if (checked.ok) out.set(r.line, new Set(rowKeys(type, checked.value)));
  }
  return out;
}

/** The first line of this import that matched or created each of these contacts. */
async function linesOfContacts(tx: Tx, importId: string, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ contact_id: contactImportRows.contact_id, line: sql<number>`min(${contactImportRows.line})` })
    .from(contactImportRows)
    .where(and(eq(contactImportRows.import_id, importId), inArray(contactImportRows.contact_id, ids)))
    .groupBy(contactImportRows.contact_id);
  return new Map(rows.map((r) => [r.contact_id!, Number(r.line)]));
}

/** What an update overwrites, as it was: the type's fields and `updated_at`. */
function beforeImage(type: ContactType, stored: StoredFields): StoredFields {
  const out: StoredFields = {};
  for (const f of CONTACT_FIELDS[type]) out[f] = stored[f] ?? null;
  out.updated_at = stored.updated_at ?? null;
  return out;
}

/**
 * One multi-row INSERT. Built with the `sql` template rather than the insert
 * builder: for a thousand rows the builder alone takes longer than the
 * database takes to write them.
 */
async function insertRows(
  tx: Tx,
  table: typeof contacts | typeof contactImportRows,
  columns: string[],
  rows: unknown[][],
  onDuplicate?: SQL,
) {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${sql.join(
          r.map((v) => sql`${v}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${table} (${sql.join(
      columns.map((c) => sql.identifier(c)),
      sql`, `,
    )}) values ${values}${onDuplicate ? sql` on duplicate key update ${onDuplicate}` : sql``}`,
  );
}

/**
 * Writes the type's fields and `updated_at` of existing contacts in one
 * statement (INSERT … ON DUPLICATE KEY UPDATE by id). The callers hold the
 * rows locked, so every id exists and only the update part runs.
 */
async function upsertFields(
  tx: Tx,
  type: ContactType,
  rows: ({ id: string; updated_at: Date | string | null } & Partial<Record<ContactField, string | null>>)[],
) {
  const fields = CONTACT_FIELDS[type];
  await insertRows(
    tx,
    contacts,
    ['id', 'type', ...fields, 'updated_at'],
    rows.map((r) => [r.id, type, ...fields.map((f) => r[f] ?? null), r.updated_at]),
    sql.join(
      [...fields, 'updated_at'].map((c) => sql`${sql.identifier(c)} = values(${sql.identifier(c)})`),
      sql`, `,
    ),
  );
}

/* ------------------------------------------------------------------ revert */

export type RevertResult = { deleted: number; softDeleted: number; restored: number };

/**
 * Undoes an import in one transaction: each contact it created is deleted
 * when nothing points at it yet (a follow-up, talk, booking, campaign
 * recipient, merge, or another import's row), otherwise soft-deleted; each
 * contact it updated gets back exactly its before-image (its fields and
 * updated_at), whatever changed since. Refused when already reverted.
 */
export async function revertImport(db: Db, importId: string, userId: string, now = new Date()): Promise<RevertResult> {
  return db.transaction(async (tx) => {
    const batch = (await getImportBatch(tx, importId, { lock: true }))?.progress;
    if (!batch) throw new DomainError('NOT_FOUND', 'That import no longer exists.');
    if (batch.status === 'reverted') throw new DomainError('CONFLICT', 'This import was already reverted.');

    const createdRows = await tx
      .select({ id: contactImportRows.contact_id })
      .from(contactImportRows)
      .where(and(eq(contactImportRows.import_id, importId), eq(contactImportRows.result, 'created')));
    const createdIds = [...new Set(createdRows.map((r) => r.id!))];
    const updatedRows = await tx
      .select({ line: contactImportRows.line, id: contactImportRows.contact_id, before: contactImportRows.before })
      .from(contactImportRows)
      .where(and(eq(contactImportRows.import_id, importId), eq(contactImportRows.result, 'updated')))
      .orderBy(contactImportRows.line);

    // Locked first: a booth write that points a new row at one of them waits for this revert (its key check reads the row).
    for (const ids of batches(createdIds))
      await tx.select({ id: contacts.id }).from(contacts).where(inArray(contacts.id, ids)).for('update');
    const referenced = await referencedContacts(tx, importId, createdIds);
    const toDelete = createdIds.filter((id) => !referenced.has(id));
    const toSoftDelete = createdIds.filter((id) => referenced.has(id));
    for (const ids of batches(toDelete)) await tx.delete(contacts).where(inArray(contacts.id, ids));
    for (const ids of batches(toSoftDelete))
      await tx
        .update(contacts)
        .set({ deleted_at: now })
        .where(and(inArray(contacts.id, ids), sql`${contacts.deleted_at} is null`));

    // The earliest before-image of each contact is the value before the import.
    const created = new Set(createdIds);
    const before = new Map<string, StoredFields>();
    for (const r of updatedRows)
      if (r.id && r.before && !created.has(r.id) && !before.has(r.id)) before.set(r.id, r.before);
    const restoreIds = [...before.keys()];
    const current = new Map<string, string | null>();
    for (const ids of batches(restoreIds)) {
      const locked = await tx
        .select({ id: contacts.id, phone: contacts.phone })
        .from(contacts)
        .where(inArray(contacts.id, ids))
        .for('update');
      for (const c of locked) current.set(c.id, c.phone);
    }
    const restore = restoreIds.filter((id) => current.has(id));
    if (batch.type === 'visitor') await refusePhoneClash(tx, restore, before, current);
    for (const ids of batches(restore, 1000)) {
      await upsertFields(
        tx,
        batch.type,
        ids.map((id) => ({
          id,
          ...(before.get(id)! as Partial<Record<ContactField, string | null>>),
          updated_at: before.get(id)!.updated_at ?? null,
        })),
      );
    }

    await tx
      .update(contactImports)
      .set({ status: 'reverted', reverted_at: now, reverted_by: userId })
      .where(eq(contactImports.id, importId));
    const result = { deleted: toDelete.length, softDeleted: toSoftDelete.length, restored: restore.length };
    await audit(
      tx,
      {
        action: 'contact.import_reverted',
        entity: 'contact_import',
        entityId: importId,
        before: { status: batch.status },
        after: {
          status: 'reverted',
          deleted: result.deleted,
          soft_deleted: result.softDeleted,
          restored: result.restored,
        },
        userId,
      },
      now,
    );
    return result;
  });
}

function batches<T>(items: T[], size = ID_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The created contacts something points at: leads, talks, bookings, campaign recipients, merges, or another import. */
async function referencedContacts(tx: Tx, importId: string, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of batches(ids)) {
    const refs: [string, SQL][] = [
      [
        'follow_ups.visitor_id',
        sql`select ${followUps.visitor_id} as id from ${followUps} where ${inArray(followUps.visitor_id, chunk)}`,
      ],
      [
        'follow_ups.exhibitor_id',
        sql`select ${followUps.exhibitor_id} as id from ${followUps} where ${inArray(followUps.exhibitor_id, chunk)}`,
      ],
      [
        'conversations.visitor_id',
        sql`select ${conversations.visitor_id} as id from ${conversations} where ${inArray(conversations.visitor_id, chunk)}`,
      ],
      [
        'conversations.exhibitor_id',
        sql`select ${conversations.exhibitor_id} as id from ${conversations} where ${inArray(conversations.exhibitor_id, chunk)}`,
      ],
      [
        'bookings.visitor_id',
        sql`select ${bookings.visitor_id} as id from ${bookings} where ${inArray(bookings.visitor_id, chunk)}`,
      ],
      [
        'bookings.exhibitor_id',
        sql`select ${bookings.exhibitor_id} as id from ${bookings} where ${inArray(bookings.exhibitor_id, chunk)}`,
      ],
      [
        'campaign_recipients.contact_id',
        sql`select ${campaignRecipients.contact_id} as id from ${campaignRecipients} where ${inArray(campaignRecipients.contact_id, chunk)}`,
      ],
      [
        'contact_merges.survivor_id',
        sql`select ${contactMerges.survivor_id} as id from ${contactMerges} where ${inArray(contactMerges.survivor_id, chunk)}`,
      ],
      [
        'contact_merges.merged_id',
        sql`select ${contactMerges.merged_id} as id from ${contactMerges} where ${inArray(contactMerges.merged_id, chunk)}`,
      ],
      [
        'contacts.merged_into_id',
        sql`select ${contacts.merged_into_id} as id from ${contacts} where ${inArray(contacts.merged_into_id, chunk)}`,
      ],
      [
        'contact_import_rows.contact_id',
        sql`select ${contactImportRows.contact_id} as id from ${contactImportRows} where ${inArray(contactImportRows.contact_id, chunk)} and ${ne(contactImportRows.import_id, importId)}`,
      ],
    ];
    const rows = await rowsOf<{ id: string }>(
      tx,
      sql.join(
        refs.map(([, q]) => sql`(${q})`),
        sql` union `,
      ),
    );
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** A restored phone that a live visitor has meanwhile (invariant 13): refused, naming it, so nothing is reverted half. */
async function refusePhoneClash(
  tx: Tx,
  ids: string[],
  before: Map<string, StoredFields>,
  current: Map<string, string | null>,
) {
  const back = ids.flatMap((id) => {
    const phone = before.get(id)!.phone;
    return phone && phone !== current.get(id) ? [{ id, phone }] : [];
  });
  for (const chunk of batches(back)) {
    const clash = await tx
      .select({ id: contacts.id, phone: contacts.phone })
      .from(contacts)
      .where(
        and(
          eq(contacts.type, 'visitor'),
          isNull(contacts.deleted_at),
          inArray(
            contacts.phone,
            chunk.map((b) => b.phone),
          ),
          notInArray(
            contacts.id,
            chunk.map((b) => b.id),
          ),
        ),
      )
      .limit(3);
    if (clash.length) {
      throw new DomainError(
        'CONFLICT',
        `Reverting would give back a phone another live visitor has now (${clash.map((c) => formatPhone(c.phone!)).join(', ')}): merge or edit those visitors first. Nothing was reverted.`,
      );
    }
  }
}
