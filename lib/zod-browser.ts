import { z } from 'zod';

/**
 * Imported before any schema a client component parses with. zod compiles its object parsers with
 * `new Function` unless told not to, and decides so when a schema is built: the page's policy refuses
 * 'unsafe-eval', so in the browser it must take the interpreted path (same results) from the start,
 * or even its probe logs a policy violation.
 */
if (typeof window !== 'undefined') z.config({ jitless: true });
