/**
 * CSV import of visitors and companies on the real database: the
 * browser's check (lib/contact-import.ts), the preview's read-only matching,
 * the dry-run counts of each mode, the chunked import with resume, and the
 * revert — every expected number worked out by hand from the fixtures below.
 */
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { db, pool, type Db } from '@/db';
import {
  getImportProgress,
  lastImportMappings,
  listContactImports,
  listImportRows,
  matchImportRows,
  REJECTED_RESULTS,
  revertSummary,
} from '@/db/queries/contact-imports';
import { rowsOf } from '@/db/rows';
import { contactImportRows, contacts, type ImportMode } from '@/db/schema';
import { importChunk, revertImport, startImport } from '@/db/services/contact-imports';
import {
  autoMap,
  columnsFromMapping,
  dryRunCounts,
  FileChecker,
  mappingOf,
  mappingProblems,
  parseCsvText,
  ROW_VALID,
  type ImportCounts,
  type ImportMatch,
  type ImportRow,
} from '@/lib/contact-import';
import { DomainError } from '@/lib/errors';
import { gstinCheckChar } from '@/lib/gstin';
import { ulid } from '@/lib/ulid';

import { makeExhibitor, makeFollowUp, makeUser, makeVisitor, tag } from './helpers/factories';

/** Ten digits of a fresh Indian mobile (9XXXXXXXXX), for spelling it the ways people type it. */
const digits = () => `9${randomInt(0, 1_000_000_000).toString().padStart(9, '0')}`;
const e164 = (d: string) => `+91${d}`;
/** A valid GSTIN with a random PAN number (checksum by lib/gstin.ts). */
const gstin = () => {
  const first = `27AAPFU${randomInt(1000, 9999)}F1Z`;
  return first + gstinCheckChar(first);
};
const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

let admin: { id: string };
beforeAll(async () => {
  admin = await makeUser({ role: 'admin' });
});

/* The browser's side, as the page runs it (in a Web Worker there). */
function check(type: 'visitor' | 'exhibitor', text: string) {
  const { headers, rows } = parseCsvText(text);
  const columns = autoMap(type, headers);
  const checker = new FileChecker(type, rows, columns);
  checker.step(Infinity);
  return { headers, columns, checker, all: rows.map((_, i) => checker.row(i)) };
}

/** The preview's read-only pass over the valid rows, then the dry-run counts of a mode. */
async function dryRun(type: 'visitor' | 'exhibitor', checker: FileChecker, mode: ImportMode): Promise<ImportCounts> {
  const valid: ImportRow[] = [];
  for (let i = 0; i < checker.total; i++) if (checker.status[i] === ROW_VALID) valid.push(checker.row(i));
  const answers = await matchImportRows(db, type, valid);
  const matches: [number, ImportMatch][] = answers.map((a) => {
    if ('invalid' in a) throw new Error(`The server refused line ${a.line}: ${a.invalid}`);
    return [a.line, a.match];
  });
  return dryRunCounts(mode, checker.counts, matches);
}

/** The import, `size` rows per chunk (small, so duplicates and matches cross chunk boundaries). */
async function runImport(
  type: 'visitor' | 'exhibitor',
  mode: ImportMode,
  fixture: ReturnType<typeof check>,
  size = 4,
  through: Db = db,
) {
  const id = ulid();
  await startImport(db, admin.id, {
    id,
    type,
    mode,
    fileName: 'test.csv',
    mapping: mappingOf(fixture.headers, fixture.columns),
    rowsTotal: fixture.all.length,
  });
  let progress;
  for (let i = 0; i < fixture.all.length; i += size)
    progress = await importChunk(through, id, fixture.all.slice(i, i + size));
  return { id, progress: progress! };
}

const countsOf = (c: Partial<ImportCounts>): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  invalid: 0,
  duplicate: 0,
  ...c,
});

async function checksum(): Promise<string> {
  const [rows] = (await pool.query('CHECKSUM TABLE contacts')) as unknown as [{ Checksum: string | number }[]];
  return String(rows[0]!.Checksum);
}
/** Every contact row, every column, as text: what the checksum says, readable when a test fails. */
async function allContacts() {
  return rowsOf<Record<string, unknown>>(
    db,
    sql`select id, type, name, company_name, phone, email, city, contact_person, address, gstin, notes, merged_into_id, cast(deleted_at as char) as deleted_at, cast(created_at as char) as created_at, cast(updated_at as char) as updated_at from ${contacts} order by id`,
  );
}

const contactById = async (id: string) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0];
const livePhone = async (phone: string) =>
  db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(sql`${contacts.type} = 'visitor' and ${contacts.deleted_at} is null and ${contacts.phone} = ${phone}`);

/*
 * The visitors fixture. Three visitors exist before the import (times pinned, so "unchanged" is checked
 * against exact values):
 *   X1 "Asha Existing"  +91 d1  asha-T@example.com  Pune
 *   X2 "Ravi Existing"  +91 d2  ravi-T@example.com  Delhi
 *   X3 "Meena Same"     +91 d3  meena-T@example.com Chennai  company Acme
 * The CSV (header "Full Name, Mobile No, E-mail, City, Organisation, Remarks" — Remarks is ignored for visitors):
 *   line  2  Kiran New      0d4[5] d4[5] (098765 43210 style)  kiran-T@…       → valid, no match
 *   line  3  Kiran Again    +91-d4[5]-d4[5]                                    → duplicate of line 2 (phone)
 *   line  4  Asha Updated   d1[5] d1[5]     (email blank)       Nagpur         → matches X1 by phone; differs
 *   line  5  Ravi New Phone +91 d6          RAVI-T@Example.COM                 → matches X2 by email; differs (phone)
 *   line  6  Meena Same     91d3            meena-T@example.com Chennai Acme   → matches X3 by phone; equal
 *   line  7  (no name)      d7                                                 → invalid: Name is required.
 *   line  8  Bad Phone      12345                                              → invalid: not a phone
 *   line  9  Bad Email      d8              not-an-email                       → invalid: not an email
 *   line 10  Dup Email      d5              kiran-T@example.com                → duplicate of line 2 (email)
 *   line 11  Sunil New      +91 d5                                             → valid, no match (line 10 was a duplicate: it took no key)
 *   line 12  Asha Twice     +91 d1                                             → duplicate of line 4 (phone)
 * So: invalid 3 (7, 8, 9), duplicate 3 (3, 10, 12); valid 5: no match 2 (2, 11), match that differs 2 (4, 5), match equal 1 (6).
 *   create only:       created 2, skipped 3 (4, 5, 6 exist), invalid 3, duplicate 3
 *   create and update: created 2, updated 2, unchanged 1,   invalid 3, duplicate 3
 *   update only:       updated 2, unchanged 1, skipped 2 (2, 11 match nothing), invalid 3, duplicate 3
 */
const EXPECTED: Record<ImportMode, ImportCounts> = {
  create: countsOf({ created: 2, skipped: 3, invalid: 3, duplicate: 3 }),
  upsert: countsOf({ created: 2, updated: 2, unchanged: 1, invalid: 3, duplicate: 3 }),
  update: countsOf({ updated: 2, unchanged: 1, skipped: 2, invalid: 3, duplicate: 3 }),
};

async function visitorFixture() {
  const t = tag();
  const [d1, d2, d3, d4, d5, d6, d7, d8] = Array.from({ length: 8 }, digits) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const pinned = new Date('2025-06-01T10:00:00Z');
  const x1 = await makeVisitor({
    name: 'Asha Existing',
    phone: e164(d1),
    email: `asha-${t}@example.com`,
    city: 'Pune',
    company_name: null,
    created_at: pinned,
    updated_at: pinned,
  });
  const x2 = await makeVisitor({
    name: 'Ravi Existing',
    phone: e164(d2),
    email: `ravi-${t}@example.com`,
    city: 'Delhi',
    company_name: null,
    created_at: pinned,
    updated_at: pinned,
  });
  const x3 = await makeVisitor({
    name: 'Meena Same',
    phone: e164(d3),
    email: `meena-${t}@example.com`,
    city: 'Chennai',
    company_name: 'Acme',
    created_at: pinned,
    updated_at: pinned,
  });
  const text = csv([
    ['Full Name', 'Mobile No', 'E-mail', 'City', 'Organisation', 'Remarks'],
    ['Kiran New', `0${d4.slice(0, 5)} ${d4.slice(5)}`, `kiran-${t}@example.com`, 'Mumbai', '', 'first'],
    ['Kiran Again', `+91-${d4.slice(0, 5)}-${d4.slice(5)}`, '', '', '', ''],
    ['Asha Updated', `${d1.slice(0, 5)} ${d1.slice(5)}`, '', 'Nagpur', '', ''],
    ['Ravi New Phone', `+91 ${d6}`, `RAVI-${t}@Example.COM`, '', '', ''],
    ['Meena Same', `91${d3}`, `meena-${t}@example.com`, 'Chennai', 'Acme', ''],
    ['', d7, '', '', '', 'no name'],
    ['Bad Phone', '12345', '', '', '', ''],
    ['Bad Email', d8, 'not-an-email', '', '', ''],
    ['Dup Email', d5, `kiran-${t}@example.com`, '', '', ''],
    ['Sunil New', `+91 ${d5}`, '', '', '', ''],
    ['Asha Twice', `+91 ${d1}`, '', '', '', ''],
  ]);
  return { t, d: { d1, d2, d3, d4, d5, d6, d7, d8 }, x1, x2, x3, text, pinned };
}

describe('mapping', () => {
  it('maps the usual headers of each type, and refuses a mapping without the required fields', () => {
    expect(autoMap('visitor', ['Full Name', 'Mobile No', 'E-mail', 'City', 'Organisation', 'Remarks'])).toEqual([
      'name',
      'phone',
      'email',
      'city',
      'company_name',
      null,
    ]);
    expect(autoMap('visitor', ['Name', 'Phone Number', 'WhatsApp', 'Email Address', 'Company'])).toEqual([
      'name',
      'phone',
      null,
      'email',
      'company_name',
    ]);
    expect(
      autoMap('exhibitor', ['Company', 'Contact Person', 'Mobile', 'e-mail', 'GST No', 'Address', 'Town', 'Notes']),
    ).toEqual(['name', 'contact_person', 'phone', 'email', 'gstin', 'address', 'city', 'notes']);
    expect(autoMap('exhibitor', ['Organisation', 'Contact', 'GSTIN'])).toEqual(['name', 'contact_person', 'gstin']);
    expect(mappingProblems('visitor', ['name', null, 'email'])).toEqual([
      'Map a column to Phone: every visitor needs one.',
    ]);
    expect(mappingProblems('visitor', ['name', 'phone', 'phone'])).toEqual([
      'Two columns are mapped to Phone: choose one.',
    ]);
    expect(mappingProblems('exhibitor', ['name', null])).toEqual([]);
  });

  it('offers a remembered mapping only when it names every header of the file', () => {
    const mapping = mappingOf(['Naam', 'Mobile', 'Extra'], ['name', 'phone', null]);
    expect(mapping).toEqual({ Naam: 'name', Mobile: 'phone', Extra: 'ignore' });
    expect(columnsFromMapping('visitor', ['naam', 'MOBILE', 'Extra'], mapping)).toEqual(['name', 'phone', null]);
    expect(columnsFromMapping('visitor', ['Naam', 'Mobile', 'City'], mapping)).toBeNull();
  });
});

describe('visitors: preview, dry run, import and revert in each mode', () => {
  for (const mode of ['create', 'upsert', 'update'] as const) {
    it(`${mode}: the dry run and the import give the hand-counted numbers; the revert restores the table exactly`, async () => {
      const f = await visitorFixture();
      const fixture = check('visitor', f.text);
      // The browser's check: 11 rows; the two bad rows' reasons are the shared schema's.
      expect(fixture.checker.counts).toEqual({ valid: 5, invalid: 3, duplicate: 3 });
      expect([...fixture.checker.reasons.entries()].map(([i, r]) => [i + 2, r])).toEqual([
        [3, 'Same phone as line 2.'],
        [7, 'Name is required.'],
        [8, 'Not a valid phone number.'],
        [9, 'Not a valid email address.'],
        [10, 'Same email as line 2.'],
        [12, 'Same phone as line 4.'],
      ]);
      expect(await dryRun('visitor', fixture.checker, mode)).toEqual(EXPECTED[mode]);

      const sumBefore = await checksum();
      const rowsBefore = await allContacts();
      const { id, progress } = await runImport('visitor', mode, fixture);
      expect(progress.counts).toEqual(EXPECTED[mode]);
      expect(progress).toMatchObject({ status: 'done', recorded: 11, nextLine: 13 });
      expect((await getImportProgress(db, id))!.counts).toEqual(EXPECTED[mode]);
      // The report: the rejected lines with their reasons, the history, and the mapping offered for the next visitors file.
      const rejected = await listImportRows(db, id, { results: REJECTED_RESULTS, limit: 100 });
      const skippedLines = { create: [4, 5, 6], upsert: [], update: [2, 11] }[mode];
      expect(rejected.map((r) => r.line)).toEqual([3, 7, 8, 9, 10, 12, ...skippedLines].sort((a, b) => a - b));
      expect(rejected.find((r) => r.line === 8)).toMatchObject({
        result: 'invalid',
        reason: 'Not a valid phone number.',
        input: { name: 'Bad Phone', phone: '12345', email: '', city: '', company_name: '' },
      });
      expect((await listContactImports(db, 1))[0]).toMatchObject({
        id,
        fileName: 'test.csv',
        status: 'done',
        recorded: 11,
        counts: EXPECTED[mode],
      });
      expect((await lastImportMappings(db)).visitor).toEqual({
        fileName: 'test.csv',
        mapping: {
          'Full Name': 'name',
          'Mobile No': 'phone',
          'E-mail': 'email',
          City: 'city',
          Organisation: 'company_name',
          Remarks: 'ignore',
        },
      });

      const x1 = (await contactById(f.x1.id))!;
      const x2 = (await contactById(f.x2.id))!;
      if (mode === 'create') {
        expect(x1).toMatchObject({ name: 'Asha Existing', city: 'Pune' });
      } else {
        // A blank cell never erases: X1 keeps its email; X2 matched by email takes the file's phone.
        expect(x1).toMatchObject({
          name: 'Asha Updated',
          city: 'Nagpur',
          email: `asha-${f.t}@example.com`,
          phone: e164(f.d.d1),
        });
        expect(x2).toMatchObject({
          name: 'Ravi New Phone',
          phone: e164(f.d.d6),
          email: `ravi-${f.t}@example.com`,
          city: 'Delhi',
        });
      }
      // X3 was equal: not written at all (its pinned time stays).
      expect((await contactById(f.x3.id))!.updated_at).toEqual(f.pinned);
      // One phone, one visitor.
      expect(await livePhone(e164(f.d.d4))).toHaveLength(mode === 'update' ? 0 : 1);
      expect(await livePhone(e164(f.d.d1))).toHaveLength(1);

      expect(await revertImport(db, id, admin.id)).toEqual({
        deleted: EXPECTED[mode].created,
        softDeleted: 0,
        restored: EXPECTED[mode].updated,
      });
      expect(await revertSummary(db, id)).toEqual({
        deleted: EXPECTED[mode].created,
        softDeleted: 0,
        restored: EXPECTED[mode].updated,
      });
      expect(await allContacts()).toEqual(rowsBefore);
      expect(await checksum()).toBe(sumBefore);
      expect((await getImportProgress(db, id))!.status).toBe('reverted');
      const again = await revertImport(db, id, admin.id).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(DomainError);
      expect((again as DomainError).message).toBe('This import was already reverted.');
    });
  }
});

describe('chunks', () => {
  it('a re-sent chunk writes nothing twice; a chunk out of order is refused with the line to resume from', async () => {
    const f = await visitorFixture();
    const fixture = check('visitor', f.text);
    const id = ulid();
    const start = {
      id,
      type: 'visitor' as const,
      mode: 'upsert' as const,
      fileName: 'resend.csv',
      mapping: mappingOf(fixture.headers, fixture.columns),
      rowsTotal: 11,
    };
    await startImport(db, admin.id, start);
    // A retried start is the same batch.
    expect((await startImport(db, admin.id, start)).recorded).toBe(0);

    const first = await importChunk(db, id, fixture.all.slice(0, 4)); // lines 2–5
    expect(first).toMatchObject({
      recorded: 4,
      nextLine: 6,
      counts: countsOf({ created: 1, updated: 2, duplicate: 1 }),
    });
    const contactsAfterFirst = await allContacts();
    // The answer was lost; the browser sends lines 2–5 again, then an overlapping 4–7.
    expect(await importChunk(db, id, fixture.all.slice(0, 4))).toEqual(first);
    expect(await allContacts()).toEqual(contactsAfterFirst);
    const overlap = await importChunk(db, id, fixture.all.slice(2, 6)); // lines 4–7: 6 and 7 are new
    expect(overlap).toMatchObject({
      recorded: 6,
      nextLine: 8,
      counts: countsOf({ created: 1, updated: 2, unchanged: 1, invalid: 1, duplicate: 1 }),
    });

    const skipped = await importChunk(db, id, fixture.all.slice(8, 11)).catch((e: unknown) => e); // lines 10–12 before 8–9
    expect(skipped).toBeInstanceOf(DomainError);
    expect((skipped as DomainError).message).toBe('Lines up to 7 are saved; continue from line 8.');

    const rest = await importChunk(db, id, fixture.all.slice(6, 11));
    expect(rest.counts).toEqual(EXPECTED.upsert);
    const [recorded] = await rowsOf<{ n: number }>(
      db,
      sql`select count(*) as n from ${contactImportRows} where import_id = ${id}`,
    );
    expect(Number(recorded!.n)).toBe(11);
    await revertImport(db, id, admin.id);
  });

  it('an import resumed after a chunk failed inside its transaction ends with exactly the contacts of an uninterrupted one', async () => {
    const f = await visitorFixture();
    const fixture = check('visitor', f.text);
    const phones = Object.values(f.d).map(e164);
    const state = async () =>
      rowsOf<Record<string, unknown>>(
        db,
        sql`select name, phone, email, city, company_name, deleted_at from ${contacts} where type = 'visitor' and phone in (${sql.join(
          phones.map((p) => sql`${p}`),
          sql`, `,
        )}) order by phone, name`,
      );
    const lines = async (importId: string) =>
      rowsOf<Record<string, unknown>>(
        db,
        sql`select line, result, reason, input, \`before\` from ${contactImportRows} where import_id = ${importId} order by line`,
      );

    const before = await checksum();
    const whole = await runImport('visitor', 'upsert', fixture, 3);
    const wholeState = await state();
    const wholeLines = await lines(whole.id);
    await revertImport(db, whole.id, admin.id);
    expect(await checksum()).toBe(before);

    // The same file again: the second chunk's transaction fails after all its writes (a dropped connection before COMMIT).
    const id = ulid();
    await startImport(db, admin.id, {
      id,
      type: 'visitor',
      mode: 'upsert',
      fileName: 'resume.csv',
      mapping: mappingOf(fixture.headers, fixture.columns),
      rowsTotal: 11,
    });
    const failing = {
      transaction: (fn: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) =>
        db.transaction(async (tx) => {
          await fn(tx);
          throw new Error('connection dropped');
        }, config),
    } as unknown as Db;
    await importChunk(db, id, fixture.all.slice(0, 3)); // lines 2–4
    await expect(importChunk(failing, id, fixture.all.slice(3, 6))).rejects.toThrow('connection dropped');
    // Nothing of the failed chunk stayed; the server says where to resume.
    const progress = (await getImportProgress(db, id))!;
    expect(progress).toMatchObject({ recorded: 3, nextLine: 5 });
    for (let i = progress.nextLine - 2; i < fixture.all.length; i += 3)
      await importChunk(db, id, fixture.all.slice(i, i + 3));

    expect((await getImportProgress(db, id))!.counts).toEqual(EXPECTED.upsert);
    expect(await state()).toEqual(wholeState);
    expect(await lines(id)).toEqual(wholeLines);
    await revertImport(db, id, admin.id);
    expect(await checksum()).toBe(before);
  });

  it('rows match the contacts as they were before the import: a contact an earlier line changed is still the same contact', async () => {
    // X has phone p and email old. Line 2 (phone p, email new) updates X, replacing its email; line 3 (another phone,
    // email old) matched X in the dry run — and still does in the import, one line per chunk: the same contact as line 2.
    const [p, q] = [digits(), digits()];
    const t = tag();
    const x = await makeVisitor({ name: 'Xavier', phone: e164(p), email: `old-${t}@example.com` });
    const fixture = check(
      'visitor',
      csv([
        ['Name', 'Phone', 'Email'],
        ['Xavier', p, `new-${t}@example.com`],
        ['Xavier Two', q, `old-${t}@example.com`],
      ]),
    );
    const expected = countsOf({ updated: 1, skipped: 1 });
    expect(await dryRun('visitor', fixture.checker, 'upsert')).toEqual(expected);
    const { id, progress } = await runImport('visitor', 'upsert', fixture, 1);
    expect(progress.counts).toEqual(expected);
    const [line3] = await rowsOf<{ reason: string }>(
      db,
      sql`select reason from ${contactImportRows} where import_id = ${id} and line = 3`,
    );
    expect(line3!.reason).toBe('Matches the same contact as line 2.');
    expect(await contactById(x.id)).toMatchObject({ email: `new-${t}@example.com` });
    expect(await livePhone(e164(q))).toHaveLength(0);
    await revertImport(db, id, admin.id);
  });

  it('a duplicate the client does not claim still never makes a second visitor with a phone', async () => {
    // X (phone p, email e). Line 2 (phone q, email e) matches X by email and gives it phone q; line 3 repeats phone q
    // in the next chunk without saying so (a hand-made request): it is the same contact as line 2, not a new visitor.
    const [p, q] = [digits(), digits()];
    const t = tag();
    const x = await makeVisitor({ name: 'Xavier', phone: e164(p), email: `x-${t}@example.com` });
    const fixture = check(
      'visitor',
      csv([
        ['Name', 'Phone', 'Email'],
        ['Xavier', q, `x-${t}@example.com`],
        ['Somebody', q, ''],
      ]),
    );
    const id = ulid();
    await startImport(db, admin.id, {
      id,
      type: 'visitor',
      mode: 'upsert',
      fileName: 'unclaimed.csv',
      mapping: mappingOf(fixture.headers, fixture.columns),
      rowsTotal: 2,
    });
    await importChunk(db, id, [fixture.all[0]!]);
    const progress = await importChunk(db, id, [{ ...fixture.all[1]!, dupOf: null }]);
    expect(progress.counts).toEqual(countsOf({ updated: 1, skipped: 1 }));
    expect(await livePhone(e164(q))).toEqual([{ id: x.id, name: 'Xavier' }]);
    await revertImport(db, id, admin.id);
  });

  it('a duplicate the browser claims is proven by the server; a false claim is ignored', async () => {
    const [a, b] = [digits(), digits()];
    const text = csv([
      ['Name', 'Phone'],
      ['First', a],
      ['Second', b],
    ]);
    const fixture = check('visitor', text);
    const id = ulid();
    await startImport(db, admin.id, {
      id,
      type: 'visitor',
      mode: 'upsert',
      fileName: 'claims.csv',
      mapping: mappingOf(fixture.headers, fixture.columns),
      rowsTotal: 2,
    });
    const at = new Date('2026-02-03T04:05:06Z');
    await importChunk(db, id, [fixture.all[0]!], at);
    // Line 3 claims to repeat line 2, but their phones differ: it is imported.
    const progress = await importChunk(db, id, [{ ...fixture.all[1]!, dupOf: 2 }], at);
    expect(progress.counts).toEqual(countsOf({ created: 2 }));
    // The new contacts carry the import's time, in UTC.
    const [first] = await livePhone(e164(a));
    expect(await contactById(first!.id)).toMatchObject({ name: 'First', created_at: at, updated_at: at });
    await revertImport(db, id, admin.id);
  });
});

describe('the dry run and the import agree', () => {
  it('for random files (phones and emails from tiny pools: many duplicates and matches) in random chunk sizes, in every mode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            phone: fc.integer({ min: 0, max: 6 }),
            email: fc.integer({ min: 0, max: 4 }),
            name: fc.constantFrom('A', 'B', ''),
            spelling: fc.integer({ min: 0, max: 2 }),
          }),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        fc.array(fc.record({ phone: fc.integer({ min: 0, max: 6 }), email: fc.integer({ min: 0, max: 4 }) }), {
          maxLength: 4,
        }),
        fc.constantFrom('create', 'upsert', 'update'),
        fc.integer({ min: 1, max: 7 }),
        async (lines, existing, mode: ImportMode, size) => {
          // Pool phone 6 is not a phone; email 0 is blank and 4 is not an email.
          const pool = Array.from({ length: 6 }, digits);
          const t = tag();
          const email = (i: number) => (i === 0 ? '' : i === 4 ? 'not-an-email' : `p${i}-${t}@example.com`);
          const seen = new Set<string>();
          for (const e of existing) {
            // One live visitor per phone, as the app keeps it (the pool's sixth is no phone: skip).
            if (e.phone === 6 || seen.has(pool[e.phone]!)) continue;
            seen.add(pool[e.phone]!);
            await makeVisitor({
              name: 'A',
              phone: e164(pool[e.phone]!),
              email: e.email === 0 || e.email === 4 ? null : email(e.email),
            });
          }
          const spell = (d: string, k: number) =>
            [d, `0${d.slice(0, 5)} ${d.slice(5)}`, `+91-${d.slice(0, 5)}-${d.slice(5)}`][k]!;
          const fixture = check(
            'visitor',
            csv([
              ['Name', 'Phone', 'Email'],
              ...lines.map((l) => [
                l.name,
                l.phone === 6 ? '12345' : spell(pool[l.phone]!, l.spelling),
                email(l.email),
              ]),
            ]),
          );
          const expected = await dryRun('visitor', fixture.checker, mode);
          const { id, progress } = await runImport('visitor', mode, fixture, size);
          expect(progress.counts).toEqual(expected);
          const [twice] = await rowsOf<{ n: number }>(
            db,
            sql`select count(*) as n from (select phone from ${contacts} where type = 'visitor' and deleted_at is null and phone in (${sql.join(
              pool.map((p) => sql`${e164(p)}`),
              sql`, `,
            )}) group by phone having count(*) > 1) d`,
          );
          expect(Number(twice!.n)).toBe(0);
          await revertImport(db, id, admin.id);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the dry run and the import agree for companies', () => {
  it('for random files (names, phones, emails and GSTINs from tiny pools) in random chunk sizes, in every mode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.integer({ min: 0, max: 3 }),
            phone: fc.integer({ min: 0, max: 3 }),
            email: fc.integer({ min: 0, max: 2 }),
            gstin: fc.integer({ min: 0, max: 3 }),
            city: fc.constantFrom('', 'Surat'),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        fc.array(
          fc.record({
            name: fc.integer({ min: 1, max: 3 }),
            phone: fc.integer({ min: 0, max: 3 }),
            email: fc.integer({ min: 0, max: 2 }),
            gstin: fc.integer({ min: 0, max: 3 }),
          }),
          {
            maxLength: 4,
          },
        ),
        fc.constantFrom('create', 'upsert', 'update'),
        fc.integer({ min: 1, max: 6 }),
        async (lines, existing, mode: ImportMode, size) => {
          // Pool value 0 is blank (a blank name is invalid); GSTIN 3 fails its check character.
          const t = tag();
          const names = ['', `Lotus ${t}`, `Kaveri ${t}`, `Sharma ${t}`];
          const phones = ['', digits(), digits(), digits()];
          const emails = ['', `a-${t}@example.com`, `b-${t}@example.com`];
          const good = [gstin(), gstin()];
          const gst = (i: number) =>
            i === 0 ? '' : i === 3 ? `${good[0]!.slice(0, 14)}${good[0]![14] === '0' ? '1' : '0'}` : good[i - 1]!;
          for (const e of existing) {
            await makeExhibitor({
              name: names[e.name]!,
              phone: e.phone ? e164(phones[e.phone]!) : null,
              email: emails[e.email] || null,
              gstin: e.gstin === 1 || e.gstin === 2 ? gst(e.gstin) : null,
              city: null,
            });
          }
          const fixture = check(
            'exhibitor',
            csv([
              ['Company', 'Phone', 'Email', 'GSTIN', 'City'],
              ...lines.map((l) => [names[l.name]!, phones[l.phone]!, emails[l.email]!, gst(l.gstin), l.city]),
            ]),
          );
          const expected = await dryRun('exhibitor', fixture.checker, mode);
          const { id, progress } = await runImport('exhibitor', mode, fixture, size);
          expect(progress.counts).toEqual(expected);
          await revertImport(db, id, admin.id);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('revert', () => {
  it('a created visitor that got a follow-up is soft-deleted, the others deleted', async () => {
    const [a, b] = [digits(), digits()];
    const fixture = check(
      'visitor',
      csv([
        ['Name', 'Phone'],
        ['Lead Later', a],
        ['No Lead', b],
      ]),
    );
    const { id } = await runImport('visitor', 'create', fixture);
    const [withLead] = await livePhone(e164(a));
    const [withoutLead] = await livePhone(e164(b));
    const employee = await makeUser();
    const company = await makeExhibitor();
    await makeFollowUp({
      employeeId: employee.id,
      exhibitorId: company.id,
      phone: e164(a),
      over: { visitor_id: withLead!.id },
    });

    expect(await revertImport(db, id, admin.id, new Date('2026-03-01T12:00:00Z'))).toEqual({
      deleted: 1,
      softDeleted: 1,
      restored: 0,
    });
    expect((await contactById(withLead!.id))!.deleted_at).toEqual(new Date('2026-03-01T12:00:00Z'));
    expect(await contactById(withoutLead!.id)).toBeUndefined();
    expect(await revertSummary(db, id)).toEqual({ deleted: 1, softDeleted: 1, restored: 0 });
  });
});

describe('companies', () => {
  /*
   * Existing: company E "Sharma Textiles" GSTIN g1, phone +91 p1.
   * CSV (header "Company, Contact Person, Mobile, GST No, City"):
   *   line 2  Sharma Textiles Pvt   Anil   p2   g1           → matches E by GSTIN; differs
   *   line 3  Bad Gst Co            —      p3   27ABCDE1234F1Z0 (check char wrong) → invalid
   *   line 4  Lotus Fabrics         Rina   p4   g2  Surat     → new
   *   line 5  Lotus Fab (again)     —      p5   g2           → duplicate of line 4 (GSTIN)
   *   line 6  Kaveri Silks          —      p4   —            → new: shares line 4's phone but not its name (a switchboard)
   *   line 7  kaveri  silks         —      p4   —            → duplicate of line 6 (name and phone)
   *   line 8  (no name)             —      p6   —            → invalid
   * create and update: created 2, updated 1, invalid 2, duplicate 2.
   */
  it('GSTIN checks, duplicates by GSTIN and by name and phone, a match by GSTIN', async () => {
    const [g1, g2] = [gstin(), gstin()];
    const [p1, p2, p3, p4, p5, p6] = Array.from({ length: 6 }, digits) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const e = await makeExhibitor({ name: 'Sharma Textiles', phone: e164(p1), gstin: g1, city: 'Surat' });
    const badGstin = `27ABCDE1234F1Z${gstinCheckChar('27ABCDE1234F1Z') === '0' ? '1' : '0'}`;
    const fixture = check(
      'exhibitor',
      csv([
        ['Company', 'Contact Person', 'Mobile', 'GST No', 'City'],
        ['Sharma Textiles Pvt', 'Anil', p2, g1.toLowerCase(), ''],
        ['Bad Gst Co', '', p3, badGstin, ''],
        ['Lotus Fabrics', 'Rina', p4, g2, 'Surat'],
        ['Lotus Fab', '', p5, g2, ''],
        ['Kaveri Silks', '', p4, '', ''],
        ['kaveri  silks', '', p4, '', ''],
        ['', '', p6, '', ''],
      ]),
    );
    expect(fixture.columns).toEqual(['name', 'contact_person', 'phone', 'gstin', 'city']);
    expect([...fixture.checker.reasons.entries()].map(([i, r]) => [i + 2, r])).toEqual([
      [3, 'Not a valid GSTIN (15 characters; the last one is a check character).'],
      [5, 'Same GSTIN as line 4.'],
      [7, 'Same name and phone as line 6.'],
      [8, 'Company name is required.'],
    ]);
    const expected = countsOf({ created: 2, updated: 1, invalid: 2, duplicate: 2 });
    expect(await dryRun('exhibitor', fixture.checker, 'upsert')).toEqual(expected);
    const sumBefore = await checksum();
    const { id, progress } = await runImport('exhibitor', 'upsert', fixture, 3);
    expect(progress.counts).toEqual(expected);
    expect(await contactById(e.id)).toMatchObject({
      name: 'Sharma Textiles Pvt',
      contact_person: 'Anil',
      phone: e164(p2),
      gstin: g1,
      city: 'Surat',
    });
    await revertImport(db, id, admin.id);
    expect(await checksum()).toBe(sumBefore);
  });
});

/**
 * A database whose transactions wait at their first insert into contacts until `parties` of them
 * got there (or a second passed): two chunks read "no such phone" before either writes. Only the
 * first attempt waits; a retried transaction goes straight through.
 */
function meetBeforeInsert(parties: number): Db {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const meet = () => {
    if (++arrived >= parties) open();
    return Promise.race([gate, new Promise((resolve) => setTimeout(resolve, 1000))]);
  };
  return {
    transaction: (fn: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
      let waited = arrived >= parties;
      return db.transaction(
        (tx) =>
          fn(
            new Proxy(tx, {
              get(target, prop) {
                const value = Reflect.get(target, prop, target) as unknown;
                if (prop !== 'insert') return typeof value === 'function' ? value.bind(target) : value;
                return (table: typeof contacts) => {
                  const builder = target.insert(table);
                  if (table !== contacts || waited) return builder;
                  waited = true;
                  return {
                    values: (rows: never) => ({
                      then: (ok: never, fail: never) =>
                        meet()
                          .then(() => builder.values(rows))
                          .then(ok, fail),
                    }),
                  };
                };
              },
            }),
          ),
        config,
      );
    },
  } as unknown as Db;
}

describe('concurrency', () => {
  it('two imports of the same new phones at once leave one live visitor per phone', async () => {
    const phones = Array.from({ length: 40 }, digits);
    const fixture = check('visitor', csv([['Name', 'Phone'], ...phones.map((p, i) => [`Twin ${i}`, p])]));
    const ids = [ulid(), ulid()];
    for (const id of ids)
      await startImport(db, admin.id, {
        id,
        type: 'visitor',
        mode: 'upsert',
        fileName: 'twin.csv',
        mapping: mappingOf(fixture.headers, fixture.columns),
        rowsTotal: 40,
      });
    const racing = meetBeforeInsert(2);
    const [a, b] = await Promise.all(ids.map((id) => importChunk(racing, id, fixture.all)));
    // One of them created the 40; the other, run again after the server chose between them, found them (equal: unchanged).
    expect([a!.counts.created, b!.counts.created].sort()).toEqual([0, 40]);
    expect(a!.counts.created + a!.counts.unchanged).toBe(40);
    expect(b!.counts.created + b!.counts.unchanged).toBe(40);
    const [live] = await rowsOf<{ n: number }>(
      db,
      sql`select count(*) as n from ${contacts} where type = 'visitor' and deleted_at is null and phone in (${sql.join(
        phones.map((p) => sql`${e164(p)}`),
        sql`, `,
      )})`,
    );
    expect(Number(live!.n)).toBe(40);
  });
});
