/**
 * The world generator: one place for the invariants the seeders rely on —
 * links both ways, attribution by the app's rule, amounts within the price,
 * one open lead per visitor and company, a stall once per date. It runs in
 * phases, each drawing from the same seeded stream in a fixed order, so the
 * same spec always gives the same rows.
 */
import { ulid } from '@/lib/ulid';

import { SEED_TABLES, type SeedRows, type SeedTable } from '../bulk-sql';
import { DAY, wholeSecond } from '../dates';
import { mulberry32, Rng } from '../random';
import { attribution, seedCampaigns } from './campaigns';
import { seedContacts } from './contacts';
import type { World } from './context';
import { writeHistory } from './history';
import { planLeads, planSales } from './leads';
import { seedLocations } from './locations';
import type { Describe, Emit, WorldSpec } from './spec';
import { seedUsers } from './users';

/**
 * Generates the whole world and hands each row to `emit`, in an order that
 * keeps ids ascending in time. Rows are complete (both-way links included), so
 * the writer loads with foreign-key checks off and proves the links after.
 */
export async function generateWorld(
  spec: WorldSpec,
  emit: Emit,
  describe?: Describe,
): Promise<Record<SeedTable, number>> {
  const idPrng = mulberry32(spec.seed ^ 0x5bd1e995);
  const counts = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;
  const w: World = {
    spec,
    rng: new Rng(spec.seed),
    newId: (ms) => ulid(ms, idPrng),
    out: async <T extends SeedTable>(table: T, row: SeedRows[T]) => {
      counts[table]++;
      const pending = emit(table, row);
      if (pending) await pending;
    },
    describe,
    now: spec.now,
    first: { location: 1, stall: 1, recipient: 1, followUp: 1, ...spec.firstIds },
    setupAt: wholeSecond(spec.from - 120 * DAY),
  };

  const staff = await seedUsers(w);
  const venues = await seedLocations(w);
  const contacts = await seedContacts(w);
  const sends = await seedCampaigns(w, staff.adminId, contacts);
  const attribute = attribution(sends, spec.visitors);
  const leads = planLeads(w, sends);
  const sales = planSales(w, leads);
  await writeHistory(w, { staff, venues, contacts, sends, attribute, leads, sales });
  return counts;
}
