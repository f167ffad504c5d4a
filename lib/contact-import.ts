/**
 * CSV import of companies or visitors: everything the browser's
 * preview and the server's chunks must agree on, in one browser-safe module —
 * reading the file, mapping its columns to fields, checking a row (the shared
 * field schemas of lib/contact-fields.ts), the duplicate-within-the-file rule,
 * and what a match does in each mode.
 *
 * Rules (shown on the import page too):
 * - `line` is a row's number in the file with the header as line 1, as a
 *   spreadsheet numbers it (blank rows are left out).
 * - Duplicate within the file: a valid row whose key was already given by an
 *   earlier valid, non-duplicate row. Keys — visitors: the E.164 phone, the
 *   email; companies: the GSTIN, the name with the phone, the name with the
 *   email (two companies may share a switchboard number, so a phone alone is
 *   no key). The first row with a key wins; the later ones are reported.
 * - Matching an existing contact (live contacts of the type), key by key in
 *   that order: visitors by phone, then email; companies by GSTIN, then name
 *   and phone, then name and email. A key that several live contacts share is
 *   not guessed between: the row is skipped (merge them first).
 * - A blank cell never erases: an update writes only the mapped, non-blank
 *   fields; a match is "unchanged" when each of those equals the stored value.
 */
import Papa from 'papaparse';

import type { ContactType, ImportMode, ImportRowResult } from '@/db/schema/contacts';
import {
  CONTACT_FIELDS,
  contactFieldsSchema,
  FIELD_LABELS,
  type ContactField,
  type ContactFields,
} from '@/lib/contact-fields';
import { IMPORT_MODE_LABELS, IMPORT_TYPE_LABELS } from '@/lib/labels';

/** The first data line (the header is line 1). */
export const FIRST_LINE = 2;
/** Most rows per chunk: one transaction on the server, one request from the browser. */
export const IMPORT_CHUNK_ROWS = 1000;
/** Most bytes of rows per chunk, well under the 1 MB a server action may receive (proxy.ts). */
export const IMPORT_CHUNK_BYTES = 600_000;
/** Longer cells are cut to this before they are sent: still too long for every field, so still refused with the same reason. */
export const MAX_CELL = 6000;
/** Most lines in one file. */
export const MAX_IMPORT_LINES = 1_000_000;

/** The modes in the order the page offers them. */
export const IMPORT_MODE_OPTIONS = [
  {
    value: 'create',
    label: IMPORT_MODE_LABELS.create,
    hint: 'Adds rows that match no existing contact; matches are left alone (skipped).',
  },
  { value: 'upsert', label: IMPORT_MODE_LABELS.upsert, hint: 'Adds new rows and updates the contacts they match.' },
  {
    value: 'update',
    label: IMPORT_MODE_LABELS.update,
    hint: 'Updates the contacts rows match; rows that match nothing are skipped.',
  },
] as const satisfies readonly { value: ImportMode; label: string; hint: string }[];

/** A column's field, or null: ignored. */
export type ImportColumn = ContactField | null;
/** What the batch remembers: each header → its field or 'ignore'. */
export type ImportMapping = Record<string, string>;
/** A row's mapped cells, as text from the file. */
export type ImportCells = Partial<Record<ContactField, string>>;
/** A row as the browser sends it: `dupOf` is the earlier line it repeats (the browser's finding; the server checks it). */
export type ImportRow = { line: number; cells: ImportCells; dupOf: number | null };

/* ------------------------------------------------------------------ reading */

export type ParsedCsv = { headers: string[]; rows: string[][] };

function splitHeader(data: string[][]): ParsedCsv {
  const [first = [], ...rows] = data;
  return { headers: first.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim()), rows };
}

/** A whole CSV text at once (Node, the benchmark, tests). */
export function parseCsvText(text: string): ParsedCsv {
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  return splitHeader(data);
}

/**
 * A CSV file read piece by piece (in a Web Worker or on the page): each piece
 * is a task of its own, so the page keeps answering, and `onProgress` gets
 * the bytes read so far.
 */
export function parseCsvFile(file: Blob, onProgress?: (bytes: number, total: number) => void): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    const data: string[][] = [];
    Papa.parse<string[]>(file as File, {
      skipEmptyLines: 'greedy',
      chunkSize: 1 << 20,
      chunk(results) {
        for (const row of results.data) data.push(row);
        onProgress?.(results.meta.cursor, file.size);
      },
      complete: () => resolve(splitHeader(data)),
      error: (error) => reject(error),
    });
  });
}

/* ------------------------------------------------------------------ mapping */

const norm = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const PHONE = [
  'phone',
  'mobile',
  'mobile no',
  'mobile number',
  'phone no',
  'phone number',
  'contact no',
  'contact number',
  'whatsapp',
  'whatsapp no',
  'whatsapp number',
  'cell',
  'cell phone',
  'mobile phone',
  'tel',
  'telephone',
  'number',
];
const EMAIL = ['email', 'e mail', 'email address', 'e mail address', 'email id', 'e mail id', 'mail'];
const CITY = ['city', 'town', 'city town'];
const ORGANISATION = [
  'company',
  'company name',
  'organisation',
  'organization',
  'organisation name',
  'organization name',
  'firm',
  'firm name',
  'business',
  'business name',
];
const PERSON = ['contact', 'contact person', 'contact name', 'person', 'person name'];

const SYNONYMS: Record<ContactType, [ContactField, string[]][]> = {
  visitor: [
    ['name', ['name', 'full name', 'visitor', 'visitor name', 'customer name', ...PERSON]],
    ['phone', PHONE],
    ['email', EMAIL],
    ['city', CITY],
    ['company_name', ORGANISATION],
  ],
  exhibitor: [
    ['name', ['name', 'exhibitor', 'exhibitor name', ...ORGANISATION]],
    ['contact_person', PERSON],
    ['phone', PHONE],
    ['email', EMAIL],
    ['city', CITY],
    ['address', ['address', 'full address', 'street address', 'addr']],
    ['gstin', ['gst', 'gstin', 'gst no', 'gst number', 'gstin no', 'gstin number', 'gst in', 'gst id']],
    ['notes', ['notes', 'note', 'remarks', 'remark', 'comments', 'comment']],
  ],
};

/** The field a header names, if any (exact synonyms first, then a word it contains). */
function fieldFor(type: ContactType, header: string): ContactField | null {
  const h = norm(header);
  for (const [field, names] of SYNONYMS[type]) if (names.includes(h) || norm(FIELD_LABELS[field]) === h) return field;
  if (/\b(phone|mobile|whatsapp)\b/.test(h)) return 'phone';
  if (/\be ?mail\b/.test(h)) return 'email';
  if (type === 'exhibitor' && /\bgst/.test(h)) return 'gstin';
  return null;
}

/** Each header's field by its name and the usual synonyms; a field goes to its first column only. */
export function autoMap(type: ContactType, headers: string[]): ImportColumn[] {
  const taken = new Set<ContactField>();
  return headers.map((h) => {
    const field = fieldFor(type, h);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

const isField = (type: ContactType, value: string): value is ContactField =>
  (CONTACT_FIELDS[type] as readonly string[]).includes(value);

/** A remembered mapping applied to a file, when it names every header of the file; otherwise null. */
export function columnsFromMapping(
  type: ContactType,
  headers: string[],
  mapping: ImportMapping | null | undefined,
): ImportColumn[] | null {
  if (!mapping || !headers.length) return null;
  const byHeader = new Map(Object.entries(mapping).map(([h, f]) => [norm(h), f]));
  if (!headers.every((h) => byHeader.has(norm(h)))) return null;
  const taken = new Set<ContactField>();
  return headers.map((h) => {
    const f = byHeader.get(norm(h))!;
    if (!isField(type, f) || taken.has(f)) return null;
    taken.add(f);
    return f;
  });
}

/** The mapping as the batch stores it. */
export function mappingOf(headers: string[], columns: ImportColumn[]): ImportMapping {
  const out: ImportMapping = {};
  headers.forEach((h, i) => {
    if (!(h in out) || columns[i]) out[h] = columns[i] ?? 'ignore';
  });
  return out;
}

/** What stops a mapping: a field chosen twice, or a required field not chosen. */
export function mappingProblems(type: ContactType, columns: ImportColumn[]): string[] {
  const problems: string[] = [];
  const seen = new Set<ContactField>();
  for (const f of columns) {
    if (!f) continue;
    if (seen.has(f)) problems.push(`Two columns are mapped to ${FIELD_LABELS[f]}: choose one.`);
    seen.add(f);
  }
  const required: ContactField[] = type === 'visitor' ? ['name', 'phone'] : ['name'];
  for (const f of required)
    if (!seen.has(f))
      problems.push(`Map a column to ${FIELD_LABELS[f]}: every ${IMPORT_TYPE_LABELS[type].one} needs one.`);
  return problems;
}

/** A file row's mapped cells (cut to MAX_CELL). */
export function cellsOf(row: string[], columns: ImportColumn[]): ImportCells {
  const cells: ImportCells = {};
  columns.forEach((f, i) => {
    if (f) cells[f] = (row[i] ?? '').slice(0, MAX_CELL);
  });
  return cells;
}

/* ----------------------------------------------------------------- checking */

export type CheckedRow = { ok: true; value: ContactFields } | { ok: false; reason: string };

/** One row through the same schema as the add/edit forms. */
export function checkCells(type: ContactType, cells: ImportCells): CheckedRow {
  const parsed = contactFieldsSchema(type).safeParse(cells);
  if (parsed.success) return { ok: true, value: parsed.data };
  const messages = [...new Set(parsed.error.issues.map((i) => i.message))];
  return { ok: false, reason: messages.join(' ') };
}

const companyName = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** A checked row's keys, in matching order (see the rules above). */
export function rowKeys(type: ContactType, value: ContactFields): string[] {
  const keys: string[] = [];
  if (type === 'visitor') {
    if (value.phone) keys.push(`p:${value.phone}`);
    if (value.email) keys.push(`e:${value.email}`);
    return keys;
  }
  const v = value as ContactFields & { gstin?: string | null };
  const name = companyName(v.name);
  if (v.gstin) keys.push(`g:${v.gstin}`);
  if (v.phone) keys.push(`np:${name}|${v.phone}`);
  if (v.email) keys.push(`ne:${name}|${v.email}`);
  return keys;
}

const KEY_WORDS: Record<string, string> = {
  p: 'phone',
  e: 'email',
  g: 'GSTIN',
  np: 'name and phone',
  ne: 'name and email',
};

/** "phone", "name and email"… for a key. */
export const keyWords = (key: string) => KEY_WORDS[key.slice(0, key.indexOf(':'))] ?? 'details';

export const duplicateReason = (key: string, line: number) => `Same ${keyWords(key)} as line ${line}.`;

/** The duplicate-within-the-file rule: the first valid row with a key keeps it. */
export class Deduper {
  private readonly first = new Map<string, number>();

  /** The earlier line and key these keys repeat, if any. */
  find(keys: string[]): { line: number; key: string } | null {
    for (const key of keys) {
      const earlier = this.first.get(key);
      if (earlier !== undefined) return { line: earlier, key };
    }
    return null;
  }

  /** A kept row's keys are taken by its line. */
  take(line: number, keys: string[]): void {
    for (const key of keys) if (!this.first.has(key)) this.first.set(key, line);
  }

  /** The earlier line and key this row repeats; or null, and its keys are now taken by `line`. */
  claim(line: number, keys: string[]): { line: number; key: string } | null {
    const earlier = this.find(keys);
    if (!earlier) this.take(line, keys);
    return earlier;
  }
}

/** A row of the preview table: its mapped cells, the browser's finding and why. */
export type PreviewRow = { line: number; cells: ImportCells; status: number; reason: string | null };

/** The result of the browser's check of one file row. */
export const ROW_VALID = 0;
export const ROW_INVALID = 1;
export const ROW_DUPLICATE = 2;

/**
 * A whole file checked in steps (`step(n)` checks the next n rows), so a Web
 * Worker can report progress and a page without one can yield between steps.
 * Keeps per row only its status, its reason and the line it repeats.
 */
export class FileChecker {
  readonly status: Uint8Array;
  readonly dupOf: Int32Array;
  readonly reasons = new Map<number, string>();
  readonly counts = { valid: 0, invalid: 0, duplicate: 0 };
  done = 0;
  private readonly deduper = new Deduper();

  constructor(
    readonly type: ContactType,
    readonly rows: string[][],
    readonly columns: ImportColumn[],
  ) {
    this.status = new Uint8Array(rows.length);
    this.dupOf = new Int32Array(rows.length);
  }

  get total() {
    return this.rows.length;
  }

  /** Checks up to `n` more rows; true when the whole file is checked. */
  step(n: number): boolean {
    const end = Math.min(this.rows.length, this.done + n);
    for (let i = this.done; i < end; i++) {
      const checked = checkCells(this.type, cellsOf(this.rows[i]!, this.columns));
      if (!checked.ok) {
        this.status[i] = ROW_INVALID;
        this.reasons.set(i, checked.reason);
        this.counts.invalid++;
        continue;
      }
      const repeat = this.deduper.claim(i + FIRST_LINE, rowKeys(this.type, checked.value));
      if (repeat) {
        this.status[i] = ROW_DUPLICATE;
        this.dupOf[i] = repeat.line;
        this.reasons.set(i, duplicateReason(repeat.key, repeat.line));
        this.counts.duplicate++;
      } else {
        this.counts.valid++;
      }
    }
    this.done = end;
    return end === this.rows.length;
  }

  /** The first `limit` rows as the preview shows them (the rest are counted, not drawn). */
  preview(limit: number): PreviewRow[] {
    const out: PreviewRow[] = [];
    for (let i = 0; i < Math.min(limit, this.done); i++) out.push(this.previewRow(i));
    return out;
  }

  /** The first `limit` invalid or duplicate rows, with their reasons. */
  problems(limit: number): PreviewRow[] {
    const out: PreviewRow[] = [];
    for (let i = 0; i < this.done && out.length < limit; i++)
      if (this.status[i] !== ROW_VALID) out.push(this.previewRow(i));
    return out;
  }

  private previewRow(i: number): PreviewRow {
    return {
      line: i + FIRST_LINE,
      cells: cellsOf(this.rows[i]!, this.columns),
      status: this.status[i]!,
      reason: this.reasons.get(i) ?? null,
    };
  }

  /** The row at index i as the server receives it. */
  row(i: number): ImportRow {
    return {
      line: i + FIRST_LINE,
      cells: cellsOf(this.rows[i]!, this.columns),
      dupOf: this.status[i] === ROW_DUPLICATE ? this.dupOf[i]! : null,
    };
  }

  /**
   * The next chunk from index `from`: at most IMPORT_CHUNK_ROWS rows and
   * IMPORT_CHUNK_BYTES of JSON. `validOnly` leaves out invalid and duplicate
   * rows (the read-only matching pass); the import sends every line.
   */
  chunk(from: number, validOnly: boolean): { rows: ImportRow[]; next: number } {
    const rows: ImportRow[] = [];
    let bytes = 0;
    let i = from;
    for (; i < this.rows.length && rows.length < IMPORT_CHUNK_ROWS; i++) {
      if (validOnly && this.status[i] !== ROW_VALID) continue;
      const row = this.row(i);
      const size = utf8Length(JSON.stringify(row));
      if (rows.length && bytes + size > IMPORT_CHUNK_BYTES) break;
      bytes += size;
      rows.push(row);
    }
    return { rows, next: i };
  }
}

function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff ? 2 : 1;
  }
  return n;
}

/* ------------------------------------------------------------------ outcome */

/** How a checked row stands against the database (the server's answer; read-only in the dry run). */
export type ImportMatch = { contactId: string; equal: boolean } | { ambiguous: string } | null;

/** What a valid, non-duplicate row becomes in a mode; `earlier` is the line that already matched the same contact. */
export function outcomeOf(
  mode: ImportMode,
  match: ImportMatch,
  earlier?: number,
): { result: ImportRowResult; reason: string | null } {
  if (match && 'ambiguous' in match) return { result: 'skipped', reason: match.ambiguous };
  if (match && earlier !== undefined)
    return { result: 'skipped', reason: `Matches the same contact as line ${earlier}.` };
  if (!match)
    return mode === 'update'
      ? { result: 'skipped', reason: 'Matches no existing contact (update only).' }
      : { result: 'created', reason: null };
  if (mode === 'create') return { result: 'skipped', reason: 'Already exists (create only): left as it is.' };
  return { result: match.equal ? 'unchanged' : 'updated', reason: null };
}

export type ImportCounts = Record<ImportRowResult, number>;
export const emptyCounts = (): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  invalid: 0,
  duplicate: 0,
});

/**
 * The dry run: the counts a mode would give, from the browser's check and the
 * server's matches of the valid rows (in file order). The server's chunks
 * apply the same `outcomeOf` to the same rows, so the import gives these
 * counts unless the contacts change in between.
 */
export function dryRunCounts(
  mode: ImportMode,
  checked: { invalid: number; duplicate: number },
  matches: Iterable<[line: number, ImportMatch]>,
): ImportCounts {
  const counts = emptyCounts();
  counts.invalid = checked.invalid;
  counts.duplicate = checked.duplicate;
  const firstLine = new Map<string, number>();
  for (const [line, match] of matches) {
    let earlier: number | undefined;
    if (match && 'contactId' in match) {
      earlier = firstLine.get(match.contactId);
      if (earlier === undefined) firstLine.set(match.contactId, line);
    }
    counts[outcomeOf(mode, match, earlier).result]++;
  }
  return counts;
}

/* -------------------------------------------------------------- comparisons */

/** The stored values of a contact's fields (the before-image of an update, with `updated_at`). */
export type StoredFields = Record<string, string | null>;

/** A blank cell never erases: the fields an update writes are the non-blank ones. */
export function isUnchanged(type: ContactType, value: ContactFields, stored: StoredFields): boolean {
  const v = value as Record<string, string | null>;
  return CONTACT_FIELDS[type].every((f) => v[f] === null || v[f] === undefined || v[f] === stored[f]);
}

/** The contact's fields after an update: each non-blank value over the stored one. */
export function mergedFields(
  type: ContactType,
  value: ContactFields,
  stored: StoredFields,
): Record<ContactField, string | null> {
  const v = value as Record<string, string | null>;
  const out = {} as Record<ContactField, string | null>;
  for (const f of CONTACT_FIELDS[type]) out[f] = v[f] ?? stored[f] ?? null;
  return out;
}

/** The key for a file's saved progress in sessionStorage: the same file chosen again resumes its import. */
export const fileProgressKey = (file: { name: string; size: number; lastModified: number }) =>
  `contact-import:${file.name}:${file.size}:${file.lastModified}`;
