import { defineConfig } from 'drizzle-kit';

// `generate` only reads the schema; migrations are applied by scripts/migrate.ts
// (drizzle-kit push/pull misbehave on MariaDB).
export default defineConfig({
  dialect: 'mysql',
  schema: './db/schema/index.ts',
  out: './drizzle',
});
