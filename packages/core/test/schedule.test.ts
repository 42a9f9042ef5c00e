import { accounts, syncCursors } from '@saleschannel/db';
import { createTestDatabase, seedAccount, type TestDatabase } from '@saleschannel/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateOrderSettings } from '../src/settings.js';
import { dueAccounts } from '../src/sync/schedule.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

describe('dueAccounts', () => {
  it('is every active account never synced, or last synced longer ago than its frequency', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const never = (await seedAccount(database)).accountId;
    const recent = (await seedAccount(database)).accountId;
    const stale = (await seedAccount(database)).accountId;
    const slow = (await seedAccount(database)).accountId;
    const paused = (await seedAccount(database)).accountId;
    const ranAt = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    await database.db.insert(syncCursors).values([
      { accountId: recent, stream: 'amazon_orders', lastRunAt: ranAt(2) },
      { accountId: stale, stream: 'amazon_orders', lastRunAt: ranAt(5) },
      { accountId: slow, stream: 'amazon_orders', lastRunAt: ranAt(30) },
    ]);
    await updateOrderSettings(database.db, slow, { syncFrequencyMinutes: 60 });
    await database.db.update(accounts).set({ status: 'paused' }).where(eq(accounts.id, paused));
    expect((await dueAccounts(database.db, now)).sort()).toEqual([never, stale].sort());
  });
});
