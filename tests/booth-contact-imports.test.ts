/**
 * The import page's history is bounded: a page of the newest imports, and
 * `before` an import's id for the older ones, walking them all once each.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import { listContactImports } from '@/db/queries/contact-imports';
import { contactImports } from '@/db/schema';
import { ulid } from '@/lib/ulid';

import { makeUser } from './helpers/factories';

let mine: { id: string; at: Date }[];

beforeAll(async () => {
  const admin = await makeUser({ role: 'admin' });
  // Started in December 2037 (a TIMESTAMP’s last years): newer than any other test's imports. Every third pair shares its second (the id breaks the tie).
  mine = Array.from({ length: 25 }, (_, i) => ({
    id: ulid(),
    at: new Date(Date.UTC(2037, 11, 1, 0, 0, i - (i % 3 === 1 ? 1 : 0))),
  }));
  await db.insert(contactImports).values(
    mine.map((m, i) => ({
      id: m.id,
      type: i % 2 ? ('visitor' as const) : ('exhibitor' as const),
      mode: 'create' as const,
      file_name: `history-${i}.csv`,
      status: 'done' as const,
      created_by: admin.id,
      created_at: m.at,
    })),
  );
});

// Other files read "the newest import" as theirs: these far-future ones go when this file is done.
afterAll(async () => {
  await db.delete(contactImports).where(
    inArray(
      contactImports.id,
      mine.map((m) => m.id),
    ),
  );
});

describe('listContactImports', () => {
  it('returns at most its page, newest first, and pages back through the older ones', async () => {
    const expected = [...mine]
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
      .map((m) => m.id);
    const first = await listContactImports(db, 10);
    expect(first.map((r) => r.id)).toEqual(expected.slice(0, 10));
    const second = await listContactImports(db, 10, first[9]!.id);
    expect(second.map((r) => r.id)).toEqual(expected.slice(10, 20));
    const third = await listContactImports(db, 10, second[9]!.id);
    expect(third.length).toBeLessThanOrEqual(10);
    expect(third.slice(0, 5).map((r) => r.id)).toEqual(expected.slice(20));
    expect(await listContactImports(db, 10, ulid())).toEqual([]);
  });
});
