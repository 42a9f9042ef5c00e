import { createTestDatabase } from '@saleschannel/db/testing';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '../src/health.js';

describe('checkHealth', () => {
  it('reports a reachable database with its driver and location', async () => {
    const database = await createTestDatabase();
    try {
      const report = await checkHealth(database);
      expect(report.status).toBe('ok');
      expect(report.database).toMatchObject({ driver: database.driver, reachable: true });
      expect(report.database.location).toBe(database.location);
    } finally {
      await database.destroy();
    }
  });

  it('reports an unreachable database as unavailable, with the reason', async () => {
    const database = await createTestDatabase();
    await database.destroy();
    const report = await checkHealth(database);
    expect(report.status).toBe('unavailable');
    expect(report.database.reachable).toBe(false);
    expect(report.database.error).toBeTruthy();
  });
});
