import { communicationErrors, inboundNotifications } from '@saleschannel/db';
import { createTestDatabase, seedAccount, type TestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearLogHistory } from '../src/logs.js';
import { updateOrderSettings } from '../src/settings.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

describe('Clear Log History', () => {
  it("keeps each account's communication errors for its retention, those of no account a month, and handled notifications for a week", async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const monthly = (await seedAccount(database)).accountId;
    const daily = (await seedAccount(database)).accountId;
    await updateOrderSettings(database.db, daily, { logRetention: 'daily' });
    const error = (accountId: string | null, days: number) => ({
      accountId,
      system: 'amazon',
      operation: 'searchOrders',
      message: `${days} days old`,
      createdAt: daysAgo(days),
    });
    await database.db
      .insert(communicationErrors)
      .values([
        error(monthly, 2),
        error(monthly, 40),
        error(daily, 0.5),
        error(daily, 2),
        error(null, 20),
        error(null, 40),
      ]);
    await database.db.insert(inboundNotifications).values([
      {
        notificationId: 'old-handled',
        notificationType: 'ORDER_CHANGE',
        receivedAt: daysAgo(10),
        processedAt: daysAgo(10),
      },
      { notificationId: 'old-unhandled', notificationType: 'ORDER_CHANGE', receivedAt: daysAgo(10) },
      {
        notificationId: 'recent',
        notificationType: 'ORDER_CHANGE',
        receivedAt: daysAgo(1),
        processedAt: daysAgo(1),
      },
    ]);
    expect(await clearLogHistory(database.db, now)).toBe(4);
    const left = await database.db.select().from(communicationErrors);
    expect(left.map((e) => [e.accountId, e.message]).sort()).toEqual(
      [
        [monthly, '2 days old'],
        [daily, '0.5 days old'],
        [null, '20 days old'],
      ].sort(),
    );
    expect(
      (await database.db.select().from(inboundNotifications)).map((n) => n.notificationId).sort(),
    ).toEqual(['old-unhandled', 'recent']);
  });
});
