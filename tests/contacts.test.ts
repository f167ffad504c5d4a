/**
 * Contacts: the lists' search, filters, sort and paging
 * (db/queries/contacts.ts) and the add / edit / delete / restore flows
 * (db/services/contacts.ts) on the real database, with hand-made rows. Test
 * files share one database, so every name, city and email carries this run's
 * tag and every list read here is narrowed by it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import {
  getContact,
  getContactReferences,
  iterateContacts,
  listContacts,
  type ContactListParams,
} from '@/db/queries/contacts';
import { bookings, contacts, conversations, followUps } from '@/db/schema';
import {
  assertVisitorPhoneFree,
  createContact,
  PhoneTakenError,
  restoreContact,
  softDeleteContact,
  updateContact,
} from '@/db/services/contacts';
import { companyFieldsSchema, visitorFieldsSchema, type CompanyFields, type VisitorFields } from '@/lib/contact-fields';
import { DomainError } from '@/lib/errors';
import { gstinCheckChar } from '@/lib/gstin';
import { ulid } from '@/lib/ulid';

import {
  errorOf,
  makeBooking,
  makeCampaign,
  makeConversation,
  makeExhibitor,
  makeFollowUp,
  makeUser,
  makeVisitor,
  tag,
  uniquePhone,
} from './helpers/factories';

const key = () => ulid();
/** `+919012345678` spelled the way people type it: `090123 45678`. */
const spelledNationally = (e164: string) => `0${e164.slice(3, 8)} ${e164.slice(8)}`;
const visitor = (input: Record<string, string>): VisitorFields => visitorFieldsSchema.parse(input);
const company = (input: Record<string, string>): CompanyFields => companyFieldsSchema.parse(input);
const byName = async (name: string) =>
  db.select({ id: contacts.id, deleted_at: contacts.deleted_at }).from(contacts).where(eq(contacts.name, name));
const liveWithPhone = async (phone: string) =>
  (
    await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(sql`${contacts.type} = 'visitor' and ${contacts.deleted_at} is null and ${contacts.phone} = ${phone}`)
  ).map((r) => r.id);

let userId: string;
beforeAll(async () => {
  userId = (await makeUser({ role: 'admin' })).id;
});

describe('createContact and updateContact: checked fields', () => {
  it('stores a company with its fields normalised', async () => {
    const t = tag();
    const gstin = `27AAPFU0939F1Z${gstinCheckChar('27AAPFU0939F1Z')}`;
    const fields = company({
      name: ` Acme ${t} `,
      contact_person: 'Meera',
      phone: '+91-98200-12345',
      email: `Sales.${t}@ACME.test`,
      city: 'Pune',
      address: '',
      gstin: gstin.toLowerCase(),
      notes: '',
    });
    const { id, replayed } = await createContact(db, { type: 'exhibitor', fields, userId, idempotencyKey: key() });
    expect(replayed).toBe(false);
    const row = await getContact(db, id);
    expect(row).toMatchObject({
      type: 'exhibitor',
      name: `Acme ${t}`,
      contact_person: 'Meera',
      phone: '+919820012345',
      email: `sales.${t}@acme.test`,
      city: 'Pune',
      address: null,
      gstin,
      notes: null,
      deleted_at: null,
    });
  });

  it('refuses bad fields with the field named, and stores nothing', async () => {
    const t = tag();
    const cases: ['exhibitor' | 'visitor', Record<string, unknown>, string][] = [
      ['exhibitor', { name: `Bad GSTIN ${t}`, gstin: '27AAPFU0939F1ZZ' }, 'gstin'],
      ['exhibitor', { name: '   ' }, 'name'],
      ['visitor', { name: `No phone ${t}` }, 'phone'],
      ['visitor', { name: `Bad phone ${t}`, phone: '12345' }, 'phone'],
      ['visitor', { name: `Bad email ${t}`, phone: uniquePhone(), email: 'not an email' }, 'email'],
    ];
    for (const [type, fields, field] of cases) {
      const error = await errorOf(createContact(db, { type, fields: fields as never, userId, idempotencyKey: key() }));
      expect(error, JSON.stringify(fields)).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe(field);
      expect((error as DomainError).code).toBe('INVALID');
    }
    const stored = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(sql`${contacts.name} like ${`%${t}`}`);
    expect(stored).toEqual([]);
  });

  it('an edit with a bad field changes nothing; a good one changes only the fields of the type', async () => {
    const t = tag();
    const phone = uniquePhone();
    const { id } = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Kiran ${t}`, phone, city: 'Surat' }),
      userId,
      idempotencyKey: key(),
    });
    const error = await errorOf(
      updateContact(db, {
        id,
        fields: { name: `Kiran ${t}`, phone: '98', email: null, city: 'Goa', company_name: null } as VisitorFields,
        userId,
      }),
    );
    expect((error as DomainError).field).toBe('phone');
    expect(await getContact(db, id)).toMatchObject({ name: `Kiran ${t}`, phone, city: 'Surat' });

    await updateContact(db, {
      id,
      fields: visitor({
        name: `Kiran R ${t}`,
        phone: spelledNationally(phone),
        email: `K.${t}@X.test`,
        city: '',
        company_name: 'Kiran Silks',
      }),
      userId,
    });
    expect(await getContact(db, id)).toMatchObject({
      name: `Kiran R ${t}`,
      phone,
      email: `k.${t}@x.test`,
      city: null,
      company_name: 'Kiran Silks',
      gstin: null,
      contact_person: null,
    });
  });

  it('an unknown contact is NOT_FOUND', async () => {
    const error = await errorOf(
      updateContact(db, { id: ulid(), fields: visitor({ name: 'Nobody', phone: uniquePhone() }), userId }),
    );
    expect((error as DomainError).code).toBe('NOT_FOUND');
  });
});

describe('one phone, one visitor (DESIGN.md invariant 13)', () => {
  it('refuses a second live visitor with the phone in another spelling, naming the first; stores nothing', async () => {
    const t = tag();
    const phone = uniquePhone();
    const first = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Asha ${t}`, phone }),
      userId,
      idempotencyKey: key(),
    });
    const error = await errorOf(
      createContact(db, {
        type: 'visitor',
        fields: visitor({ name: `Asha Again ${t}`, phone: spelledNationally(phone) }),
        userId,
        idempotencyKey: key(),
      }),
    );
    expect(error).toBeInstanceOf(PhoneTakenError);
    expect((error as PhoneTakenError).holder).toEqual({ id: first.id, name: `Asha ${t}` });
    expect((error as PhoneTakenError).field).toBe('phone');
    expect((error as PhoneTakenError).message).toContain(`Asha ${t}`);
    expect(await byName(`Asha Again ${t}`)).toEqual([]);
    expect(await liveWithPhone(phone)).toEqual([first.id]);
  });

  it('refuses an edit to a phone another live visitor has, and keeps the old phone', async () => {
    const t = tag();
    const [p1, p2] = [uniquePhone(), uniquePhone()];
    const a = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Bela ${t}`, phone: p1 }),
      userId,
      idempotencyKey: key(),
    });
    const b = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Chetan ${t}`, phone: p2 }),
      userId,
      idempotencyKey: key(),
    });
    const error = await errorOf(
      updateContact(db, { id: b.id, fields: visitor({ name: `Chetan ${t}`, phone: p1 }), userId }),
    );
    expect((error as PhoneTakenError).holder.id).toBe(a.id);
    expect((await getContact(db, b.id))!.phone).toBe(p2);
  });

  it('a deleted visitor frees the phone; restoring it while another has the phone is refused', async () => {
    const t = tag();
    const phone = uniquePhone();
    const old = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Deepa ${t}`, phone }),
      userId,
      idempotencyKey: key(),
    });
    await softDeleteContact(db, old.id, userId);
    const fresh = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Deepa New ${t}`, phone }),
      userId,
      idempotencyKey: key(),
    });
    const error = await errorOf(restoreContact(db, old.id, userId));
    expect(error).toBeInstanceOf(PhoneTakenError);
    expect((error as PhoneTakenError).holder).toEqual({ id: fresh.id, name: `Deepa New ${t}` });
    expect((await getContact(db, old.id))!.deleted_at).not.toBeNull();
    expect(await liveWithPhone(phone)).toEqual([fresh.id]);
    // Once the newer one is deleted, the old one comes back.
    await softDeleteContact(db, fresh.id, userId);
    await restoreContact(db, old.id, userId);
    expect(await liveWithPhone(phone)).toEqual([old.id]);
  });

  it('a create waits for an uncommitted visitor with the phone, then is refused when it commits', async () => {
    const t = tag();
    const phone = uniquePhone();
    const firstId = ulid();
    let inserted!: () => void;
    let commit!: () => void;
    const insertedNow = new Promise<void>((r) => (inserted = r));
    const commitNow = new Promise<void>((r) => (commit = r));
    const first = db.transaction(async (tx) => {
      await tx.insert(contacts).values({ id: firstId, type: 'visitor', name: `Esha ${t}`, phone });
      await assertVisitorPhoneFree(tx, { id: firstId, phone });
      inserted();
      await commitNow;
    });
    await insertedNow;
    let settled = false;
    const second = createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Esha Too ${t}`, phone }),
      userId,
      idempotencyKey: key(),
    }).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 400));
    // The second one's locking read is waiting on the first one's row.
    expect(settled).toBe(false);
    commit();
    await first;
    const error = await errorOf(second);
    expect((error as PhoneTakenError).holder).toEqual({ id: firstId, name: `Esha ${t}` });
    expect(await liveWithPhone(phone)).toEqual([firstId]);
  });

  it('of two concurrent creates of one phone exactly one is stored', async () => {
    for (let round = 0; round < 5; round++) {
      const t = tag();
      const phone = uniquePhone();
      const results = await Promise.allSettled([
        createContact(db, {
          type: 'visitor',
          fields: visitor({ name: `Farah ${t}`, phone }),
          userId,
          idempotencyKey: key(),
        }),
        createContact(db, {
          type: 'visitor',
          fields: visitor({ name: `Farah Twin ${t}`, phone: spelledNationally(phone) }),
          userId,
          idempotencyKey: key(),
        }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toBeInstanceOf(PhoneTakenError);
      expect(await liveWithPhone(phone)).toEqual([(ok[0] as PromiseFulfilledResult<{ id: string }>).value.id]);
    }
  });

  it('two companies may share a phone, and a company may have a visitor’s phone', async () => {
    const t = tag();
    const phone = uniquePhone();
    const a = await createContact(db, {
      type: 'exhibitor',
      fields: company({ name: `Gala ${t}`, phone }),
      userId,
      idempotencyKey: key(),
    });
    const b = await createContact(db, {
      type: 'exhibitor',
      fields: company({ name: `Gala Branch ${t}`, phone: spelledNationally(phone) }),
      userId,
      idempotencyKey: key(),
    });
    const v = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Gala Owner ${t}`, phone }),
      userId,
      idempotencyKey: key(),
    });
    expect(new Set([a.id, b.id, v.id]).size).toBe(3);
    const phones = await db
      .select({ phone: contacts.phone })
      .from(contacts)
      .where(inArray(contacts.id, [a.id, b.id, v.id]));
    expect(phones.map((p) => p.phone)).toEqual([phone, phone, phone]);
  });
});

describe('idempotent create (invariant 6)', () => {
  it('a retried submit returns the first contact and writes nothing new', async () => {
    const t = tag();
    const k = key();
    const first = await createContact(db, {
      type: 'exhibitor',
      fields: company({ name: `Hira ${t}` }),
      userId,
      idempotencyKey: k,
    });
    const again = await createContact(db, {
      type: 'exhibitor',
      fields: company({ name: `Hira ${t}` }),
      userId,
      idempotencyKey: k,
    });
    expect(again).toEqual({ id: first.id, replayed: true });
    expect((await byName(`Hira ${t}`)).map((r) => r.id)).toEqual([first.id]);
    // A visitor's retry is not refused as a duplicate of itself.
    const vk = key();
    const v1 = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Isha ${t}`, phone: uniquePhone() }),
      userId,
      idempotencyKey: vk,
    });
    const v2 = await createContact(db, {
      type: 'visitor',
      fields: visitor({ name: `Isha ${t}`, phone: uniquePhone() }),
      userId,
      idempotencyKey: vk,
    });
    expect(v2).toEqual({ id: v1.id, replayed: true });
    expect(await byName(`Isha ${t}`)).toHaveLength(1);
  });
});

describe('soft delete keeps what points at the contact (invariant 9)', () => {
  /*
   * Company X and visitor V:
   *   F1 lead of V with X (visitor_id V) + its talk T1 (visitor_id V), and a second talk T2 of V with X
   *   F2 lead of an unknown phone with X + its talk T3
   *   B1 booking of V with X, B2 a cancelled booking with X (no visitor)
   *   R1 recipient = V, R2 recipient = X
   * X: leads 2 (F1, F2), talks 3 (T1, T2, T3), bookings 2 (B1, B2), recipients 1 (R2)
   * V: leads 1 (F1), talks 2 (T1, T2), bookings 1 (B1), recipients 1 (R1)
   */
  let X: string;
  let V: string;
  let ids: { followUps: number[]; conversations: string[]; bookings: string[] };
  beforeAll(async () => {
    const employee = await makeUser();
    const phone = uniquePhone();
    const x = await makeExhibitor();
    const v = await makeVisitor({ phone });
    X = x.id;
    V = v.id;
    const f1 = await makeFollowUp({
      employeeId: employee.id,
      exhibitorId: X,
      phone,
      over: { visitor_id: V },
      talk: { visitor_id: V },
    });
    const t2 = await makeConversation({
      employeeId: employee.id,
      exhibitorId: X,
      over: { visitor_id: V, follow_up_id: f1.followUpId },
    });
    const f2 = await makeFollowUp({ employeeId: employee.id, exhibitorId: X });
    const b1 = await makeBooking({ employeeId: employee.id, over: { exhibitor_id: X, visitor_id: V, phone } });
    const b2 = await makeBooking({
      employeeId: employee.id,
      over: { exhibitor_id: X, cancelled_at: new Date('2026-01-01T00:00:00Z') },
    });
    await makeCampaign(
      {},
      {
        recipients: [
          { contact_id: V, phone },
          { contact_id: X, phone: uniquePhone() },
        ],
      },
    );
    ids = {
      followUps: [f1.followUpId, f2.followUpId],
      conversations: [f1.conversationId, t2, f2.conversationId],
      bookings: [b1, b2],
    };
  });

  it('counts the references by type', async () => {
    expect(await getContactReferences(db, X)).toEqual({ leads: 2, talks: 3, bookings: 2, recipients: 1 });
    expect(await getContactReferences(db, V)).toEqual({ leads: 1, talks: 2, bookings: 1, recipients: 1 });
    expect(await getContactReferences(db, ulid())).toEqual({ leads: 0, talks: 0, bookings: 0, recipients: 0 });
  });

  it('deleting says what still points at it, and keeps all of it; restore brings it back', async () => {
    const gone = await softDeleteContact(db, X, userId);
    expect(gone.references).toEqual({ leads: 2, talks: 3, bookings: 2, recipients: 1 });
    await softDeleteContact(db, V, userId);
    const [x, v] = [await getContact(db, X), await getContact(db, V)];
    expect(x!.deleted_at).not.toBeNull();
    expect(v!.deleted_at).not.toBeNull();
    // Deleting again changes nothing (the first deletion time stays).
    await softDeleteContact(db, X, userId);
    expect((await getContact(db, X))!.deleted_at).toEqual(x!.deleted_at);

    const kept = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(followUps)
      .where(and(inArray(followUps.id, ids.followUps), eq(followUps.exhibitor_id, X)));
    expect(kept[0]!.n).toBe(2);
    const talks = await db
      .select({ id: conversations.id, visitor_id: conversations.visitor_id })
      .from(conversations)
      .where(inArray(conversations.id, ids.conversations));
    expect(talks).toHaveLength(3);
    const sold = await db
      .select({ id: bookings.id, exhibitor_id: bookings.exhibitor_id })
      .from(bookings)
      .where(inArray(bookings.id, ids.bookings));
    expect(sold.map((b) => b.exhibitor_id)).toEqual([X, X]);
    expect(await getContactReferences(db, X)).toEqual({ leads: 2, talks: 3, bookings: 2, recipients: 1 });
    expect(await getContactReferences(db, V)).toEqual({ leads: 1, talks: 2, bookings: 1, recipients: 1 });

    await restoreContact(db, X, userId);
    await restoreContact(db, V, userId);
    expect((await getContact(db, X))!.deleted_at).toBeNull();
    expect((await getContact(db, V))!.deleted_at).toBeNull();
  });

  it('a merged-away contact is neither edited nor restored', async () => {
    const survivor = await makeVisitor();
    const merged = await makeVisitor({ deleted_at: new Date('2026-01-02T00:00:00Z'), merged_into_id: survivor.id });
    expect(((await errorOf(restoreContact(db, merged.id, userId))) as DomainError).code).toBe('CONFLICT');
    expect(
      (
        (await errorOf(
          updateContact(db, { id: merged.id, fields: visitor({ name: 'X', phone: uniquePhone() }), userId }),
        )) as DomainError
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('listContacts: search, filters, sort, paging', () => {
  /*
   * Visitors in city C (this run's own), ids in this creation order:
   *   V1 "Anand <t>"   +919876543210   anand.<t>@example.in
   *   V2 "Anita <t>"   (unique)        anita.<t>@mail.test
   *   V3 "Bhavna <t>"  (unique)        no email
   *   V4 "Zubin <t>"   (unique)        deleted
   * and in city D: V5 "Anand <t> Junior" (so a name search finds it, a city filter does not).
   * Companies in city C: K1 "Kala <t> Textiles" (contact person Mohan), K2 "Mitra Looms <t>".
   */
  let t: string;
  let C: string;
  let D: string;
  const V: Record<string, string> = {};
  const K: Record<string, string> = {};
  const at = (i: number) => ulid(Date.UTC(2026, 0, 1) + i * 1000);
  beforeAll(async () => {
    t = tag();
    C = `Cityc${t}`;
    D = `Cityd${t}`;
    V.v1 = (
      await makeVisitor({
        id: at(1),
        name: `Anand ${t}`,
        phone: '+919876543210',
        email: `anand.${t}@example.in`,
        city: C,
      })
    ).id;
    V.v2 = (await makeVisitor({ id: at(2), name: `Anita ${t}`, email: `anita.${t}@mail.test`, city: C })).id;
    V.v3 = (await makeVisitor({ id: at(3), name: `Bhavna ${t}`, city: C })).id;
    V.v4 = (
      await makeVisitor({ id: at(4), name: `Zubin ${t}`, city: C, deleted_at: new Date('2026-02-01T00:00:00Z') })
    ).id;
    V.v5 = (await makeVisitor({ id: at(5), name: `Anand ${t} Junior`, city: D })).id;
    K.k1 = (await makeExhibitor({ id: at(6), name: `Kala ${t} Textiles`, contact_person: 'Mohan', city: C })).id;
    K.k2 = (await makeExhibitor({ id: at(7), name: `Mitra Looms ${t}`, city: C })).id;
  });

  const list = (over: Partial<ContactListParams>) =>
    listContacts(db, { type: 'visitor', state: 'live', sort: 'name', dir: 'asc', page: 1, pageSize: 25, ...over });
  const names = async (over: Partial<ContactListParams>) => (await list(over)).rows.map((r) => r.name);

  it('filters by city and state, sorted by name either way', async () => {
    expect(await names({ city: C })).toEqual([`Anand ${t}`, `Anita ${t}`, `Bhavna ${t}`]);
    expect(await names({ city: C, dir: 'desc' })).toEqual([`Bhavna ${t}`, `Anita ${t}`, `Anand ${t}`]);
    expect(await names({ city: C.toUpperCase(), state: 'deleted' })).toEqual([`Zubin ${t}`]);
    expect(await names({ city: C, type: 'exhibitor' })).toEqual([`Kala ${t} Textiles`, `Mitra Looms ${t}`]);
  });

  it('sorts by when the contact was added, and by city', async () => {
    expect(await names({ q: `Anand ${t}`, sort: 'created_at', dir: 'desc' })).toEqual([
      `Anand ${t} Junior`,
      `Anand ${t}`,
    ]);
    expect(await names({ q: `Anand ${t}`, sort: 'created_at', dir: 'asc' })).toEqual([
      `Anand ${t}`,
      `Anand ${t} Junior`,
    ]);
    expect(await names({ q: `Anand ${t}`, sort: 'city', dir: 'desc' })).toEqual([`Anand ${t} Junior`, `Anand ${t}`]);
  });

  it('searches a visitor’s name from its start, a company’s anywhere in it', async () => {
    expect(await names({ q: `Anand ${t}` })).toEqual([`Anand ${t}`, `Anand ${t} Junior`]);
    expect(await names({ q: `Anand ${t}`, city: C })).toEqual([`Anand ${t}`]);
    expect(await names({ q: `${t}`, city: C })).toEqual([]);
    expect(await names({ q: `${t} Text`, type: 'exhibitor' })).toEqual([`Kala ${t} Textiles`]);
  });

  it('searches the phone in any spelling, and by its first digits', async () => {
    expect(await names({ q: '098765 43210', city: C })).toEqual([`Anand ${t}`]);
    expect(await names({ q: '+91-98765-43210', city: C })).toEqual([`Anand ${t}`]);
    expect(await names({ q: '98765 432', city: C })).toEqual([`Anand ${t}`]);
    expect(await names({ q: '+9198765', city: C })).toEqual([`Anand ${t}`]);
  });

  it('searches the email (any case) and the city from their start', async () => {
    expect(await names({ q: `ANITA.${t}@` })).toEqual([`Anita ${t}`]);
    expect(await names({ q: `Cityc${t}` })).toEqual([`Anand ${t}`, `Anita ${t}`, `Bhavna ${t}`]);
    expect(await names({ q: `cityd${t}` })).toEqual([`Anand ${t} Junior`]);
  });

  it('treats LIKE wildcards in the search as text', async () => {
    expect(await names({ q: '%', city: C })).toEqual([]);
    expect(await names({ q: '_nand', city: C })).toEqual([]);
  });

  it('pages with the total of all matches', async () => {
    const first = await list({ q: C, pageSize: 2 });
    expect(first.total).toBe(3);
    expect(first.rows.map((r) => r.id)).toEqual([V.v1, V.v2]);
    const second = await list({ q: C, pageSize: 2, page: 2 });
    expect(second.total).toBe(3);
    expect(second.rows.map((r) => r.id)).toEqual([V.v3]);
    const beyond = await list({ q: C, pageSize: 2, page: 3 });
    expect(beyond).toEqual({ rows: [], total: 3 });
    expect((await list({ city: C, pageSize: 1, page: 3 })).total).toBe(3);
  });

  it('iterates every match in creation order, a batch at a time (the CSV export)', async () => {
    const batches: string[][] = [];
    for await (const rows of iterateContacts(db, { type: 'visitor', q: C, state: 'live' }, 2))
      batches.push(rows.map((r) => r.id));
    expect(batches).toEqual([[V.v1, V.v2], [V.v3]]);
    const all: string[] = [];
    for await (const rows of iterateContacts(db, { type: 'visitor', city: C, state: 'live' }, 3))
      all.push(...rows.map((r) => r.id));
    expect(all).toEqual([V.v1, V.v2, V.v3]);
  });

  it('a row carries the fields of its type', async () => {
    const [row] = (await list({ q: `Kala ${t}`, type: 'exhibitor' })).rows;
    expect(row).toMatchObject({
      id: K.k1,
      type: 'exhibitor',
      name: `Kala ${t} Textiles`,
      contact_person: 'Mohan',
      city: C,
      deleted_at: null,
      merged_into_id: null,
    });
    expect(row!.created_at).toBeInstanceOf(Date);
  });
});
