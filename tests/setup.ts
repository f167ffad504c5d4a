import { inject } from 'vitest';

// Before any test imports db/index.ts, point it at this run's fresh database.
process.env.DATABASE_URL = inject('databaseUrl');
