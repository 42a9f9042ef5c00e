import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Cipher } from './crypto.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The Drizzle database, the same type on both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Query functions take either, so a caller can run them inside its own transaction. */
export type DbOrTx = Db | Tx;

export type Driver = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly driver: Driver;
  /** Where the data lives, safe to show and log (never a password). */
  readonly location: string;
  readonly cipher: Cipher;
  /**
   * The PostgreSQL connection URL (it may hold a password: never log it), for infrastructure that brings its own
   * driver, such as the job queue. Undefined for the embedded PGlite.
   */
  readonly url?: string;
  /** Raw SQL for infrastructure that brings its own queries (the job queue on PGlite). Parameters as $1, $2, …. */
  executeSql(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** `postgres://…`: PostgreSQL through postgres.js. Absent: embedded PGlite. */
  readonly url?: string | undefined;
  /** Folder of the embedded database (PGlite); omitted means in memory. */
  readonly dataDir?: string | undefined;
  /** An already opened PGlite instance (tests clone one from a template). */
  readonly pglite?: PGlite | undefined;
  readonly cipher: Cipher;
  /** Apply the committed migrations before returning. Default true. */
  readonly migrate?: boolean | undefined;
  /** Connection pool size for PostgreSQL. Default 10. */
  readonly maxConnections?: number | undefined;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Any two saleschannel processes migrating the same PostgreSQL at once take turns on this advisory lock. */
const MIGRATION_LOCK = 7_301_442_118;

export async function createDb(options: CreateDbOptions): Promise<Database> {
  const database = options.url
    ? createPostgres(options.url, options.cipher, options.maxConnections ?? 10)
    : await createPglite(options);
  if (options.migrate ?? true) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

async function createPglite(options: CreateDbOptions): Promise<Database> {
  let client = options.pglite;
  if (!client) {
    if (options.dataDir) {
      await mkdir(options.dataDir, { recursive: true });
    }
    client = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  }
  const pglite = client;
  const db = drizzlePglite({ client: pglite, schema, casing: 'snake_case' }) as unknown as Db;
  const executeSql = async (text: string, values?: readonly unknown[]) => {
    if (values && values.length > 0) {
      const result = await pglite.query(text, values as unknown[]);
      return { rows: result.rows };
    }
    // Parameterless SQL may hold several statements (migrations, BEGIN … COMMIT blocks of the job queue); exec
    // runs them all. A block that fails half-way would leave the single PGlite session in an aborted
    // transaction, so it is rolled back before the error goes up.
    try {
      const results = await pglite.exec(text);
      return { rows: results.flatMap((result) => result.rows) };
    } catch (error) {
      await pglite.exec('ROLLBACK').catch(() => {});
      throw error;
    }
  };
  return {
    db,
    driver: 'pglite',
    location: options.dataDir ? `embedded PGlite at ${options.dataDir}` : 'embedded PGlite in memory',
    cipher: options.cipher,
    executeSql,
    ping: async () => {
      await pglite.query('select 1');
    },
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pglite.close(),
  };
}

function createPostgres(url: string, cipher: Cipher, max: number): Database {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    url,
    location: `PostgreSQL at ${describePostgresUrl(url)}`,
    cipher,
    executeSql: async (text, values) => ({
      rows: [...(await client.unsafe(text, (values ?? []) as postgres.ParameterOrJSON<never>[]))],
    }),
    ping: async () => {
      await client`select 1`;
    },
    migrate: async () => {
      // A dedicated connection holds the advisory lock for the whole migration.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres({ client: lockClient }), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await lockClient.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** `postgres://user:secret@host:5432/db?…` → `user@host:5432/db`. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}
