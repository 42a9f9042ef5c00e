import { createApiToken, type Runtime } from '@saleschannel/core';
import {
  type ConnectedStandIns,
  connectStandIns,
  orderChangeNotification,
  testRuntime,
} from '@saleschannel/core/stand-ins';
import { createTestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';

let runtime: Runtime;
let standIns: ConnectedStandIns;
let token: string;

beforeEach(async () => {
  const database = await createTestDatabase();
  runtime = testRuntime(database);
  standIns = await connectStandIns(database, { amazon: { orders: false } });
  ({ token } = await createApiToken(database.db, { name: 'EventBridge', scopes: ['notifications:write'] }));
});
afterEach(async () => {
  await standIns.close();
  await runtime.close();
});

const PATH = '/v1/notifications/amazon/order-change';
const post = (body: unknown, authorization?: string) =>
  createApp(runtime).request(PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe(`POST ${PATH}`, () => {
  const notification = () =>
    orderChangeNotification({
      sellerId: standIns.amazon.account.sellerId,
      amazonOrderId: '111-2223334-5556667',
      notificationId: 'n-42',
    });

  it('queues the order on the first delivery and answers a duplicate with 200', async () => {
    const first = await post(notification(), `Bearer ${token}`);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({
      status: 'queued',
      accountId: standIns.accountId,
      amazonOrderId: '111-2223334-5556667',
    });
    const again = await post(notification(), `Bearer ${token}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate', notificationId: 'n-42' });
  });

  it('needs a token with the notifications scope', async () => {
    expect((await post(notification())).status).toBe(401);
    expect((await post(notification(), 'Bearer sc_wrong')).status).toBe(401);
    const { token: reader } = await createApiToken(runtime.database.db, {
      name: 'reader',
      scopes: ['orders:read'],
    });
    const forbidden = await post(notification(), `Bearer ${reader}`);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('explains a body that is not a valid notification', async () => {
    const notJson = await post('{', `Bearer ${token}`);
    expect(notJson.status).toBe(400);
    const invalid = await post({ NotificationType: 'ORDER_CHANGE' }, `Bearer ${token}`);
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; message: string; details: unknown[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('Payload');
    expect(body.error.details.length).toBeGreaterThan(0);
  });
});
