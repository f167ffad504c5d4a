import { bigint, customType, timestamp } from 'drizzle-orm/mysql-core';

/**
 * An identifier column compared byte by byte: ASCII with a binary collation.
 * ULIDs are 26 upper-case Crockford base-32 characters (lib/validation.ts
 * refuses anything else), so nothing is lost, and every key comparison — a
 * primary-key lookup, a join, a group, a keyset cursor — is a memcmp instead
 * of a Unicode collation: the companies list's 5,000 primary-key lookups ran
 * at 6 µs each in utf8mb4_unicode_ci. The order is the same as JavaScript's
 * string order. Every column that holds a ULID uses it, so a join never
 * converts one side (which would forgo the other side's index).
 */
const asciiId = customType<{ data: string; driverData: string; config: { type: 'char' | 'varchar'; length: number } }>({
  dataType: (config) => `${config!.type}(${config!.length}) CHARACTER SET ascii COLLATE ascii_bin`,
});

/** A ULID primary or foreign key: 26 Crockford base-32 characters (Laravel's `ulid()`). */
export const ulidCol = (name: string) => asciiId(name, { type: 'char', length: 26 });

/** `employee_id`: the document declares it `string` (VARCHAR(255)) and points it at users.id; ASCII like the ids it holds. */
export const employeeIdCol = (name = 'employee_id') => asciiId(name, { type: 'varchar', length: 255 });
/** Laravel's `timestamps()`, with database defaults so raw SQL inserts are stamped too. */
export const timestamps = {
  created_at: timestamp('created_at', { mode: 'date' }).defaultNow(),
  updated_at: timestamp('updated_at', { mode: 'date' }).defaultNow().onUpdateNow(),
};

/** Laravel's `id()`: BIGINT UNSIGNED AUTO_INCREMENT primary key. */
export const autoId = (name = 'id') => bigint(name, { mode: 'number', unsigned: true }).autoincrement().primaryKey();

/** Laravel's `unsignedBigInteger()` foreign key to an auto-increment id. */
export const bigIdRef = (name: string) => bigint(name, { mode: 'number', unsigned: true });
