import {
  commerceClientFor,
  createApiToken,
  loadAccountConnection,
  type Runtime,
  syncAccount,
} from '@saleschannel/core';
import { type ConnectedStandIns, connectStandIns, testRuntime } from '@saleschannel/core/stand-ins';
import { amazonOrders } from '@saleschannel/db';
import { createTestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';

let runtime: Runtime;
let standIns: ConnectedStandIns;
let token: string;

beforeEach(async () => {
  const database = await createTestDatabase();
  runtime = testRuntime(database);
  standIns = await connectStandIns(database, {
    amazon: { orders: { count: 15, seed: 8, historyMs: 8 * 3600_000 } },
  });
  ({ token } = await createApiToken(database.db, { name: 'commerce', scopes: ['notifications:write'] }));
});
afterEach(async () => {
  await standIns.close();
  await runtime.close();
});

describe('POST /v1/events/commerce/shipment', () => {
  it('records the shipment confirmation once and the next sync confirms it on Amazon', async () => {
    await syncAccount(runtime, standIns.accountId);
    const [row] = (await runtime.database.db.select().from(amazonOrders)).filter(
      (o) => o.importState === 'imported' && o.fulfillmentChannel === 'MFN' && o.amazonStatus === 'Unshipped',
    );
    if (!row?.commerceOrderId) {
      throw new Error('no imported unshipped order');
    }
    const client = commerceClientFor(
      await loadAccountConnection(runtime.database.db, runtime.database.cipher, standIns.accountId),
    );
    const shipmentId = await client.shipOrder(row.commerceOrderId, {
      tracks: [{ trackNumber: '1Z999AA10123456784', title: 'UPS', carrierCode: 'ups' }],
    });
    const shipment = await client.getShipment(shipmentId);
    const post = (body: unknown, account = standIns.accountId) =>
      createApp(runtime).request(`/v1/events/commerce/shipment?account=${account}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = await post({ data: { value: shipment } });
    expect(first.status).toBe(202);
    const queued = (await first.json()) as { status: string; actionId: string; created: boolean };
    expect(queued).toMatchObject({ status: 'queued', created: true });
    const again = await post(shipment);
    expect(await again.json()).toMatchObject({ status: 'queued', actionId: queued.actionId, created: false });
    expect((await post({ nonsense: true })).status).toBe(400);
    expect((await post(shipment, 'acc_missing')).status).toBe(404);

    await syncAccount(runtime, standIns.accountId);
    const amazonOrder = standIns.amazon.store.visibleOrder(
      standIns.amazon.account.sellerId,
      row.amazonOrderId,
    );
    expect(amazonOrder?.status).toBe('Shipped');
    expect(amazonOrder?.shipments).toHaveLength(1);
    expect(amazonOrder?.shipments[0]).toMatchObject({ trackingNumber: '1Z999AA10123456784' });
  });
});
