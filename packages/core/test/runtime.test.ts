import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accounts } from '@saleschannel/db';
import { createEmptyDatabaseUrl, seedAccount } from '@saleschannel/db/testing';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.js';

describe('runtime', () => {
  it('opens the embedded database in the data folder by default, and keeps data across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-runtime-'));
    const env = { SALESCHANNEL_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const first = await createRuntime(env);
    expect(first.database.driver).toBe('pglite');
    expect(first.database.location).toBe(`embedded PGlite at ${join(dataDir, 'pglite')}`);
    const { accountId } = await seedAccount(first.database);
    await first.close();

    const second = await createRuntime(env);
    try {
      const rows = await second.database.db.select({ id: accounts.id }).from(accounts);
      expect(rows).toEqual([{ id: accountId }]);
    } finally {
      await second.close();
    }
  });

  it('refuses to start in production without an encryption key', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-runtime-'));
    await expect(
      createRuntime({ SALESCHANNEL_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'silent' }),
    ).rejects.toThrow(/SALESCHANNEL_ENCRYPTION_KEY is not set/);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('uses PostgreSQL when DATABASE_URL is set', async () => {
    const empty = await createEmptyDatabaseUrl();
    const runtime = await createRuntime({ DATABASE_URL: empty.url, LOG_LEVEL: 'silent' });
    try {
      expect(runtime.database.driver).toBe('postgres');
      expect(runtime.database.location).toMatch(/^PostgreSQL at .*\/saleschannel_empty_/);
      await seedAccount(runtime.database);
    } finally {
      await runtime.close();
      await empty.drop();
    }
  });
});
