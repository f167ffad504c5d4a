/** Expected failures of a write flow; actions turn them into form messages. */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'INVALID'
  | 'CONFLICT'
  | 'STALL_TAKEN'
  | 'STALL_HAS_BOOKINGS'
  | 'PAYMENT_EXCEEDS_PRICE'
  /** The company an entry is for no longer exists (deleted, or merged away while a tablet was offline). */
  | 'COMPANY_GONE'
  /** The booking a payment or cancellation is for was cancelled meanwhile. */
  | 'BOOKING_CANCELLED'
  | 'LAST_ADMIN'
  /** The signed-in user's role or relation to the row does not allow this write. */
  | 'FORBIDDEN'
  /** The database is busy or unreachable: nothing was saved, the same submit can be retried. */
  | 'BUSY';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The form field the message belongs to, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** MySQL/MariaDB duplicate-key error (ER_DUP_ENTRY), however drizzle wraps it. */
export function isDuplicateKeyError(error: unknown, indexName?: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const err = e as { code?: string; errno?: number; message?: string };
    if (err.code === 'ER_DUP_ENTRY' || err.errno === 1062)
      return indexName ? (err.message ?? '').includes(indexName) : true;
  }
  return false;
}

/** MySQL/MariaDB "row is referenced" error (ER_ROW_IS_REFERENCED_2). */
export function isForeignKeyRefusal(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const err = e as { code?: string; errno?: number };
    if (err.code === 'ER_ROW_IS_REFERENCED_2' || err.errno === 1451) return true;
  }
  return false;
}

/** MySQL/MariaDB "the row this points at does not exist" error (ER_NO_REFERENCED_ROW_2). */
export function isMissingReference(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const err = e as { code?: string; errno?: number };
    if (err.code === 'ER_NO_REFERENCED_ROW_2' || err.errno === 1452) return true;
  }
  return false;
}
