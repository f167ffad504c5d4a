import type { ImportStatus } from '@/db/schema/contacts';

/** How an import's status is named on screen. */
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = { running: 'Not finished', done: 'Done', reverted: 'Reverted' };
