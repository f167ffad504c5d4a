/**
 * How each enum of the schema is named on screen, typed by the schema so a new value fails to
 * compile until it has a name. Type-only imports: client components read this file, and a value
 * import of db/schema would bring drizzle into the browser bundle.
 */
import type { AmountStatus } from '@/db/schema/bookings';
import type { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, RECIPIENT_STATUSES } from '@/db/schema/campaigns';
import type { ContactType, ImportMode, ImportRowResult, ImportStatus } from '@/db/schema/contacts';
import type { ConversationKind } from '@/db/schema/conversations';
import type { Outcome } from '@/db/schema/enums';
import type { LegacyEntity, LegacyField, LegacyOutcome } from '@/db/schema/legacy';
import type { AttributionModel } from '@/db/schema/system';
import type { Role } from '@/db/schema/users';

type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** A value's label, for a row that types the value as any string: an unknown value shows as it is. */
export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

/** A select's options in the label map's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export const ROLE_LABELS: Record<Role, string> = { employee: 'Booth employee', manager: 'Manager', admin: 'Admin' };

export const CHANNEL_LABELS: Record<CampaignChannel, string> = { whatsapp: 'WhatsApp', sms: 'SMS', email: 'Email' };
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  sending: 'Sending',
  sent: 'Sent',
};
export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
};
export const CHANNEL_OPTIONS = optionsOf(CHANNEL_LABELS);
export const CAMPAIGN_STATUS_OPTIONS = optionsOf(CAMPAIGN_STATUS_LABELS);

/** A lead's (and a talk's) outcome. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  busy: 'Busy',
  interested: 'Interested',
  materialised: 'Materialised',
};
export const AMOUNT_STATUS_LABELS: Record<AmountStatus, string> = {
  paid: 'Paid',
  partial: 'Partial',
  unpaid: 'Unpaid',
};
/** A timeline entry that is not a talk (a talk shows its outcome instead). */
export const CONVERSATION_KIND_LABELS: Record<ConversationKind, string> = {
  talk: 'Talk',
  payment: 'Payment',
  cancellation: 'Cancellation',
  manual: 'Note',
  import: 'Imported',
};

export const ATTRIBUTION_MODEL_LABELS: Record<AttributionModel, string> = {
  last: 'Last touch (most recent campaign)',
  first: 'First touch (earliest campaign)',
};
export const ATTRIBUTION_MODEL_OPTIONS = optionsOf(ATTRIBUTION_MODEL_LABELS);

/** A contact type inside a sentence: "every visitor needs one", "3 companies". */
export const IMPORT_TYPE_LABELS: Record<ContactType, { one: string; many: string }> = {
  exhibitor: { one: 'company', many: 'companies' },
  visitor: { one: 'visitor', many: 'visitors' },
};
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  create: 'Create only',
  upsert: 'Create and update',
  update: 'Update only',
};
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  running: 'Not finished',
  done: 'Done',
  reverted: 'Reverted',
};
export const IMPORT_RESULT_LABELS: Record<ImportRowResult, string> = {
  created: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  skipped: 'Skipped',
  invalid: 'Invalid',
  duplicate: 'Duplicate',
};

/** The old-data backfill's report. */
export const LEGACY_ENTITY_LABELS: Record<LegacyEntity, string> = {
  contact: 'Contact',
  follow_up: 'Follow-up',
  booking: 'Booking',
  recipient: 'Campaign recipient',
};
export const LEGACY_FIELD_LABELS: Record<LegacyField, string> = {
  phone: 'Phone',
  visitor_id: 'Visitor',
  exhibitor_id: 'Company',
  location_id: 'Location',
  table_id: 'Stall',
  amounts: 'Amounts',
  employee_id: 'Employee',
  conversation: 'Timeline entry',
};
export const LEGACY_OUTCOME_LABELS: Record<LegacyOutcome, string> = {
  resolved: 'Resolved',
  ambiguous: 'Ambiguous',
  unresolved: 'Unresolved',
  by_hand: 'By hand',
};
