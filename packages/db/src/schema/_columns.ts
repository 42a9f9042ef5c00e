import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, numeric, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from '../id.js';

/** Primary key holding a prefixed random id. */
export const idColumn = (prefix: string) =>
  text()
    .primaryKey()
    .$defaultFn(() => newId(prefix));

/** Exact money: numeric, read and written as a decimal string. Never a float. */
export const money = () => numeric({ precision: 20, scale: 4 });

/** Ciphertext of a secret or PII, written only through the Cipher (AES-256-GCM). */
export const encrypted = () => text();

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const lifecycleDates = { createdAt: createdAt(), updatedAt: updatedAt() };

/** SQL for `column IN ('a', 'b', …)`, used by check constraints built from the domain's `as const` tuples. */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  const list = sql.join(
    values.map((value) => sql.raw(`'${value.replaceAll("'", "''")}'`)),
    sql.raw(', '),
  );
  return sql`${column} in (${list})`;
}
