import { resolve } from 'node:path';
import { createDb, type Database } from './client.js';
import { createCipher, loadEncryptionKey } from './crypto.js';

/** The environment variables the database layer reads. Every app opens its database through this. */
export interface DatabaseEnv {
  readonly DATABASE_URL?: string | undefined;
  readonly SALESCHANNEL_DATA_DIR?: string | undefined;
  readonly SALESCHANNEL_ENCRYPTION_KEY?: string | undefined;
  readonly NODE_ENV?: string | undefined;
}

export function dataDirFrom(env: DatabaseEnv, cwd = process.cwd()): string {
  return resolve(cwd, env.SALESCHANNEL_DATA_DIR?.trim() || '.data');
}

/**
 * Opens the product's database as configured: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * PGlite persisted in `<data dir>/pglite`. Applies the committed migrations.
 */
export async function openDatabase(env: DatabaseEnv, cwd = process.cwd()): Promise<Database> {
  const dataDir = dataDirFrom(env, cwd);
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const key = await loadEncryptionKey({
    envKey: env.SALESCHANNEL_ENCRYPTION_KEY,
    production: env.NODE_ENV === 'production',
    dataDir,
  });
  return createDb({
    url: url || undefined,
    dataDir: url ? undefined : resolve(dataDir, 'pglite'),
    cipher: createCipher(key),
  });
}
