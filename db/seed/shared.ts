/**
 * What the demo and the large seeders (and the scripts and tests around
 * them) take from the generator, in one import: the tables it writes and
 * their bulk INSERT, the dates and randomness the seeders size their specs
 * with, and the world generator with its spec.
 */
export {
  analyzeSeededTables,
  countSeededRows,
  findOrphans,
  insertStatement,
  nextIds,
  SEED_TABLES,
  sqlTuple,
  type RunSql,
  type SeedRows,
  type SeedTable,
} from './bulk-sql';
export { DAY, isoDate, startOfUtcDay } from './dates';
export { person } from './india';
export { Rng, splitTotal } from './random';
export { generateWorld } from './world';
export type { CampaignSpec, HistoryDetail, LocationSpec, WorldSpec } from './world/spec';
