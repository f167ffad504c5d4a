/**
 * Recipient lists from a CSV: the same checks in the browser (the
 * preview, before anything is sent) and on the server (every chunk saved is
 * checked again). Phones become E.164 (default region India); a phone seen
 * twice is merged (the first name given wins); rows without a valid phone are
 * listed with the reason and never saved.
 */
import Papa from 'papaparse';

import { normalisePhone } from '@/lib/phone';

export type RecipientRow = { phone: string; name: string | null };
export type InvalidRecipientRow = { line: number; value: string; reason: string };
export type RecipientCheck = {
  /** Unique valid recipients, in file order, each with the line its phone first appears on. */
  valid: (RecipientRow & { line: number })[];
  /** Rows whose phone repeats an earlier row (merged into it). */
  duplicates: number;
  invalid: InvalidRecipientRow[];
};

const PHONE_HEADERS = ['phone', 'mobile', 'phone number', 'mobile number', 'number', 'whatsapp'];
const NAME_HEADERS = ['name', 'full name', 'visitor', 'contact'];
export const MAX_NAME_LENGTH = 255;

/**
 * The rows of a recipients CSV: a `phone` (or mobile/number) column and an
 * optional `name` column when the first line is a header; otherwise the
 * first column is the phone and the second the name. `line` is the line in
 * the file (1-based, the header included), for the messages.
 */
export function parseRecipientCsv(text: string): { line: number; phone: string; name: string }[] {
  const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  if (!data.length) return [];
  const first = data[0]!.map((c) => c.trim().toLowerCase());
  const phoneAt = first.findIndex((c) => PHONE_HEADERS.includes(c));
  const header = phoneAt >= 0;
  const nameAt = header ? first.findIndex((c) => NAME_HEADERS.includes(c)) : 1;
  const rows = header ? data.slice(1) : data;
  return rows.map((cells, i) => ({
    line: i + (header ? 2 : 1),
    phone: (cells[header ? phoneAt : 0] ?? '').trim(),
    name: nameAt >= 0 ? (cells[nameAt] ?? '').trim() : '',
  }));
}

/** Normalises, merges duplicates and lists the invalid rows. */
export function checkRecipientRows(rows: { line: number; phone: string; name?: string | null }[]): RecipientCheck {
  const seen = new Map<string, RecipientRow & { line: number }>();
  const invalid: InvalidRecipientRow[] = [];
  let duplicates = 0;
  for (const row of rows) {
    const raw = row.phone.trim();
    if (!raw) {
      invalid.push({ line: row.line, value: '', reason: 'No phone number.' });
      continue;
    }
    const phone = normalisePhone(raw);
    if (!phone) {
      invalid.push({ line: row.line, value: raw, reason: 'Not a valid phone number.' });
      continue;
    }
    const name = row.name?.trim().slice(0, MAX_NAME_LENGTH) || null;
    const earlier = seen.get(phone);
    if (earlier) {
      duplicates++;
      if (!earlier.name && name) earlier.name = name;
      continue;
    }
    seen.set(phone, { line: row.line, phone, name });
  }
  return { valid: [...seen.values()], duplicates, invalid };
}
