/** What people write in the generated history: talk notes, payment modes, cancellation and failure reasons. */
import type { CampaignSpec } from './world/spec';

export const BUSY_NOTES = [
  'Visitor was busy at another stall; call back in the evening.',
  'Asked to call after Diwali.',
  'Will discuss with business partner and revert.',
  'Did not pick up; left a WhatsApp message.',
  'Busy with customers, asked to meet tomorrow.',
  'Out of station till next week.',
  'Asked us to send the brochure on WhatsApp first.',
  'Decision maker is the elder brother; will call back.',
];
export const INTERESTED_NOTES = [
  'Interested in a corner stall near the entrance.',
  'Wants two adjacent stalls; asked for a combined rate.',
  'Asked for the floor plan and last year’s footfall.',
  'Comparing with other venues’ rates; follow up with an offer.',
  'Wants a stall near the food court.',
  'Asked about power backup and extra lighting.',
  'Needs a GST invoice in the company name.',
  'Liked the hall; budget around ₹60,000.',
  'Will confirm after the trade association meeting.',
  'Asked for an early-bird discount.',
];
export const PAYMENT_MODES = ['UPI', 'NEFT', 'cheque', 'cash', 'RTGS', 'UPI'];
export const CANCEL_REASONS = [
  'Family emergency.',
  'Stock not ready in time.',
  'Moved to another exhibition.',
  'Budget cut this season.',
];
export const FAIL_REASONS: Record<CampaignSpec['channel'], string[]> = {
  whatsapp: ['Number is not on WhatsApp', 'Message undeliverable', 'User blocked the business number'],
  sms: ['DND registered number', 'Handset switched off (expired)', 'Invalid number'],
  email: ['Mailbox unavailable', 'No email address on record', 'Rejected as spam'],
};
export const FOLLOW_UP_TIMES = ['10:30:00', '11:00:00', '12:00:00', '14:30:00', '16:00:00', '17:30:00', '18:00:00'];
