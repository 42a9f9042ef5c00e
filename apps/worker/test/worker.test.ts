import { createLogger } from '@saleschannel/core';
import { createTestDatabase } from '@saleschannel/db/testing';
import { describe, expect, it } from 'vitest';
import { startWorker } from '../src/worker.js';

describe('worker', () => {
  it('connects, keeps a heartbeat while idle, and stops cleanly', async () => {
    const database = await createTestDatabase();
    const runtime = {
      database,
      logger: createLogger({ LOG_LEVEL: 'silent' }),
      close: () => database.destroy(),
    };
    const worker = await startWorker(runtime, { heartbeatMs: 20 });
    const first = worker.lastHeartbeat();
    expect(first).toBeInstanceOf(Date);
    await expect
      .poll(() => worker.lastHeartbeat()?.getTime(), { timeout: 5_000 })
      .toBeGreaterThan(first?.getTime() ?? 0);
    await worker.stop();
    await database.destroy();
  });

  it('refuses to start when the database cannot be reached', async () => {
    const database = await createTestDatabase();
    await database.destroy();
    const runtime = { database, logger: createLogger({ LOG_LEVEL: 'silent' }), close: async () => {} };
    await expect(startWorker(runtime)).rejects.toThrow();
  });
});
