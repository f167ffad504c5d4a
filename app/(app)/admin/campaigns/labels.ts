/** How campaign enums are named on screen (server pages and client forms both read these). */
export const CHANNEL_LABELS: Record<string, string> = { whatsapp: 'WhatsApp', sms: 'SMS', email: 'Email' };
export const CAMPAIGN_STATUS_LABELS: Record<string, string> = { draft: 'Draft', sending: 'Sending', sent: 'Sent' };
export const RECIPIENT_STATUS_LABELS = { pending: 'Pending', sent: 'Sent', failed: 'Failed' } as const;

export const CHANNEL_OPTIONS = Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }));
export const CAMPAIGN_STATUS_OPTIONS = Object.entries(CAMPAIGN_STATUS_LABELS).map(([value, label]) => ({ value, label }));

const count = new Intl.NumberFormat('en-IN');

/** "1 recipient", "2,000 recipients". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

export function formatCount(n: number): string {
  return count.format(n);
}

/** A timestamp as the organiser reads it (India time). */
export function formatDateTime(d: Date): string {
  return d.toLocaleString('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Kolkata' });
}
