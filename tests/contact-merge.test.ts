/**
 * Merging duplicates (db/services/contact-merge.ts) on the real
 * database: every row is kept and moves, two open leads of one visitor and
 * company become one (invariant 11), the counters equal their recount, the
 * merged contact is soft-deleted and resolves to its survivor, the booth
 * finds one person, a replay writes nothing, refusals store nothing. The
 * duplicates page's query lists hand-made groups. Every number below is
 * worked out by hand from the fixture; every time is pinned.
 */
import { randomInt } from 'node:crypto';
import { and, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import { lookupVisitor } from '@/db/queries/booth';
import { listTimeline } from '@/db/queries/companies';
import {
  listDuplicateGroups,
  resolveMergedContact,
  type DuplicateBy,
  type DuplicateGroup,
} from '@/db/queries/duplicates';
import {
  bookings,
  campaignRecipients,
  contactMergeCompanies,
  contactMerges,
  contacts,
  conversations,
  exhibitorStallStats,
  exhibitorStats,
  followUps,
  idempotencyKeys,
} from '@/db/schema';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { mergeContacts, type MergeInput } from '@/db/services/contact-merge';
import { reconcileReadStats } from '@/db/services/read-stats';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';
import { MONEY_VIEWER } from '@/lib/viewer';

import {
  campaignTotals,
  errorOf,
  makeBooking,
  makeCampaign,
  makeConversation,
  makeExhibitor,
  makeLead,
  makeLocation,
  makeRecipients,
  makeUser,
  makeVisitor,
  tag,
  uniquePhone,
} from './helpers/factories';

const day = (iso: string) => new Date(iso);

/** An open or closed lead with its talks (in order), linked both ways, at pinned times. */
async function lead(o: {
  employeeId: string;
  exhibitorId: string;
  visitorId: string | null;
  phone: string;
  campaignId?: string | null;
  status?: 'busy' | 'interested' | 'materialised';
  created: string;
  next?: string | null;
  comment?: string | null;
  talks: { at: string; outcome?: 'busy' | 'interested' | 'materialised'; tableId?: number; notes?: string }[];
}) {
  const leadId = await makeLead({
    employeeId: o.employeeId,
    exhibitorId: o.exhibitorId,
    phone: o.phone,
    status: o.status ?? 'interested',
    over: {
      visitor_id: o.visitorId,
      campaign_id: o.campaignId ?? null,
      next_followup_date: o.next ?? null,
      comment: o.comment ?? null,
      created_at: day(o.created),
      updated_at: day(o.talks[o.talks.length - 1]!.at),
    },
  });
  const talkIds: string[] = [];
  for (const t of o.talks) {
    // A ULID of the talk's own time, as the booth makes (makeConversation's answer would be its own id, not this one).
    const id = ulid(day(t.at).getTime());
    talkIds.push(id);
    await makeConversation({
      employeeId: o.employeeId,
      exhibitorId: o.exhibitorId,
      over: {
        id,
        visitor_id: o.visitorId,
        visitor_phone: o.phone,
        campaign_id: o.campaignId ?? null,
        outcome: t.outcome ?? o.status ?? 'interested',
        table_id: t.tableId ?? null,
        notes: t.notes ?? null,
        conversation_date: day(t.at),
        follow_up_id: leadId,
      },
    });
  }
  await db
    .update(followUps)
    .set({ conversation_id: talkIds[talkIds.length - 1]! })
    .where(eq(followUps.id, leadId));
  return { id: leadId, talkIds };
}

const rows = async (
  table: typeof followUps | typeof conversations | typeof bookings,
  col: 'visitor_id' | 'exhibitor_id',
  id: string,
) => (await db.select({ n: count() }).from(table).where(eq(table[col], id)))[0]!.n;
const recipientsOf = async (id: string) =>
  (await db.select({ n: count() }).from(campaignRecipients).where(eq(campaignRecipients.contact_id, id)))[0]!.n;
const campaignCounters = (id: string) => campaignTotals(id);
const companyStats = async (id: string) => {
  const [r] = await db.select().from(exhibitorStats).where(eq(exhibitorStats.exhibitor_id, id));
  return r
    ? {
        leads: r.leads,
        talks: r.talks,
        bookings: r.bookings,
        collected: r.collected,
        booked: r.booked,
        last: r.last_conversation_at,
      }
    : null;
};
const stallStatsOf = async (exhibitorId: string, tableId: number) => {
  const [r] = await db
    .select({
      talks: exhibitorStallStats.talks,
      bookings: exhibitorStallStats.bookings,
      collected: exhibitorStallStats.collected,
    })
    .from(exhibitorStallStats)
    .where(and(eq(exhibitorStallStats.exhibitor_id, exhibitorId), eq(exhibitorStallStats.table_id, tableId)));
  return r ?? null;
};
const contact = async (id: string) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0]!;
/** No open lead shares a visitor and a company with another (invariant 11), among these visitors. */
const openLeadsPerVisitorAndCompany = async (visitorIds: string[]) =>
  db
    .select({ visitor_id: followUps.visitor_id, exhibitor_id: followUps.exhibitor_id, n: count() })
    .from(followUps)
    .where(and(inArray(followUps.visitor_id, visitorIds), isNotNull(followUps.open_lead_phone)))
    .groupBy(followUps.visitor_id, followUps.exhibitor_id)
    .having(sql`count(*) > 1`);
async function expectNoDrift() {
  expect(await reconcileCampaignCounters(db, { fix: false })).toEqual([]);
  expect(await reconcileReadStats(db, { fix: false })).toEqual([]);
}
/** Every group of the shared test database (small): the page is walked by its cursor. */
async function allGroups(by: DuplicateBy): Promise<DuplicateGroup[]> {
  const out: DuplicateGroup[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await listDuplicateGroups(db, { by, cursor, limit: 3 });
    out.push(...page.groups);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

let admin: Awaited<ReturnType<typeof makeUser>>;
let employee: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  admin = await makeUser({ role: 'admin', name: `Admin ${tag()}` });
  employee = await makeUser();
});

describe('merging two visitors', () => {
  it('moves every row, makes two open leads with one company one, keeps the counters and resolves the old contact', async () => {
    const t = tag();
    const [X, Y, Z] = [await makeExhibitor(), await makeExhibitor(), await makeExhibitor()];
    const C1 = await makeCampaign();
    const C2 = await makeCampaign();
    const { stallIds } = await makeLocation({ stalls: 1 });
    const [P1, P2] = [uniquePhone(), uniquePhone()];
    const email = `dup-${t}@test.invalid`;
    // Two visitors sharing an email (two phones): A is kept, B merged into it.
    const A = await makeVisitor({
      name: `Asha ${t}`,
      phone: P1,
      email,
      city: null,
      created_at: day('2026-01-01T00:00:00Z'),
    });
    const B = await makeVisitor({
      name: `Asha K ${t}`,
      phone: P2,
      email: email.toUpperCase(),
      city: 'Pune',
      company_name: 'Weaves',
      created_at: day('2026-01-02T00:00:00Z'),
    });

    // A: open lead with X (campaign C1), one talk. B: an OLDER open lead with X (campaign C2), two talks, the later one the latest of both.
    const LA = await lead({
      employeeId: employee.id,
      exhibitorId: X.id,
      visitorId: A.id,
      phone: P1,
      campaignId: C1.id,
      created: '2026-01-05T10:00:00Z',
      next: '2026-02-01',
      talks: [{ at: '2026-01-05T10:00:00Z', tableId: stallIds[0] }],
    });
    const LB = await lead({
      employeeId: employee.id,
      exhibitorId: X.id,
      visitorId: B.id,
      phone: P2,
      campaignId: C2.id,
      created: '2026-01-03T10:00:00Z',
      next: '2026-02-10',
      comment: 'call after Pongal',
      talks: [
        { at: '2026-01-03T10:00:00Z', outcome: 'busy' },
        { at: '2026-01-10T10:00:00Z', notes: 'call after Pongal' },
      ],
    });
    // B: a sale with Y (campaign C2), a manual note with Z; a talk at Z typed with B's phone but no visitor.
    const LY = await lead({
      employeeId: employee.id,
      exhibitorId: Y.id,
      visitorId: B.id,
      phone: P2,
      campaignId: C2.id,
      status: 'materialised',
      created: '2026-01-04T10:00:00Z',
      talks: [{ at: '2026-01-04T10:00:00Z' }],
    });
    await makeBooking({
      employeeId: employee.id,
      over: {
        exhibitor_id: Y.id,
        visitor_id: B.id,
        phone: P2,
        campaign_id: C2.id,
        conversation_id: LY.talkIds[0]!,
        price: '50000.00',
        amount_paid: '20000.00',
        amount_status: 'partial',
        table_id: stallIds[0],
        booking_date: '2027-01-12',
      },
    });
    await makeConversation({
      employeeId: employee.id,
      exhibitorId: Z.id,
      over: { visitor_id: B.id, visitor_phone: P2, kind: 'manual', conversation_date: day('2026-01-06T10:00:00Z') },
    });
    const orphanTalk = await makeConversation({
      employeeId: employee.id,
      exhibitorId: Z.id,
      over: { visitor_id: null, visitor_phone: P2, conversation_date: day('2026-01-07T10:00:00Z') },
    });
    await makeRecipients(C1.id, [{ contact_id: B.id, phone: P2, status: 'sent' }]);
    await makeRecipients(C2.id, [{ contact_id: A.id, phone: P1, status: 'sent' }]);
    // The fixture's raw inserts moved no campaign counters: start from the recount.
    await reconcileCampaignCounters(db, { fix: true });
    await expectNoDrift();

    // Before, by hand: A 1 lead, 1 talk; B 2 leads, 4 conversations (2 + 1 + manual), 1 booking; 1 recipient each.
    expect([await rows(followUps, 'visitor_id', A.id), await rows(followUps, 'visitor_id', B.id)]).toEqual([1, 2]);
    expect([await rows(conversations, 'visitor_id', A.id), await rows(conversations, 'visitor_id', B.id)]).toEqual([
      1, 4,
    ]);
    expect([await rows(bookings, 'visitor_id', A.id), await rows(bookings, 'visitor_id', B.id)]).toEqual([0, 1]);
    expect([await recipientsOf(A.id), await recipientsOf(B.id)]).toEqual([1, 1]);
    expect(await campaignCounters(C1.id)).toEqual({ leads: 1, bookings: 0, revenue: '0.00', booked: '0.00' });
    expect(await campaignCounters(C2.id)).toEqual({ leads: 2, bookings: 1, revenue: '20000.00', booked: '50000.00' });
    expect((await companyStats(X.id))!.leads).toBe(2);
    // The email group on the duplicates page: both, with their counts (case of the email aside).
    const group = (await allGroups('email')).find((g) => g.key.toLowerCase() === email);
    expect(group?.members.map((m) => [m.name, m.leads, m.talks, m.bookings])).toEqual([
      [A.name, 1, 1, 0],
      [B.name, 2, 3, 1],
    ]);

    const at = day('2026-01-20T09:00:00Z');
    const input: MergeInput = {
      idempotency_key: ulid(),
      type: 'visitor',
      survivor_id: A.id,
      merged_id: B.id,
      survivor_version: group!.members[0]!.version,
      merged_version: group!.members[1]!.version,
      at,
    };
    const result = await mergeContacts(db, admin.id, input);
    expect(result).toMatchObject({
      replayed: false,
      survivorId: A.id,
      mergedId: B.id,
      survivorName: A.name,
      mergedName: B.name,
    });
    // B's remaining 2 leads (LB kept, LY), 4 conversations, 1 booking, 1 recipient moved; LA folded; the orphan talk adopted.
    expect(result.moved).toEqual({
      follow_ups: 2,
      conversations: 4,
      bookings: 1,
      recipients: 1,
      leads_combined: 1,
      adopted_follow_ups: 0,
      adopted_conversations: 1,
      adopted_bookings: 0,
      adopted_recipients: 0,
    });

    // After, by hand: A has LB and LY (LA is gone: 3 leads became 2), all 6 conversations, the booking, both recipients.
    expect([await rows(followUps, 'visitor_id', A.id), await rows(followUps, 'visitor_id', B.id)]).toEqual([2, 0]);
    expect([await rows(conversations, 'visitor_id', A.id), await rows(conversations, 'visitor_id', B.id)]).toEqual([
      6, 0,
    ]);
    expect([await rows(bookings, 'visitor_id', A.id), await rows(bookings, 'visitor_id', B.id)]).toEqual([1, 0]);
    expect([await recipientsOf(A.id), await recipientsOf(B.id)]).toEqual([2, 0]);
    expect(await db.select().from(followUps).where(eq(followUps.id, LA.id))).toEqual([]);
    expect(
      (await db.select({ v: conversations.visitor_id }).from(conversations).where(eq(conversations.id, orphanTalk)))[0]!
        .v,
    ).toBe(A.id);

    // The kept lead is the older one (LB): all three talks with X, the latest talk's plan and notes, A's phone.
    const [kept] = await db.select().from(followUps).where(eq(followUps.id, LB.id));
    expect(kept).toMatchObject({
      visitor_id: A.id,
      phone: P1,
      open_lead_phone: P1,
      status: 'interested',
      next_followup_date: '2026-02-10',
      comment: 'call after Pongal',
      conversation_id: LB.talkIds[1],
      campaign_id: C2.id,
    });
    const keptTalks = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.follow_up_id, LB.id));
    expect(keptTalks.map((r) => r.id).sort()).toEqual([...LB.talkIds, ...LA.talkIds].sort());
    expect(await openLeadsPerVisitorAndCompany([A.id])).toEqual([]);

    // Counters: C1 lost LA's lead; C2 and the money did not move; X has one lead fewer, the same 3 talks.
    expect(await campaignCounters(C1.id)).toEqual({ leads: 0, bookings: 0, revenue: '0.00', booked: '0.00' });
    expect(await campaignCounters(C2.id)).toEqual({ leads: 2, bookings: 1, revenue: '20000.00', booked: '50000.00' });
    expect(await companyStats(X.id)).toMatchObject({ leads: 1, talks: 3 });
    await expectNoDrift();

    // The survivor kept its values and took the blanks; the other is soft-deleted and points at it.
    expect(await contact(A.id)).toMatchObject({
      name: A.name,
      phone: P1,
      email,
      city: 'Pune',
      company_name: 'Weaves',
      deleted_at: null,
    });
    expect(await contact(B.id)).toMatchObject({ deleted_at: at, merged_into_id: A.id });
    expect(await resolveMergedContact(db, B.id, 'visitor')).toBe(A.id);
    expect(await resolveMergedContact(db, A.id, 'visitor')).toBeNull();

    // Recorded once, shown on the three companies' timelines.
    const [merge] = await db.select().from(contactMerges).where(eq(contactMerges.id, result.mergeId));
    expect(merge).toMatchObject({
      type: 'visitor',
      survivor_id: A.id,
      merged_id: B.id,
      survivor_name: A.name,
      merged_name: B.name,
      merged_by: admin.id,
      created_at: at,
    });
    const shownAt = await db
      .select({ e: contactMergeCompanies.exhibitor_id })
      .from(contactMergeCompanies)
      .where(eq(contactMergeCompanies.merge_id, result.mergeId));
    expect(shownAt.map((r) => r.e).sort()).toEqual([X.id, Y.id, Z.id].sort());
    const timeline = await listTimeline(db, X.id, { filters: {}, limit: 10, withMerges: true }, MONEY_VIEWER);
    expect(timeline.merges?.map((m) => [m.merged_name, m.survivor_name, m.merged_by_name])).toEqual([
      [B.name, A.name, admin.name],
    ]);
    expect(timeline.rows).toHaveLength(3);

    // The booth: A's phone finds A and the one open lead with X; the email group is gone.
    const booth = await lookupVisitor(db, P1, X.id);
    expect(booth.visitor?.id).toBe(A.id);
    expect(booth.openLead?.id).toBe(LB.id);
    expect((await allGroups('email')).find((g) => g.key.toLowerCase() === email)).toBeUndefined();

    // A replay of the same submit returns the first result and writes nothing.
    const mergesBefore = (await db.select({ n: count() }).from(contactMerges))[0]!.n;
    const replay = await mergeContacts(db, admin.id, input);
    expect(replay).toMatchObject({ replayed: true, mergeId: result.mergeId, moved: result.moved });
    expect((await db.select({ n: count() }).from(contactMerges))[0]!.n).toBe(mergesBefore);
    expect(await rows(conversations, 'visitor_id', A.id)).toBe(6);

    // Merging B again (a new key) is refused: it is already merged.
    const again = await errorOf(mergeContacts(db, admin.id, { ...input, idempotency_key: ulid() }));
    expect(again).toBeInstanceOf(DomainError);
    expect((again as DomainError).code).toBe('CONFLICT');
  });

  it('two visitors with one phone: the booth finds one person for it afterwards, with the talks typed without a visitor', async () => {
    const t = tag();
    const X = await makeExhibitor();
    const Y = await makeExhibitor();
    const P = uniquePhone();
    const C = await makeVisitor({ name: `Chitra ${t}`, phone: P, created_at: day('2026-02-01T00:00:00Z') });
    const D = await makeVisitor({ name: `Chitra R ${t}`, phone: P, created_at: day('2026-02-02T00:00:00Z') });
    // A deleted third visitor with the same phone is not a duplicate; a phone with one live visitor is not a group.
    const E = await makeVisitor({ name: `Chitra old ${t}`, phone: P, deleted_at: day('2026-02-03T00:00:00Z') });
    const lone = uniquePhone();
    await makeVisitor({ phone: lone });
    await makeVisitor({ phone: lone, deleted_at: day('2026-02-03T00:00:00Z') });
    // C's open lead with X; D's sale with Y; a talk with X recorded while two visitors had the phone (no visitor).
    const LC = await lead({
      employeeId: employee.id,
      exhibitorId: X.id,
      visitorId: C.id,
      phone: P,
      created: '2026-02-05T10:00:00Z',
      talks: [{ at: '2026-02-05T10:00:00Z' }],
    });
    const LD = await lead({
      employeeId: employee.id,
      exhibitorId: Y.id,
      visitorId: D.id,
      phone: P,
      status: 'materialised',
      created: '2026-02-06T10:00:00Z',
      talks: [{ at: '2026-02-06T10:00:00Z' }],
    });
    await makeBooking({
      employeeId: employee.id,
      over: {
        exhibitor_id: Y.id,
        visitor_id: D.id,
        phone: P,
        conversation_id: LD.talkIds[0]!,
        booking_date: '2027-01-13',
        price: '30000.00',
        amount_paid: '30000.00',
        amount_status: 'paid',
      },
    });
    const orphanLead = await makeLead({
      employeeId: employee.id,
      exhibitorId: Y.id,
      phone: P,
      status: 'busy',
      over: { visitor_id: null, created_at: day('2026-02-07T10:00:00Z') },
    });
    await makeConversation({
      employeeId: employee.id,
      exhibitorId: X.id,
      over: { visitor_id: null, visitor_phone: P, follow_up_id: LC.id, conversation_date: day('2026-02-08T10:00:00Z') },
    });

    const groups = await allGroups('phone');
    const g = groups.find((x) => x.key === P);
    expect(g).toMatchObject({ key: P, size: 2 });
    expect(g!.members.map((m) => [m.id, m.leads, m.talks, m.bookings])).toEqual([
      [C.id, 1, 1, 0],
      [D.id, 1, 1, 1],
    ]);
    expect(g!.members.map((m) => m.id)).not.toContain(E.id);
    expect(groups.find((x) => x.key === lone)).toBeUndefined();
    // Before: two people with one phone, so the booth names nobody.
    expect((await lookupVisitor(db, P, X.id)).visitor).toBeNull();

    const r = await mergeContacts(db, admin.id, {
      idempotency_key: ulid(),
      type: 'visitor',
      survivor_id: C.id,
      merged_id: D.id,
      at: day('2026-02-10T00:00:00Z'),
    });
    // D's lead, talk and booking moved; the open lead and the talk without a visitor adopted (only C has the phone now).
    expect(r.moved).toMatchObject({
      follow_ups: 1,
      conversations: 1,
      bookings: 1,
      recipients: 0,
      leads_combined: 0,
      adopted_follow_ups: 1,
      adopted_conversations: 1,
    });
    const booth = await lookupVisitor(db, P, X.id);
    expect(booth.visitor?.id).toBe(C.id);
    expect(booth.openLead?.id).toBe(LC.id);
    expect((await lookupVisitor(db, P, Y.id)).openLead?.id).toBe(orphanLead);
    expect([
      await rows(followUps, 'visitor_id', C.id),
      await rows(conversations, 'visitor_id', C.id),
      await rows(bookings, 'visitor_id', C.id),
    ]).toEqual([3, 3, 1]);
    expect((await allGroups('phone')).find((x) => x.key === P)).toBeUndefined();
    await expectNoDrift();
  });

  it('finds each group once and whole when a page scans only a few keys: the window ends after a whole group', async () => {
    // A block of phones no other test uses (theirs start +919), walked from just before it.
    const B = `+918${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const key = (n: number) => `${B}000${n}`;
    const at = (n: number) => ({ created_at: day(`2026-03-0${n}T00:00:00Z`) });
    for (const n of [1, 2]) await makeVisitor({ phone: key(1), ...at(n) });
    for (const n of [1, 2, 3]) await makeVisitor({ phone: key(2), ...at(n) });
    await makeVisitor({ phone: key(3) });
    for (const n of [1, 2]) await makeVisitor({ phone: key(4), ...at(n) });
    await makeVisitor({ phone: key(4), deleted_at: day('2026-03-05T00:00:00Z') });
    await makeVisitor({ phone: key(5) });

    const walk = async (scan: number | undefined, limit: number) => {
      const found: [string, number, number][] = [];
      let partial = false;
      // The cursor is the last key seen, base64url: start just before the block.
      let cursor: string | null = Buffer.from(B, 'utf8').toString('base64url');
      for (let i = 0; i < 50 && cursor; i++) {
        const page = await listDuplicateGroups(db, { by: 'phone', cursor, limit, scan });
        expect(page.groups.length).toBeLessThanOrEqual(limit);
        partial ||= page.partial;
        const mine = page.groups.filter((g) => g.key.startsWith(B));
        found.push(...mine.map((g): [string, number, number] => [g.key, g.size, g.members.length]));
        if (page.groups.some((g) => !g.key.startsWith(B))) break;
        cursor = page.nextCursor;
        if (cursor && !Buffer.from(cursor, 'base64url').toString('utf8').startsWith(B)) break;
      }
      return { found, partial };
    };
    const expected = [
      [key(1), 2, 2],
      [key(2), 3, 3],
      [key(4), 2, 2],
    ];
    // Two or three keys a window: windows end inside groups, and the group of three spans one.
    expect(await walk(2, 20)).toEqual({ found: expected, partial: true });
    expect(await walk(3, 1)).toEqual({ found: expected, partial: true });
    expect((await walk(undefined, 20)).found).toEqual(expected);
  });

  it('refuses a merge with itself, across types, of a deleted contact, or from a stale form — and stores nothing', async () => {
    const t = tag();
    const V = await makeVisitor({ name: `Vidya ${t}` });
    const W = await makeVisitor({ name: `Vidya S ${t}` });
    const Co = await makeExhibitor();
    const gone = await makeVisitor({ deleted_at: day('2026-01-01T00:00:00Z') });
    const keys: string[] = [];
    const attempt = async (over: Partial<MergeInput>) => {
      const key = ulid();
      keys.push(key);
      const e = await errorOf(
        mergeContacts(db, admin.id, {
          idempotency_key: key,
          type: 'visitor',
          survivor_id: V.id,
          merged_id: W.id,
          ...over,
        }),
      );
      expect(e).toBeInstanceOf(DomainError);
      return (e as DomainError).code;
    };
    expect(await attempt({ merged_id: V.id })).toBe('INVALID');
    expect(await attempt({ merged_id: Co.id })).toBe('INVALID');
    expect(await attempt({ type: 'exhibitor' })).toBe('INVALID');
    expect(await attempt({ merged_id: gone.id })).toBe('CONFLICT');
    expect(await attempt({ survivor_version: 1 })).toBe('CONFLICT');
    expect(await attempt({ merged_id: ulid() })).toBe('NOT_FOUND');

    expect(await db.select().from(idempotencyKeys).where(inArray(idempotencyKeys.key, keys))).toEqual([]);
    expect(
      await db
        .select()
        .from(contactMerges)
        .where(inArray(contactMerges.survivor_id, [V.id, W.id])),
    ).toEqual([]);
    expect(await contact(W.id)).toMatchObject({ deleted_at: null, merged_into_id: null });
  });
});

describe('merging two companies', () => {
  it('moves leads, talks and bookings with their counters, makes one lead of one visitor, and sends old links to the survivor', async () => {
    const S = await makeExhibitor({ name: `Survivor Textiles ${tag()}` });
    const M = await makeExhibitor({ name: `Merged Textiles ${tag()}`, city: 'Surat', gstin: null });
    const C3 = await makeCampaign();
    const { stallIds } = await makeLocation({ stalls: 2 });
    const [T1, T2] = stallIds as [number, number];
    const Q1 = uniquePhone();
    const V1 = await makeVisitor({ phone: Q1 });
    const [Q2, Q3] = [uniquePhone(), uniquePhone()];

    // S: V1's open lead (C3), one talk at T1; a paid sale at T1 (no campaign).
    const S1 = await lead({
      employeeId: employee.id,
      exhibitorId: S.id,
      visitorId: V1.id,
      phone: Q1,
      campaignId: C3.id,
      created: '2026-03-05T10:00:00Z',
      talks: [{ at: '2026-03-05T10:00:00Z', tableId: T1 }],
    });
    const S2 = await lead({
      employeeId: employee.id,
      exhibitorId: S.id,
      visitorId: null,
      phone: Q3,
      status: 'materialised',
      created: '2026-03-06T10:00:00Z',
      talks: [{ at: '2026-03-06T10:00:00Z', tableId: T1 }],
    });
    await makeBooking({
      employeeId: employee.id,
      over: {
        exhibitor_id: S.id,
        phone: Q3,
        conversation_id: S2.talkIds[0]!,
        table_id: T1,
        booking_date: '2027-01-12',
        price: '60000.00',
        amount_paid: '60000.00',
        amount_status: 'paid',
      },
    });
    // M: V1's OLDER open lead (C3), two talks at T1, the later the latest of all; a partly paid sale at T2 (C3).
    const M1 = await lead({
      employeeId: employee.id,
      exhibitorId: M.id,
      visitorId: V1.id,
      phone: Q1,
      campaignId: C3.id,
      created: '2026-03-02T10:00:00Z',
      talks: [
        { at: '2026-03-02T10:00:00Z', tableId: T1 },
        { at: '2026-03-08T10:00:00Z', tableId: T1, outcome: 'busy' },
      ],
      status: 'busy',
    });
    const M2 = await lead({
      employeeId: employee.id,
      exhibitorId: M.id,
      visitorId: null,
      phone: Q2,
      campaignId: C3.id,
      status: 'materialised',
      created: '2026-03-04T10:00:00Z',
      talks: [{ at: '2026-03-04T10:00:00Z', tableId: T2 }],
    });
    await makeBooking({
      employeeId: employee.id,
      over: {
        exhibitor_id: M.id,
        phone: Q2,
        campaign_id: C3.id,
        conversation_id: M2.talkIds[0]!,
        table_id: T2,
        booking_date: '2027-01-13',
        price: '40000.00',
        amount_paid: '10000.00',
        amount_status: 'partial',
      },
    });
    await reconcileCampaignCounters(db, { fix: true });
    await expectNoDrift();

    // Before, by hand.
    expect(await companyStats(S.id)).toEqual({
      leads: 2,
      talks: 2,
      bookings: 1,
      collected: '60000.00',
      booked: '60000.00',
      last: day('2026-03-06T10:00:00Z'),
    });
    expect(await companyStats(M.id)).toEqual({
      leads: 2,
      talks: 3,
      bookings: 1,
      collected: '10000.00',
      booked: '40000.00',
      last: day('2026-03-08T10:00:00Z'),
    });
    expect(await campaignCounters(C3.id)).toEqual({ leads: 3, bookings: 1, revenue: '10000.00', booked: '40000.00' });

    const at = day('2026-03-06T12:00:00Z');
    const r = await mergeContacts(db, admin.id, {
      idempotency_key: ulid(),
      type: 'exhibitor',
      survivor_id: S.id,
      merged_id: M.id,
      at,
    });
    // M1 kept (older) and moved with M2; S1 folded into it; 3 talks and 1 booking moved.
    expect(r.moved).toMatchObject({ follow_ups: 2, conversations: 3, bookings: 1, recipients: 0, leads_combined: 1 });
    expect(await db.select().from(followUps).where(eq(followUps.id, S1.id))).toEqual([]);
    const [kept] = await db.select().from(followUps).where(eq(followUps.id, M1.id));
    expect(kept).toMatchObject({
      exhibitor_id: S.id,
      status: 'busy',
      conversation_id: M1.talkIds[1],
      campaign_id: C3.id,
    });
    expect(
      (await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.follow_up_id, M1.id)))
        .map((x) => x.id)
        .sort(),
    ).toEqual([...M1.talkIds, ...S1.talkIds].sort());
    expect(await openLeadsPerVisitorAndCompany([V1.id])).toEqual([]);

    // S = both before, less the folded lead: 2 + 2 − 1 leads, 2 + 3 talks, 1 + 1 bookings, 60,000 + 10,000 collected, 60,000 + 40,000 booked.
    expect(await companyStats(S.id)).toEqual({
      leads: 3,
      talks: 5,
      bookings: 2,
      collected: '70000.00',
      booked: '100000.00',
      last: day('2026-03-08T10:00:00Z'),
    });
    // M counts nothing any more: its counter rows went to S.
    expect(await companyStats(M.id)).toBeNull();
    expect(await stallStatsOf(M.id, T1)).toBeNull();
    expect(await stallStatsOf(S.id, T1)).toEqual({ talks: 4, bookings: 1, collected: '60000.00' });
    expect(await stallStatsOf(S.id, T2)).toEqual({ talks: 1, bookings: 1, collected: '10000.00' });
    expect([
      await rows(followUps, 'exhibitor_id', M.id),
      await rows(conversations, 'exhibitor_id', M.id),
      await rows(bookings, 'exhibitor_id', M.id),
    ]).toEqual([0, 0, 0]);
    // C3 had S1, M1, M2: S1 went.
    expect(await campaignCounters(C3.id)).toEqual({ leads: 2, bookings: 1, revenue: '10000.00', booked: '40000.00' });
    await expectNoDrift();

    // S had no city: it takes M's.
    expect(await contact(S.id)).toMatchObject({ name: S.name, city: 'Surat', deleted_at: null });
    expect(await contact(M.id)).toMatchObject({ deleted_at: at, merged_into_id: S.id });
    expect(await resolveMergedContact(db, M.id, 'exhibitor')).toBe(S.id);

    // The timeline: the merge stands among the talks in date order, and pages with them by one keyset.
    const p1 = await listTimeline(db, S.id, { filters: {}, limit: 3, withMerges: true }, MONEY_VIEWER);
    expect(p1.rows.map((x) => x.id)).toEqual([M1.talkIds[1], S2.talkIds[0]]);
    expect(p1.merges?.map((m) => [m.id, m.type, m.merged_name])).toEqual([[r.mergeId, 'exhibitor', M.name]]);
    const p2 = await listTimeline(
      db,
      S.id,
      { filters: {}, cursor: p1.nextCursor, limit: 3, withMerges: true },
      MONEY_VIEWER,
    );
    expect(p2.rows.map((x) => x.id)).toEqual([S1.talkIds[0], M2.talkIds[0], M1.talkIds[0]]);
    expect(p2.merges).toEqual([]);
    expect(p2.nextCursor).toBeNull();
    // Without merges asked for (and with a filter) the timeline is the conversations alone, as before.
    expect((await listTimeline(db, S.id, { filters: {}, limit: 3 }, MONEY_VIEWER)).rows.map((x) => x.id)).toEqual([
      M1.talkIds[1],
      S2.talkIds[0],
      S1.talkIds[0],
    ]);
    expect(
      (await listTimeline(db, S.id, { filters: { outcome: 'busy' }, limit: 3, withMerges: true }, MONEY_VIEWER)).merges,
    ).toBeUndefined();
  });
});
