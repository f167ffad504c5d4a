/**
 * ULIDs from the `ulid` package, with its randomness drawn from a buffer of
 * cryptographic random bytes filled 4 KB at a time. The package's own default
 * asks the platform for one byte per character (16 calls per id) and looks
 * the generator up again on every call: 7 % of the booth write path's CPU in
 * `bench:writes`. Same source (crypto.getRandomValues, in Node and in the
 * browser), same distribution (a byte / 256), fewer calls.
 */
import { encodeTime, ulid as makeUlid } from 'ulid';

const bytes = new Uint8Array(4096);
let next = bytes.length;

function prng(): number {
  if (next === bytes.length) {
    crypto.getRandomValues(bytes);
    next = 0;
  }
  return bytes[next++]! / 256;
}

/** A new ULID; `seedTime` (ms) sets its time part and `random` replaces the source (a seeded one for the seed), as the package's `ulid(seedTime, prng)`. */
export const ulid = (seedTime?: number, random: () => number = prng): string => makeUlid(seedTime, random);

/** The smallest (`first`) or largest (`last`) ULID of a moment: a time range as a range of ids. */
export const ulidBound = (at: Date, end: 'first' | 'last'): string =>
  encodeTime(at.getTime(), 10) + (end === 'first' ? '0' : 'Z').repeat(16);
