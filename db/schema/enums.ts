/** Enum values shared by several tables (and by zod schemas and UI). */
export const OUTCOMES = ['busy', 'interested', 'materialised'] as const;
export type Outcome = (typeof OUTCOMES)[number];
