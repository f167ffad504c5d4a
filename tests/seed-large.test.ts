import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';

import { createDb, createPool } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { demoSpec } from '@/db/seed/demo';
import { seedLarge } from '@/db/seed/large';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { reconcileReadStats } from '@/db/services/read-stats';
import { createDatabase, dropDatabase } from '@/scripts/local-db';

/**
 * The large seed's loader (LOAD DATA, counters counted by the generator) on a
 * world of the demo's size, in a database of its own: every counter it writes
 * must equal its recount from the rows.
 */
const NOW = new Date('2025-11-04T00:00:00Z');
const url = (() => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = `${u.pathname}_seed_large`;
  return u.toString();
})();

describe('seedLarge', () => {
  // Without triggers every table takes the sorted build of an empty table; a table with triggers sets its indexes aside.
  it.each(['as migrated', 'without triggers'])(
    'loads every row, with counters equal to their recounts (%s)',
    async (schema) => {
      await dropDatabase(url);
      await createDatabase(url);
      const pool = createPool(url, 2);
      try {
        await migrateDatabase(url);
        if (schema === 'without triggers') {
          const [triggers] = (await pool.query(
            'select trigger_name as name from information_schema.triggers where trigger_schema = database()',
          )) as unknown as [{ name: string }[]];
          for (const t of triggers) await pool.query(`drop trigger \`${t.name}\``);
        }
        const result = await seedLarge(url, { now: NOW, spec: demoSpec });
        const db = createDb(pool);
        const n = async (table: string) =>
          Number((await rowsOf<{ n: unknown }>(db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]?.n);
        expect(result.counts.conversations).toBeGreaterThan(100);
        expect(result.counts.conversations).toBe(await n('conversations'));
        expect(await n('exhibitor_stats')).toBeGreaterThan(10);
        expect(await n('stall_stats')).toBeGreaterThan(10);
        expect(await n('exhibitor_stall_stats')).toBeGreaterThan(10);
        const [sent] = await rowsOf<{ n: unknown }>(
          db,
          sql`select (select sum(total_messages_sent) from campaigns) + (select sum(leads) + sum(bookings) from campaign_stats) as n`,
        );
        expect(Number(sent?.n)).toBeGreaterThan(0);
        expect(await reconcileReadStats(db, { fix: false })).toEqual([]);
        expect(await reconcileCampaignCounters(db, { fix: false })).toEqual([]);
      } finally {
        await pool.end();
        await dropDatabase(url);
      }
    },
    240_000,
  );
});
