/**
 * The leads before any row is written: who talks with which company and
 * when, which leads become a sale, how each sale is paid, and which are
 * cancelled.
 */
import { boothTime, DAY, startOfUtcDay } from '../dates';
import { WeightedIndex } from '../random';
import { SENT, type Sends } from './campaigns';
import type { World } from './context';

/** Per lead (by index): its company and visitor, and up to three talk moments (talkAt[i * 3 + t]). */
export type LeadPlan = {
  count: number;
  exhibitor: Int32Array;
  visitor: Int32Array;
  talks: Uint8Array;
  talkAt: Float64Array;
};

export const PAY_UNPAID = 0;
export const PAY_PARTIAL = 1;
export const PAY_FULL = 2;

/** Per lead (by index): whether it is a sale, paid how, with how many later payments, cancelled or not; and the order to write them in. */
export type SalesPlan = {
  /** Leads by first talk (then index): rows are written in this order, so ids ascend in time. */
  order: number[];
  materialised: Uint8Array;
  payKind: Uint8Array;
  payments: Uint8Array;
  cancelled: Uint8Array;
};

export const lastTalk = (plan: LeadPlan, i: number) => plan.talkAt[i * 3 + plan.talks[i]! - 1]!;

/** Who, with which company, when: a share of the leads start from a campaign message, the rest at any time. */
export function planLeads(w: World, sends: Sends): LeadPlan {
  const { rng, spec, now } = w;
  const V = spec.visitors;
  const L = spec.leads;
  const plan: LeadPlan = {
    count: L,
    exhibitor: new Int32Array(L),
    visitor: new Int32Array(L),
    talks: new Uint8Array(L),
    talkAt: new Float64Array(L * 3),
  };
  const exhibitorRank = rng.shuffle(Array.from({ length: spec.exhibitors }, (_, i) => i));
  const exhibitorPick = new WeightedIndex(exhibitorRank.map((_, rank) => 1 / Math.pow(rank + 1, spec.exhibitorSkew)));
  const pairs = new Set<number>();
  const lastDay = startOfUtcDay(now) - DAY;
  for (let i = 0; i < L; i++) {
    let v = -1;
    let day = 0;
    if (sends.total && rng.chance(spec.campaignLeadShare)) {
      const rec = rng.int(0, sends.total - 1);
      const reached = sends.sentAt[rec]! + 12 * 3600_000;
      if (sends.status[rec] === SENT && reached <= lastDay) {
        v = sends.visitor[rec]!;
        day = Math.min(lastDay, reached + Math.floor(rng.between(0, 27)) * DAY);
      }
    }
    if (v < 0) {
      v = rng.int(0, V - 1);
      day = rng.between(spec.from, lastDay);
    }
    // One lead per (company, visitor): the open-lead invariant holds by construction.
    let e = exhibitorRank[exhibitorPick.pick(rng)]!;
    for (let tries = 0; pairs.has(e * V + v); tries++) {
      if (tries > 20) v = rng.int(0, V - 1);
      e = exhibitorRank[exhibitorPick.pick(rng)]!;
    }
    pairs.add(e * V + v);
    plan.exhibitor[i] = e;
    plan.visitor[i] = v;
    let t = boothTime(day, rng);
    plan.talkAt[i * 3] = t;
    let n = 1;
    const want = rng.weighted([
      [1, spec.talkWeights[0]],
      [2, spec.talkWeights[1]],
      [3, spec.talkWeights[2]],
    ] as const);
    while (n < want) {
      const next = boothTime(t + rng.int(1, 20) * DAY, rng);
      if (next > now) break;
      plan.talkAt[i * 3 + n++] = t = next;
    }
    plan.talks[i] = n;
  }
  return plan;
}

/** Exactly spec.materialised sales; with spec.conversations set, later payments fill the gap to that many conversations. */
export function planSales(w: World, leads: LeadPlan): SalesPlan {
  const { rng, spec, now } = w;
  const L = leads.count;
  const { talkAt } = leads;
  const order = Array.from({ length: L }, (_, i) => i).sort((x, y) => talkAt[x * 3]! - talkAt[y * 3]! || x - y);
  const plan: SalesPlan = {
    order,
    materialised: new Uint8Array(L),
    payKind: new Uint8Array(L),
    payments: new Uint8Array(L),
    cancelled: new Uint8Array(L),
  };
  const { materialised, payKind, payments, cancelled } = plan;
  for (const i of rng.shuffle(Array.from({ length: L }, (_, k) => k)).slice(0, spec.materialised)) materialised[i] = 1;
  let talks = 0;
  for (let i = 0; i < L; i++) talks += leads.talks[i]!;
  const eligible: number[] = [];
  for (let i = 0; i < L; i++) {
    if (!materialised[i]) continue;
    payKind[i] = rng.weighted([
      [PAY_UNPAID, 15],
      [PAY_PARTIAL, 35],
      [PAY_FULL, 50],
    ] as const);
    if (now - lastTalk(leads, i) >= 3 * DAY && rng.chance(spec.cancelledShare)) cancelled[i] = 1;
    if (payKind[i] !== PAY_UNPAID && now - lastTalk(leads, i) >= 2 * DAY) eligible.push(i);
  }
  let cancellations = 0;
  for (let i = 0; i < L; i++) cancellations += cancelled[i]!;
  if (spec.conversations !== undefined) {
    let left = spec.conversations - talks - cancellations;
    if (left < 0 || left > eligible.length * 3)
      throw new Error(
        `Cannot reach ${spec.conversations} conversations: ${talks} talks, room for ${eligible.length * 3} payments`,
      );
    rng.shuffle(eligible);
    // Round-robin: every eligible booking gets one payment before any gets a second.
    for (let k = 0; left > 0; k = (k + 1) % eligible.length, left--) payments[eligible[k]!]!++;
  } else {
    for (const i of eligible)
      payments[i] = rng.weighted([
        [0, 50],
        [1, 35],
        [2, 15],
      ] as const);
  }
  return plan;
}
