/** The world's campaigns and their recipients, and which campaign a talk is attributed to. */
import { ATTRIBUTION_WINDOW_MS, DAY, wholeSecond } from '../dates';
import { FAIL_REASONS } from '../phrases';
import type { Contacts } from './contacts';
import type { World } from './context';

export const PENDING = 0;
export const SENT = 1;
export const FAILED = 2;
const RECIPIENT_STATUS = ['pending', 'sent', 'failed'] as const;

/** Every recipient row, by its index (the row's id is first.recipient + index). */
export type Sends = {
  campaignIds: string[];
  total: number;
  visitor: Int32Array;
  campaign: Int32Array;
  status: Uint8Array;
  sentAt: Float64Array;
};

const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));

/** Each campaign messages distinct visitors: j → (a·j + b) mod V is a permutation when gcd(a, V) = 1. */
export async function seedCampaigns(w: World, adminId: string, contacts: Contacts): Promise<Sends> {
  const { rng, spec } = w;
  const V = spec.visitors;
  const total = spec.campaigns.reduce((s, c) => s + c.recipients, 0);
  const sends: Sends = {
    campaignIds: [],
    total,
    visitor: new Int32Array(total),
    campaign: new Int32Array(total),
    status: new Uint8Array(total),
    sentAt: new Float64Array(total),
  };
  let r = 0;
  for (const [ci, c] of spec.campaigns.entries()) {
    if (c.recipients > V) throw new Error(`Campaign "${c.name}" has more recipients than there are visitors`);
    const createdAt = wholeSecond(c.sentAt - rng.int(1, 5) * DAY);
    const id = w.newId(createdAt);
    sends.campaignIds.push(id);
    await w.out('campaigns', {
      id,
      name: c.name,
      channel: c.channel,
      message: c.message,
      status: c.status,
      sent_at: new Date(c.sentAt),
      created_by: adminId,
      created_at: new Date(createdAt),
      updated_at: new Date(c.sentAt),
    });
    let a = rng.int(1, Math.max(1, V - 1));
    while (gcd(a, V) !== 1) a++;
    const b = rng.int(0, V - 1);
    const sendable = c.status === 'sent' ? c.recipients : Math.floor(c.recipients * 0.7);
    for (let j = 0; j < c.recipients; j++, r++) {
      const v = (a * j + b) % V;
      const status = j >= sendable ? PENDING : rng.chance(0.05) ? FAILED : rng.chance(0.02) ? PENDING : SENT;
      // A gateway sends about 25 messages a second.
      const sentAt = status === SENT ? c.sentAt + Math.floor(j / 25) * 1000 : 0;
      sends.visitor[r] = v;
      sends.campaign[r] = ci;
      sends.status[r] = status;
      sends.sentAt[r] = sentAt;
      await w.out('campaign_recipients', {
        id: w.first.recipient + r,
        campaign_id: id,
        contact_id: contacts.visitorIds[v],
        phone: contacts.visitorPhones[v]!,
        name: contacts.visitorNames[v],
        status: RECIPIENT_STATUS[status]!,
        sent_at: status === SENT ? new Date(sentAt) : null,
        error: status === FAILED ? rng.pick(FAIL_REASONS[c.channel]) : null,
        created_at: new Date(createdAt),
        updated_at: new Date(status === SENT ? sentAt : c.sentAt),
      });
    }
  }
  return sends;
}

/**
 * The app's rule (db/queries/attribution.ts) as a function of (visitor
 * index, moment): the latest 'sent' message within 30 days before `at`, ties
 * by campaign id; -1 for none. Indexes the sent rows per visitor once.
 */
export function attribution(sends: Sends, visitors: number): (v: number, at: number) => number {
  const V = visitors;
  // Per visitor, the recipient rows that reached them (CSR layout).
  const sendStart = new Int32Array(V + 1);
  for (let k = 0; k < sends.total; k++) if (sends.status[k] === SENT) sendStart[sends.visitor[k]! + 1]!++;
  for (let v = 0; v < V; v++) sendStart[v + 1]! += sendStart[v]!;
  const reached = new Int32Array(sendStart[V]!);
  const fill = sendStart.slice(0, V);
  for (let k = 0; k < sends.total; k++) if (sends.status[k] === SENT) reached[fill[sends.visitor[k]!]!++] = k;

  const { campaignIds } = sends;
  return (v, at) => {
    let best = -1;
    let bestAt = -1;
    for (let k = sendStart[v]!; k < sendStart[v + 1]!; k++) {
      const rec = reached[k]!;
      const s = sends.sentAt[rec]!;
      if (s < at - ATTRIBUTION_WINDOW_MS || s > at) continue;
      const c = sends.campaign[rec]!;
      if (s > bestAt || (s === bestAt && campaignIds[c]! < campaignIds[best]!)) {
        best = c;
        bestAt = s;
      }
    }
    return best;
  };
}
