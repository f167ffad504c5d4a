/** lib/ulid.ts: the package's ULIDs with a buffered crypto source — valid, unique, timed, evenly random. */
import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';

import { ulid } from '@/lib/ulid';
import { ULID_RE } from '@/lib/validation';

describe('ulid', () => {
  it('makes valid, distinct ids carrying their time, across many refills of the random buffer', () => {
    const at = Date.UTC(2026, 0, 10, 4, 30);
    const ids = Array.from({ length: 10_000 }, () => ulid(at));
    expect(ids.every((id) => ULID_RE.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => decodeTime(id)))).toEqual(new Set([at]));
    // The random part uses every character of the alphabet about equally (expected 5,000 each; 7 σ margin).
    const seen = new Map<string, number>();
    for (const id of ids) for (const c of id.slice(10)) seen.set(c, (seen.get(c) ?? 0) + 1);
    expect(seen.size).toBe(32);
    for (const n of seen.values()) expect(Math.abs(n - 5_000)).toBeLessThan(500);
  });

  it('takes a seeded source in place of its own (the seed is reproducible)', () => {
    const seeded = () => {
      let s = 7;
      return () => ((s = (s * 16_807) % 2_147_483_647) % 256) / 256;
    };
    const a = seeded();
    const b = seeded();
    const t = Date.UTC(2026, 0, 1);
    expect(Array.from({ length: 5 }, () => ulid(t, a))).toEqual(Array.from({ length: 5 }, () => ulid(t, b)));
  });
});
