/** The organiser works in India: "today" is the date in Asia/Kolkata, whatever the server's zone. */
export const ORGANISER_TIME_ZONE = 'Asia/Kolkata';

// Made once: building an Intl formatter costs far more than formatting with it (a profile of a company page).
const indiaDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: ORGANISER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function todayInIndia(now = new Date()): string {
  return indiaDate.format(now);
}
