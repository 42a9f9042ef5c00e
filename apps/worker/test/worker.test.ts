import { type ConnectedStandIns, connectStandIns, testRuntime } from '@saleschannel/core/stand-ins';
import { amazonCredentials, amazonOrders, communicationErrors, syncCursors } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../src/worker.js';

let database: TestDatabase;
let standIns: ConnectedStandIns | undefined;
let worker: RunningWorker | undefined;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await standIns?.close();
  standIns = undefined;
  await database.destroy();
});

const imported = async (accountId: string) =>
  (await database.db.select().from(amazonOrders).where(eq(amazonOrders.accountId, accountId))).filter(
    (row) => row.importState === 'imported',
  ).length;

describe('worker', () => {
  it('syncs a due account on start and imports its orders into Commerce', async () => {
    standIns = await connectStandIns(database, {
      amazon: { orders: { count: 15, seed: 3, historyMs: 6 * 3600_000 } },
    });
    worker = await startWorker(testRuntime(database), { pollingIntervalSeconds: 0.5 });
    const { accountId, commerce } = standIns;
    // Orders are imported one by one during the sync: compare both sides once the sync has finished.
    const lastSuccess = async () =>
      (await database.db.select().from(syncCursors).where(eq(syncCursors.accountId, accountId)))[0]
        ?.lastSuccessAt;
    await expect.poll(lastSuccess, { timeout: 20_000, interval: 250 }).toBeInstanceOf(Date);
    expect(await imported(accountId)).toBeGreaterThan(0);
    expect(commerce.store.orders.size).toBe(await imported(accountId));
  });

  it('records why a sync failed, for the operator to see', async () => {
    standIns = await connectStandIns(database, { amazon: { orders: false } });
    const { accountId } = standIns;
    // The seller revoked the app: Amazon refuses the refresh token.
    await database.db
      .update(amazonCredentials)
      .set({ refreshToken: database.cipher.encrypt('Atzr|revoked') })
      .where(eq(amazonCredentials.accountId, accountId));
    worker = await startWorker(testRuntime(database), { pollingIntervalSeconds: 0.5 });
    await expect
      .poll(
        async () =>
          (await database.db.select().from(syncCursors).where(eq(syncCursors.accountId, accountId)))[0]
            ?.lastError,
        { timeout: 20_000, interval: 250 },
      )
      .toBeTruthy();
    // The Communication Errors log has the failed call to Amazon.
    const [logged] = await database.db
      .select()
      .from(communicationErrors)
      .where(eq(communicationErrors.accountId, accountId));
    expect(logged).toMatchObject({ system: 'amazon' });
  });

  it('refuses to start when the database cannot be reached', async () => {
    await database.destroy();
    await expect(startWorker(testRuntime(database))).rejects.toThrow();
    database = await createTestDatabase();
  });
});
