/** Days and moments as the generator makes them: UTC milliseconds, whole seconds. */
import type { Rng } from './random';

export const DAY = 86_400_000;
export const ATTRIBUTION_WINDOW_MS = 30 * DAY;

/** Whole seconds: TIMESTAMP columns keep no fraction, so the generator never makes one. */
export const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
export const startOfUtcDay = (ms: number) => Math.floor(ms / DAY) * DAY;
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dateMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** A moment during booth hours, 10:00–19:00 IST (04:30–13:30 UTC), on the day of `ms`. */
export function boothTime(ms: number, rng: Rng): number {
  return startOfUtcDay(ms) + rng.int(16_200, 48_600) * 1000;
}
