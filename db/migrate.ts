import path from 'node:path';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { createDb, createPool } from './index';

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, '..', 'drizzle');

/** Applies the generated migrations in drizzle/ to the database at `url`. */
export async function migrateDatabase(url: string): Promise<void> {
  const pool = createPool(url, 1);
  try {
    await migrate(createDb(pool), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await pool.end();
  }
}
