/** What the world generator is asked for (the demo's and the large seed's sizes), and how it hands rows out. */
import type { Role } from '@/db/schema';

import type { SeedRows, SeedTable } from '../bulk-sql';

export type LocationSpec = {
  name: string;
  address: string;
  /** First exhibition day, YYYY-MM-DD. */
  eventStart: string;
  eventDays: number;
  stalls: { name: string; price: string }[];
};

export type CampaignSpec = {
  name: string;
  channel: 'whatsapp' | 'sms' | 'email';
  message: string;
  status: 'sent' | 'sending';
  sentAt: number;
  recipients: number;
};

export type WorldSpec = {
  seed: number;
  /** No generated moment is later than this (ms, whole seconds). */
  now: number;
  /** First booth talk. */
  from: number;
  passwordHash: string;
  users: { name: string; email: string; role: Role }[];
  locations: LocationSpec[];
  exhibitors: number;
  /** Zipf exponent of leads per exhibitor: a few big companies, a long tail. */
  exhibitorSkew: number;
  visitors: number;
  /**
   * Visitors entered twice by an old spreadsheet, for the duplicates page to find: half share another
   * visitor's phone, half another visitor's email. No leads; they wait to be merged.
   */
  duplicateVisitors?: number;
  campaigns: CampaignSpec[];
  leads: number;
  /** Exactly this many leads materialise into a booking. */
  materialised: number;
  /** Share of leads that start from a campaign message (then attributed by the 30-day rule, like any lead). */
  campaignLeadShare: number;
  /** Weights of 1, 2 and 3 talks per lead. */
  talkWeights: readonly [number, number, number];
  cancelledShare: number;
  /** Exact number of conversations: later payments fill the gap. Unset: 0–2 payments per booking at random. */
  conversations?: number;
  /** First auto-increment ids to use (tables may not be empty of them). */
  firstIds?: { location: number; stall: number; recipient: number; followUp: number };
};

export type Emit = <T extends SeedTable>(table: T, row: SeedRows[T]) => void | Promise<void>;

/**
 * What a conversation row tells only in prose, for a writer that replays the
 * history through the write services (the demo): the amount paid at a sale,
 * a later payment and how it was paid, why a booking was cancelled.
 */
export type HistoryDetail =
  | { kind: 'sale'; paid: string }
  | { kind: 'payment'; amount: string; mode: string }
  | { kind: 'cancellation'; reason: string };
export type Describe = (conversationId: string, detail: HistoryDetail) => void;
