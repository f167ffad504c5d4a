/** The organiser works in India: "today" is the date in Asia/Kolkata, whatever the server's zone. */
export const ORGANISER_TIME_ZONE = 'Asia/Kolkata';

export function todayInIndia(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ORGANISER_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
