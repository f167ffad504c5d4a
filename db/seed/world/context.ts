/** What every phase of the world generator shares. */
import { fromPaise } from '@/lib/money';

import type { SeedRows, SeedTable } from '../bulk-sql';
import type { Rng } from '../random';
import type { Describe, WorldSpec } from './spec';

export type World = {
  spec: WorldSpec;
  /** Draws the data. Every phase draws in a fixed order: the order of the calls is the data. */
  rng: Rng;
  /** A ULID at `ms`, from a stream of its own, so the ids never shift the data's draws. */
  newId: (ms: number) => string;
  /** Counts the row and hands it to the writer. */
  out: <T extends SeedTable>(table: T, row: SeedRows[T]) => Promise<void>;
  describe?: Describe;
  now: number;
  first: { location: number; stall: number; recipient: number; followUp: number };
  /** When the users and locations were set up: well before the first talk. */
  setupAt: number;
};

export const money = (paise: number) => fromPaise(BigInt(paise));
/** Rounded to ₹500 (amounts are integer paise; integers are exact in a JS number). */
export const round500 = (paise: number) => Math.round(paise / 50_000) * 50_000;
