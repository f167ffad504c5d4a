/**
 * The read side of contact imports: matching checked rows to live
 * contacts (the preview's read-only pass and each import chunk, in one
 * statement), a batch and its progress, the recent imports, the mapping to
 * offer again, and the rows of the report.
 */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias, type AnyMySqlColumn } from 'drizzle-orm/mysql-core';

import type { DbOrTx } from '@/db';
import { rowsOf, toCount } from '@/db/rows';
import {
  contactImportRows,
  contactImports,
  contacts,
  users,
  type ContactType,
  type ImportMode,
  type ImportRowResult,
  type ImportStatus,
} from '@/db/schema';
import type { ContactFields } from '@/lib/contact-fields';
import {
  checkCells,
  emptyCounts,
  FIRST_LINE,
  isUnchanged,
  rowKeys,
  type ImportCells,
  type ImportCounts,
  type ImportMapping,
  type ImportMatch,
  type StoredFields,
} from '@/lib/contact-import';
import { formatPhone } from '@/lib/phone';

/* ----------------------------------------------------------------- matching */

/** A live contact a row matched, with its stored fields (`updated_at` as 'YYYY-MM-DD HH:MM:SS' UTC: the before-image). */
export type ImportCandidate = { id: string } & StoredFields;

const STORED = sql.join(
  [
    contacts.id,
    contacts.name,
    contacts.company_name,
    contacts.phone,
    contacts.email,
    contacts.city,
    contacts.contact_person,
    contacts.address,
    contacts.gstin,
    contacts.notes,
  ]
    .map((c) => sql`${c}`)
    .concat(sql`date_format(${contacts.updated_at}, '%Y-%m-%d %H:%i:%s') as updated_at`),
  sql`, `,
);

const lower = (v: string | null | undefined) => v?.toLowerCase() ?? null;
const companyName = (v: string | null | undefined) => (v ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Does a stored contact carry this row key (lib/contact-import.ts rowKeys)? The database compares emails and names without case, so do we. */
function hasKey(c: ImportCandidate, key: string): boolean {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const value = key.slice(at + 1);
  if (kind === 'p') return c.phone === value;
  if (kind === 'e') return lower(c.email) === value;
  if (kind === 'g') return (c.gstin ?? '').toUpperCase() === value;
  const bar = value.lastIndexOf('|');
  const [name, rest] = [value.slice(0, bar), value.slice(bar + 1)];
  if (companyName(c.name) !== name) return false;
  return kind === 'np' ? c.phone === rest : lower(c.email) === rest;
}

function ambiguity(type: ContactType, key: string, n: number): string {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const value = key.slice(at + 1);
  const who = type === 'visitor' ? 'live visitors' : 'live companies';
  const what =
    kind === 'p'
      ? `the phone ${formatPhone(value)}`
      : kind === 'e'
        ? `the email ${value}`
        : kind === 'g'
          ? `the GSTIN ${value}`
          : kind === 'np'
            ? 'this name and phone'
            : 'this name and email';
  return `${n} ${who} have ${what}: merge them first, then import this row again.`;
}

export type RowMatch = { match: ImportMatch; stored: ImportCandidate | null };

/**
 * Each row's match among the live contacts of `type`, key by key in the
 * order of the rules (lib/contact-import.ts): one statement for the whole
 * chunk. With `lock`, the contacts found are locked for the caller's
 * transaction; for visitors, run in REPEATABLE READ, the phone and email
 * ranges are locked too, so no other import or writer can add a visitor
 * with one of these phones until the caller commits (invariant 13).
 *
 * Rows match the contacts as they were before the import (what the dry run
 * saw): with `importId`, a contact that an earlier line of that import
 * updated matches by the values of its before-image only — and is then
 * "the same contact as" that line.
 */
export async function findImportMatches(
  db: DbOrTx,
  type: ContactType,
  rows: { line: number; value: ContactFields }[],
  opts: { lock: boolean; importId?: string },
): Promise<Map<number, RowMatch>> {
  const out = new Map<number, RowMatch>();
  if (!rows.length) return out;
  const keysOf = new Map(rows.map((r) => [r.line, rowKeys(type, r.value)]));
  const values = (kind: string) => {
    const set = new Set<string>();
    for (const keys of keysOf.values()) {
      for (const k of keys) {
        if (!k.startsWith(`${kind}:`)) continue;
        const v = k.slice(kind.length + 1);
        set.add(kind === 'np' || kind === 'ne' ? v.slice(v.lastIndexOf('|') + 1) : v);
      }
    }
    return [...set];
  };
  const byColumn: [AnyMySqlColumn, string[]][] =
    type === 'visitor'
      ? [
          [contacts.phone, values('p')],
          [contacts.email, values('e')],
        ]
      : [
          [contacts.gstin, values('g')],
          [contacts.phone, values('np')],
          [contacts.email, values('ne')],
        ];
  // Visitors: the index ranges are locked as they are read. Companies: only the contacts matched, by id below —
  // a GSTIN has no index, and locking every live company would hold up the booth.
  const lockRanges = opts.lock && type === 'visitor';
  const parts = byColumn
    .filter(([, vs]) => vs.length)
    .map(
      ([column, vs]) =>
        sql`(select ${STORED} from ${contacts} where ${contacts.type} = ${type} and ${contacts.deleted_at} is null and ${inArray(column, vs)}${lockRanges ? sql` for update` : sql``})`,
    );
  let candidates = parts.length ? await rowsOf<ImportCandidate>(db, sql.join(parts, sql` union `)) : [];
  // Contacts the import already updated count by their values before it (an update may have taken a key
  // from them, or given them one — the file's new name with the email they kept), as the dry run saw them.
  let before: ImportCandidate[] = [];
  let touchedNow: ImportCandidate[] = [];
  if (opts.importId) {
    const touched = await updatedContacts(
      db,
      opts.importId,
      candidates.map((c) => c.id),
    );
    touchedNow = candidates.filter((c) => touched.has(c.id));
    candidates = candidates.filter((c) => !touched.has(c.id));
    before = await updatedBefore(db, opts.importId, byColumn);
  }

  const pick = () => {
    const picked = new Map<number, RowMatch>();
    for (const r of rows) {
      let result: RowMatch = { match: null, stored: null };
      for (const key of keysOf.get(r.line)!) {
        const ids = new Set([...candidates, ...before].filter((c) => hasKey(c, key)).map((c) => c.id));
        if (ids.size > 1) {
          result = { match: { ambiguous: ambiguity(type, key, ids.size) }, stored: null };
          break;
        }
        if (ids.size === 1) {
          const [id] = ids;
          const c = candidates.find((x) => x.id === id) ?? before.find((x) => x.id === id)!;
          result = { match: { contactId: c.id, equal: isUnchanged(type, r.value, c) }, stored: c };
          break;
        }
      }
      // One phone, one visitor, whatever a client claims: a phone an earlier line gave a visitor is never created again
      // (the browser reports such a row as a duplicate; this is the server's net under it).
      const holder =
        !result.match && type === 'visitor' ? touchedNow.find((c) => c.phone === r.value.phone) : undefined;
      if (holder) result = { match: { contactId: holder.id, equal: false }, stored: holder };
      picked.set(r.line, result);
    }
    return picked;
  };

  let picked = pick();
  if (opts.lock && !lockRanges) {
    const ids = [...new Set([...picked.values()].flatMap((m) => (m.stored ? [m.stored.id] : [])))];
    if (ids.length) {
      // Re-read under the lock: what is written next starts from the values as they are now.
      const locked = await rowsOf<ImportCandidate>(
        db,
        sql`select ${STORED} from ${contacts} where ${inArray(contacts.id, ids)} and ${contacts.deleted_at} is null for update`,
      );
      const fresh = new Map(locked.map((c) => [c.id, c]));
      candidates = candidates.flatMap((c) => (fresh.has(c.id) ? [fresh.get(c.id)!] : ids.includes(c.id) ? [] : [c]));
      picked = pick();
    }
  }
  for (const [line, m] of picked) out.set(line, m);
  return out;
}

/** Which of these contacts the import updated. */
async function updatedContacts(db: DbOrTx, importId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: contactImportRows.contact_id })
    .from(contactImportRows)
    .where(
      and(
        eq(contactImportRows.import_id, importId),
        eq(contactImportRows.result, 'updated'),
        inArray(contactImportRows.contact_id, ids),
      ),
    );
  return new Set(rows.map((r) => r.id!));
}

/**
 * The before-images of the contacts an import updated that had one of these
 * values (a phone, an email, a GSTIN). Read from the import's own rows; an
 * update that changed a contact's phone or email leaves it matching the old
 * one, as the dry run saw it.
 */
async function updatedBefore(
  db: DbOrTx,
  importId: string,
  byColumn: [AnyMySqlColumn, string[]][],
): Promise<ImportCandidate[]> {
  const conditions = byColumn
    .filter(([, vs]) => vs.length)
    .map(([column, vs]) => {
      const value = sql`json_unquote(json_extract(${contactImportRows.before}, ${`$.${column.name}`}))`;
      return inArray(
        column.name === 'email' ? sql`lower(${value})` : column.name === 'gstin' ? sql`upper(${value})` : value,
        vs,
      );
    });
  if (!conditions.length) return [];
  const rows = await rowsOf<{ id: string; before: unknown }>(
    db,
    sql`select ${contactImportRows.contact_id} as id, ${contactImportRows.before} as \`before\` from ${contactImportRows}
        where ${contactImportRows.import_id} = ${importId} and ${contactImportRows.result} = 'updated' and (${sql.join(conditions, sql` or `)})`,
  );
  return rows.map((r) => ({
    ...((typeof r.before === 'string' ? JSON.parse(r.before) : r.before) as StoredFields),
    id: r.id,
  }));
}

/** One row's answer in the preview's read-only pass: its match, or why the server refuses it. */
export type RowMatchAnswer = { line: number; match: ImportMatch } | { line: number; invalid: string };

/**
 * The preview's read-only pass: each valid row of a chunk checked again and
 * matched (nothing locked, nothing written). The browser turns the answers
 * into the dry-run counts of every mode (lib/contact-import.ts dryRunCounts).
 */
export async function matchImportRows(
  db: DbOrTx,
  type: ContactType,
  rows: { line: number; cells: ImportCells }[],
): Promise<RowMatchAnswer[]> {
  const answers: RowMatchAnswer[] = [];
  const valid: { line: number; value: ContactFields }[] = [];
  for (const r of rows) {
    const checked = checkCells(type, r.cells);
    if (checked.ok) valid.push({ line: r.line, value: checked.value });
    else answers.push({ line: r.line, invalid: checked.reason });
  }
  const matches = await findImportMatches(db, type, valid, { lock: false });
  for (const v of valid) answers.push({ line: v.line, match: matches.get(v.line)!.match });
  return answers.sort((a, b) => a.line - b.line);
}

/* ------------------------------------------------------------------ batches */

export type ImportProgress = {
  id: string;
  type: ContactType;
  mode: ImportMode;
  status: ImportStatus;
  fileName: string;
  mapping: ImportMapping | null;
  /** Lines in the file. */
  rowsTotal: number;
  /** Lines recorded so far (the server's truth for a resume). */
  recorded: number;
  /** The first line not yet recorded: where a resumed import continues. */
  nextLine: number;
  counts: ImportCounts;
};

export type ContactImportDetail = ImportProgress & {
  createdBy: string;
  createdByName: string | null;
  createdAt: Date | null;
  finishedAt: Date | null;
  revertedAt: Date | null;
  revertedByName: string | null;
};

const BATCH_COLUMNS = {
  id: contactImports.id,
  type: contactImports.type,
  mode: contactImports.mode,
  status: contactImports.status,
  file_name: contactImports.file_name,
  mapping: contactImports.mapping,
  rows_total: contactImports.rows_total,
  created_count: contactImports.created_count,
  updated_count: contactImports.updated_count,
  unchanged_count: contactImports.unchanged_count,
  invalid_count: contactImports.invalid_count,
  duplicate_count: contactImports.duplicate_count,
  skipped_count: contactImports.skipped_count,
  created_by: contactImports.created_by,
  created_at: contactImports.created_at,
  finished_at: contactImports.finished_at,
  reverted_at: contactImports.reverted_at,
};

type BatchCounts = { [K in `${ImportRowResult}_count`]: number };
type BatchRow = {
  id: string;
  type: ContactType;
  mode: ImportMode;
  status: ImportStatus;
  file_name: string;
  mapping: ImportMapping | null;
  rows_total: number;
} & BatchCounts;

/** A batch row → its progress. */
function progressOf(b: BatchRow): ImportProgress {
  const counts = emptyCounts();
  counts.created = b.created_count;
  counts.updated = b.updated_count;
  counts.unchanged = b.unchanged_count;
  counts.invalid = b.invalid_count;
  counts.duplicate = b.duplicate_count;
  counts.skipped = b.skipped_count;
  const recorded = Object.values(counts).reduce((a, n) => a + n, 0);
  return {
    id: b.id,
    type: b.type,
    mode: b.mode,
    status: b.status,
    fileName: b.file_name,
    mapping: b.mapping ?? null,
    rowsTotal: b.rows_total,
    recorded,
    nextLine: FIRST_LINE + recorded,
    counts,
  };
}

/** A batch's progress and who started it; null when unknown. `lock` is for the service's transactions. */
export async function getImportBatch(
  db: DbOrTx,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<{ progress: ImportProgress; createdBy: string } | null> {
  const q = db.select(BATCH_COLUMNS).from(contactImports).where(eq(contactImports.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ? { progress: progressOf(row), createdBy: row.created_by } : null;
}

/** Where a batch stands (a resume starts at `nextLine`); null when unknown. */
export async function getImportProgress(db: DbOrTx, id: string): Promise<ImportProgress | null> {
  return (await getImportBatch(db, id))?.progress ?? null;
}

const reverter = alias(users, 'reverter');

/** The report's batch: progress, who and when. */
export async function getContactImport(db: DbOrTx, id: string): Promise<ContactImportDetail | null> {
  const [row] = await db
    .select({ ...BATCH_COLUMNS, created_by_name: users.name, reverted_by_name: reverter.name })
    .from(contactImports)
    .leftJoin(users, eq(users.id, contactImports.created_by))
    .leftJoin(reverter, eq(reverter.id, contactImports.reverted_by))
    .where(eq(contactImports.id, id));
  if (!row) return null;
  return {
    ...progressOf(row),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    revertedAt: row.reverted_at,
    revertedByName: row.reverted_by_name,
  };
}

export type ContactImportListRow = {
  id: string;
  type: ContactType;
  mode: ImportMode;
  status: ImportStatus;
  fileName: string;
  rowsTotal: number;
  recorded: number;
  counts: ImportCounts;
  createdByName: string | null;
  createdAt: Date | null;
};

/**
 * The most recent imports, newest first (the history on the import page), at
 * most `limit`; with `before` (an import's id), the ones started before it, so
 * the history pages back through older imports.
 */
export async function listContactImports(
  db: DbOrTx,
  limit = 20,
  before: string | null = null,
): Promise<ContactImportListRow[]> {
  const size = Math.min(200, Math.max(1, Math.floor(limit) || 1));
  const rows = await db
    .select({ ...BATCH_COLUMNS, created_by_name: users.name })
    .from(contactImports)
    .leftJoin(users, eq(users.id, contactImports.created_by))
    .where(
      before
        ? sql`(${contactImports.created_at}, ${contactImports.id}) < (select b.created_at, b.id from ${contactImports} b where b.id = ${before})`
        : undefined,
    )
    .orderBy(desc(contactImports.created_at), desc(contactImports.id))
    .limit(size);
  return rows.map((r) => {
    const p = progressOf(r);
    return {
      id: p.id,
      type: p.type,
      mode: p.mode,
      status: p.status,
      fileName: p.fileName,
      rowsTotal: p.rowsTotal,
      recorded: p.recorded,
      counts: p.counts,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
    };
  });
}

/** The mapping of the last import of each type, to offer again when a file has the same headers. */
export async function lastImportMappings(
  db: DbOrTx,
): Promise<Record<ContactType, { mapping: ImportMapping; fileName: string } | null>> {
  const last = (type: ContactType) =>
    db
      .select({ mapping: contactImports.mapping, file_name: contactImports.file_name })
      .from(contactImports)
      .where(eq(contactImports.type, type))
      .orderBy(desc(contactImports.created_at), desc(contactImports.id))
      .limit(1);
  const [[company], [visitor]] = await Promise.all([last('exhibitor'), last('visitor')]);
  const of = (r: typeof company) => (r?.mapping ? { mapping: r.mapping, fileName: r.file_name } : null);
  return { exhibitor: of(company), visitor: of(visitor) };
}

/* --------------------------------------------------------------------- rows */

export const REJECTED_RESULTS = ['invalid', 'duplicate', 'skipped'] as const satisfies readonly ImportRowResult[];

export type ImportRowView = {
  line: number;
  result: ImportRowResult;
  reason: string | null;
  input: Record<string, string> | null;
  contactId: string | null;
};

/** A page of an import's rows in line order (keyset on line), optionally of some results only. */
export async function listImportRows(
  db: DbOrTx,
  importId: string,
  opts: { results?: readonly ImportRowResult[]; afterLine?: number; limit: number },
): Promise<ImportRowView[]> {
  const rows = await db
    .select({
      line: contactImportRows.line,
      result: contactImportRows.result,
      reason: contactImportRows.reason,
      input: contactImportRows.input,
      contact_id: contactImportRows.contact_id,
    })
    .from(contactImportRows)
    .where(
      and(
        eq(contactImportRows.import_id, importId),
        gt(contactImportRows.line, opts.afterLine ?? 0),
        opts.results ? inArray(contactImportRows.result, [...opts.results]) : undefined,
      ),
    )
    .orderBy(asc(contactImportRows.line))
    .limit(opts.limit);
  return rows.map((r) => ({
    line: r.line,
    result: r.result,
    reason: r.reason,
    input: r.input,
    contactId: r.contact_id,
  }));
}

/** After a revert: how many created contacts are gone, how many were kept soft-deleted (something pointed at them), how many contacts were restored. */
export async function revertSummary(
  db: DbOrTx,
  importId: string,
): Promise<{ deleted: number; softDeleted: number; restored: number }> {
  const r = contactImportRows;
  const [row] = await rowsOf<{ deleted: unknown; soft: unknown; restored: unknown }>(
    db,
    sql`select sum(${r.result} = 'created' and ${contacts.id} is null) as deleted, sum(${r.result} = 'created' and ${contacts.id} is not null) as soft, sum(${r.result} = 'updated') as restored
        from ${r} left join ${contacts} on ${contacts.id} = ${r.contact_id}
        where ${r.import_id} = ${importId} and ${inArray(r.result, ['created', 'updated'])}`,
  );
  return { deleted: toCount(row?.deleted), softDeleted: toCount(row?.soft), restored: toCount(row?.restored) };
}
