/**
 * Test databases: every test gets a fresh, migrated database of its own.
 * - Default: embedded PGlite, cloned from a migrated template kept on disk per migration set (cloning is far
 *   faster than starting and migrating PGlite for every test).
 * - TEST_DATABASE_URL=postgres://…: a new PostgreSQL database created from a migrated template database, and
 *   dropped again afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createDb, type Database, MIGRATIONS_FOLDER } from './client.js';
import { type Cipher, createCipher } from './crypto.js';
import { accounts, amazonCredentials, commerceConnections, orderSettings } from './schema/index.js';

export interface TestDatabase extends Database {
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

let testCipher: Cipher | undefined;
/** One random key per test process: tests see real ciphertext, never a fixed key. */
export function testCipherInstance(): Cipher {
  testCipher ??= createCipher(randomBytes(32));
  return testCipher;
}

export function testDriver(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? createPostgresTestDatabase(url) : createPgliteTestDatabase();
}

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
      } else {
        hash.update(entry.name).update(await readFile(path));
      }
    }
  };
  await walk(MIGRATIONS_FOLDER);
  return hash.digest('hex').slice(0, 16);
}

let pgliteTemplate: Promise<Blob> | undefined;

async function loadPgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `saleschannel-pglite-${await migrationsHash()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const template = await createDb({ cipher: testCipherInstance() });
    const pglite = (template.db as unknown as { $client: PGlite }).$client;
    const dump = await pglite.dumpDataDir('none');
    await template.close();
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Written under a unique name and renamed: parallel test workers never read a half-written template.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, bytes);
    await rename(partial, file);
    return new Blob([bytes]);
  }
}

async function createPgliteTestDatabase(): Promise<TestDatabase> {
  pgliteTemplate ??= loadPgliteTemplate();
  const pglite = await PGlite.create({ loadDataDir: await pgliteTemplate });
  const database = await createDb({ pglite, cipher: testCipherInstance(), migrate: false });
  return { ...database, destroy: () => database.close() };
}

const templates = new Map<string, Promise<string>>();

/** Creates (once, under an advisory lock) a migrated template database named after the migration set. */
async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `saleschannel_tmpl_${await migrationsHash()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(7301442119)`;
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      const building = `${name}_build_${randomBytes(3).toString('hex')}`;
      await admin.unsafe(`create database "${building}"`);
      const template = await createDb({
        url: withDatabase(adminUrl, building),
        cipher: testCipherInstance(),
      });
      await template.close();
      await admin.unsafe(`alter database "${building}" rename to "${name}"`);
    }
    await admin`select pg_advisory_unlock(7301442119)`;
  } finally {
    await admin.end();
  }
  return name;
}

async function createPostgresTestDatabase(adminUrl: string): Promise<TestDatabase> {
  let template = templates.get(adminUrl);
  if (!template) {
    template = postgresTemplate(adminUrl);
    templates.set(adminUrl, template);
  }
  const templateName = await template;
  const name = `saleschannel_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${templateName}"`);
  } finally {
    await admin.end();
  }
  const database = await createDb({
    url: withDatabase(adminUrl, name),
    cipher: testCipherInstance(),
    migrate: false,
    maxConnections: 4,
  });
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * An empty database with no migrations applied: a new PostgreSQL database when TEST_DATABASE_URL is set
 * (`url` names it), otherwise nothing to create (`url` is undefined: createDb opens a new in-memory PGlite).
 */
export async function createEmptyDatabaseUrl(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    return { url: undefined, drop: async () => {} };
  }
  const name = `saleschannel_empty_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Inserts a Commerce connection and an active account with its credentials and default settings. */
export async function seedAccount(
  database: Database,
  overrides: { sellerId?: string; marketplaceId?: string } = {},
): Promise<{ accountId: string; connectionId: string }> {
  const { db, cipher } = database;
  const [connection] = await db
    .insert(commerceConnections)
    .values({
      name: 'Test Commerce',
      baseUrl: 'http://127.0.0.1:9/',
      authMode: 'bearer',
      secrets: cipher.encryptJson({ accessToken: 'test-access-token' }),
    })
    .returning({ id: commerceConnections.id });
  if (!connection) {
    throw new Error('the Commerce connection was not inserted');
  }
  const [account] = await db
    .insert(accounts)
    .values({
      displayName: 'Test store US',
      sellerId: overrides.sellerId ?? `A${randomBytes(6).toString('hex').toUpperCase()}`,
      marketplaceId: overrides.marketplaceId ?? 'ATVPDKIKX0DER',
      region: 'na',
      commerceConnectionId: connection.id,
      commerceWebsiteId: 1,
    })
    .returning({ id: accounts.id });
  if (!account) {
    throw new Error('the account was not inserted');
  }
  await db.insert(amazonCredentials).values({
    accountId: account.id,
    lwaClientId: 'amzn1.application-oa2-client.test',
    lwaClientSecret: cipher.encrypt('test-client-secret'),
    refreshToken: cipher.encrypt('Atzr|test-refresh-token'),
  });
  await db.insert(orderSettings).values({ accountId: account.id });
  return { accountId: account.id, connectionId: connection.id };
}
