/**
 * How counts and dates read on screen, for server pages and client components alike.
 * Dates are written from the India calendar day with date-fns, not the runtime's locale data,
 * so a server render and the browser's hydration print the same text in any time zone.
 */
import { format } from 'date-fns';

import { ORGANISER_TIME_ZONE, todayInIndia } from '@/lib/dates';

const count = new Intl.NumberFormat('en-IN');
const indiaTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ORGANISER_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A DATETIME read without a zone is in UTC, the pool's zone. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** 2000 → "2,000". */
export function formatCount(n: number): string {
  return count.format(n);
}

/** "1 recipient", "2,000 recipients". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

function instant(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(ZONELESS.test(value) ? `${value.replace(' ', 'T')}Z` : value);
}

/**
 * "12 Jan 2027", or "—" for nothing. A "2027-01-12" string is that day; an instant (a Date,
 * or a string from JSON) is the day it was in India.
 */
export function formatDay(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  let day: string;
  if (typeof value === 'string' && ISO_DAY.test(value)) {
    day = value;
  } else {
    const date = instant(value);
    if (Number.isNaN(date.getTime())) return '—';
    day = todayInIndia(date);
  }
  const midnight = new Date(`${day}T00:00:00`);
  return Number.isNaN(midnight.getTime()) ? '—' : format(midnight, 'd MMM yyyy');
}

/** "12 Jan 2027, 14:05" in India, or "—". */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = instant(value);
  if (Number.isNaN(date.getTime())) return '—';
  return `${formatDay(date)}, ${indiaTime.format(date)}`;
}
