import { bigint, char, timestamp, varchar } from 'drizzle-orm/mysql-core';

/** A ULID primary or foreign key: 26 Crockford base-32 characters (Laravel's `ulid()`). */
export const ulidCol = (name: string) => char(name, { length: 26 });

/** `employee_id`: the document declares it `string` (VARCHAR(255)) and points it at users.id. */
export const employeeIdCol = (name = 'employee_id') => varchar(name, { length: 255 });

/** Laravel's `timestamps()`, with database defaults so raw SQL inserts are stamped too. */
export const timestamps = {
  created_at: timestamp('created_at', { mode: 'date' }).defaultNow(),
  updated_at: timestamp('updated_at', { mode: 'date' }).defaultNow().onUpdateNow(),
};

/** Laravel's `id()`: BIGINT UNSIGNED AUTO_INCREMENT primary key. */
export const autoId = (name = 'id') => bigint(name, { mode: 'number', unsigned: true }).autoincrement().primaryKey();

/** Laravel's `unsignedBigInteger()` foreign key to an auto-increment id. */
export const bigIdRef = (name: string) => bigint(name, { mode: 'number', unsigned: true });
