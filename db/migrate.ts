import path from 'node:path';
import { migrate } from 'drizzle-orm/mysql2/migrator';

import { createDb, createPool } from './index';
import { adoptLegacyDatabase, isLegacyDatabase, type AdoptionNote } from './legacy/adopt';

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, '..', 'drizzle');

/**
 * Applies the generated migrations in drizzle/ to the database at `url`. A
 * database of the old shape (the organiser's existing Paridharan tables, no
 * migration history) is first brought to the first migration's state in place
 * (db/legacy/adopt.ts); what that did is returned and logged.
 */
export async function migrateDatabase(
  url: string,
  log: (line: string) => void = () => undefined,
): Promise<{ adopted: AdoptionNote[] | null }> {
  const pool = createPool(url, 1);
  try {
    let adopted: AdoptionNote[] | null = null;
    if (await isLegacyDatabase(pool)) {
      log('[db] an existing database of the old shape: adopting it in place (nothing is dropped)…');
      adopted = await adoptLegacyDatabase(pool, MIGRATIONS_FOLDER, log);
    }
    await migrate(createDb(pool), { migrationsFolder: MIGRATIONS_FOLDER });
    return { adopted };
  } finally {
    await pool.end();
  }
}
