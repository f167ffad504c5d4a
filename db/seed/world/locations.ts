/** The world's locations and their stalls, with the free (stall, day) slots a sale takes one of. */
import { toPaise } from '@/lib/money';

import { dateMs, DAY, isoDate, wholeSecond } from '../dates';
import type { Rng } from '../random';
import type { World } from './context';

export type Venue = {
  id: number;
  name: string;
  start: number;
  days: number;
  stallIds: number[];
  stallNames: string[];
  stallPrices: number[];
  /** Free slots (stall index × days + day), the first `freeCount` of them. */
  free: Int32Array;
  freeCount: number;
};

/** Writes the locations and stalls; returns them by exhibition start. */
export async function seedLocations(w: World): Promise<Venue[]> {
  const venues: Venue[] = [];
  let stallId = w.first.stall;
  for (const [i, l] of w.spec.locations.entries()) {
    const id = w.first.location + i;
    const start = dateMs(l.eventStart);
    const created = wholeSecond(Math.min(w.setupAt, start - 150 * DAY));
    await w.out('location_mngt', {
      id,
      loc_name: l.name,
      address: l.address,
      event_start_date: l.eventStart,
      event_end_date: isoDate(start + (l.eventDays - 1) * DAY),
      created_at: new Date(created),
      updated_at: new Date(created),
    });
    const venue: Venue = {
      id,
      name: l.name,
      start,
      days: l.eventDays,
      stallIds: [],
      stallNames: [],
      stallPrices: [],
      free: new Int32Array(l.stalls.length * l.eventDays),
      freeCount: l.stalls.length * l.eventDays,
    };
    for (const s of l.stalls) {
      venue.stallIds.push(stallId);
      venue.stallNames.push(s.name);
      venue.stallPrices.push(Number(toPaise(s.price)));
      await w.out('location_mngt_table_details', {
        id: stallId++,
        location_mngt_id: id,
        table_name: s.name,
        price: s.price,
        created_at: new Date(created),
        updated_at: new Date(created),
      });
    }
    for (let k = 0; k < venue.free.length; k++) venue.free[k] = k;
    venues.push(venue);
  }
  return [...venues].sort((a, b) => a.start - b.start);
}

/** A location whose exhibition comes after `at`, among the next two with room; else the nearest with room. */
export function chooseLocation(rng: Rng, byStart: Venue[], at: number, needsRoom: boolean): Venue {
  const hasRoom = (l: Venue) => !needsRoom || l.freeCount > 0;
  const upcoming = byStart.filter((l) => l.start > at + DAY && hasRoom(l)).slice(0, 2);
  if (upcoming.length) return rng.pick(upcoming);
  const any = byStart.filter(hasRoom);
  if (!any.length) throw new Error('Not enough stall-days for the bookings: add stalls or event days');
  return any.reduce((best, l) => (Math.abs(l.start - at) < Math.abs(best.start - at) ? l : best));
}

/** Takes a free (stall, day) of the location at random: the stall's index and the day. */
export function takeSlot(rng: Rng, venue: Venue): { stallIdx: number; day: number } {
  const k = rng.int(0, venue.freeCount - 1);
  const slot = venue.free[k]!;
  venue.free[k] = venue.free[--venue.freeCount]!;
  return { stallIdx: Math.floor(slot / venue.days), day: venue.start + (slot % venue.days) * DAY };
}
