/** Labels and date formats of the campaign pages, shared by server pages and the client table columns. */
import { format } from 'date-fns';
import { ORGANISER_TIME_ZONE, todayInIndia } from '@/lib/dates';

export const count = new Intl.NumberFormat('en-IN');
export const indiaTime = new Intl.DateTimeFormat('en-GB', { timeZone: ORGANISER_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const CHANNEL_LABELS: Record<string, string> = { whatsapp: 'WhatsApp', sms: 'SMS', email: 'Email' };
export const CAMPAIGN_STATUS_LABELS: Record<string, string> = { draft: 'Draft', sending: 'Sending', sent: 'Sent' };
export const LEAD_STATUS_LABELS: Record<string, string> = { busy: 'Busy', interested: 'Interested', materialised: 'Materialised' };

/**
 * "12 Jan 2027", the day in India, or "—". Dates are formatted from the India calendar
 * day with date-fns (not the runtime's locale data), so server and browser renders match.
 */
export function formatCampaignDay(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  let day: string;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    day = value;
  } else {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return '—';
    day = todayInIndia(date);
  }
  return format(new Date(`${day}T00:00:00`), 'd MMM yyyy');
}

/** "12 Jan 2027, 14:05" in India, or "—". */
export function formatCampaignDateTime(value: Date | null | undefined): string {
  if (!value || Number.isNaN(value.getTime())) return '—';
  return `${formatCampaignDay(value)}, ${indiaTime.format(value)}`;
}
