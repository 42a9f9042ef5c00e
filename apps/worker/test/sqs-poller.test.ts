import { type SqsStandIn, startSqsStandIn } from '@saleschannel/amazon-stand-in';
import type { Runtime } from '@saleschannel/core';
import {
  type ConnectedStandIns,
  connectStandIns,
  orderChangeNotification,
  testRuntime,
  unshippedMfnOrder,
} from '@saleschannel/core/stand-ins';
import { amazonOrders, communicationErrors, inboundNotifications } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SqsPollerOptions, sqsPollerOptionsFromEnv, startSqsPoller } from '../src/sqs-poller.js';
import { type RunningWorker, startWorker } from '../src/worker.js';

const QUEUE = 'saleschannel-order-change';

let database: TestDatabase;
let runtime: Runtime;
let standIns: ConnectedStandIns;
let sqs: SqsStandIn;
let worker: RunningWorker | undefined;

const pollerOptions = (): SqsPollerOptions => ({
  queueUrl: sqs.queueUrl(QUEUE),
  region: sqs.region,
  endpoint: sqs.url,
  credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' },
  // Short, so that a message left in the queue comes back within the test.
  visibilityTimeoutSeconds: 1,
  backoff: { initialMs: 100, maxMs: 1000 },
});
const start = async () => {
  worker = await startWorker(runtime, { pollingIntervalSeconds: 0.5, sqs: pollerOptions() });
};

const importState = async (amazonOrderId: string) =>
  (await database.db.select().from(amazonOrders).where(eq(amazonOrders.amazonOrderId, amazonOrderId)))[0]
    ?.importState;
const inCommerce = (amazonOrderId: string) =>
  [...standIns.commerce.store.orders.values()].filter((o) => o.ext_order_id === amazonOrderId);
const counted = async (outcome: string) => {
  const line = (await runtime.metrics.render())
    .split('\n')
    .find((l) => l.startsWith(`saleschannel_sqs_notifications_total{outcome="${outcome}"}`));
  return Number(line?.split(' ')[1] ?? 0);
};
const notificationOf = (amazonOrderId: string, notificationId?: string) =>
  JSON.stringify(
    orderChangeNotification({
      sellerId: standIns.amazon.account.sellerId,
      amazonOrderId,
      ...(notificationId ? { notificationId } : {}),
    }),
  );

describe('the SQS poller', () => {
  beforeEach(async () => {
    database = await createTestDatabase();
    runtime = testRuntime(database);
    // All of Amazon's history is older than the account: only notifications bring orders in, not the polling sync.
    standIns = await connectStandIns(database, {
      amazon: { orders: { count: 8, seed: 99, historyMs: 3 * 24 * 3600_000 } },
    });
    await database.executeSql(`update accounts set created_at = now() + interval '7 days'`);
    sqs = await startSqsStandIn({ amazon: standIns.amazon.store });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await (await runtime.jobs()).stop();
    await sqs.close();
    await standIns.close();
    await database.destroy();
  });

  it('imports an order whose change Amazon delivered to the queue, and deletes the message', async () => {
    // The seller subscribed ORDER_CHANGE to the SQS destination.
    const store = standIns.amazon.store;
    store.destinations.set('destination-sqs', {
      destinationId: 'destination-sqs',
      name: 'saleschannel',
      resource: { sqs: { arn: sqs.queueArn(QUEUE) } },
    });
    store.subscriptions.set('subscription-sqs', {
      subscriptionId: 'subscription-sqs',
      notificationType: 'ORDER_CHANGE',
      sellerId: standIns.amazon.account.sellerId,
      payloadVersion: '1.0',
      destinationId: 'destination-sqs',
      createdAt: store.clock.now(),
    });
    await start();
    const order = unshippedMfnOrder(standIns);
    store.touch(order, 'OrderStatusChange', 'PaymentAuthorized');

    await expect
      .poll(() => importState(order.amazonOrderId), { timeout: 30_000, interval: 200 })
      .toBe('imported');
    expect(inCommerce(order.amazonOrderId)).toHaveLength(1);
    await expect.poll(() => sqs.messages(QUEUE), { timeout: 10_000 }).toEqual([]);
    expect(await counted('queued')).toBe(1);
    expect(standIns.commerce.store.orders.size).toBe(1);
  });

  it('makes no second order of a notification delivered twice', async () => {
    const order = unshippedMfnOrder(standIns);
    const body = notificationOf(order.amazonOrderId, crypto.randomUUID());
    sqs.send(QUEUE, body);
    sqs.send(QUEUE, body);
    await start();

    await expect
      .poll(() => importState(order.amazonOrderId), { timeout: 30_000, interval: 200 })
      .toBe('imported');
    await expect.poll(() => sqs.messages(QUEUE), { timeout: 10_000 }).toEqual([]);
    expect(await counted('queued')).toBe(1);
    expect(await counted('duplicate')).toBe(1);
    expect(await database.db.select().from(inboundNotifications)).toHaveLength(1);
    expect(inCommerce(order.amazonOrderId)).toHaveLength(1);
    expect(standIns.commerce.store.orders.size).toBe(1);
  });

  it('logs and drops a message that is not a valid notification, and goes on with the next', async () => {
    const order = unshippedMfnOrder(standIns);
    const invalid = JSON.parse(notificationOf(order.amazonOrderId)) as {
      Payload: { OrderChangeNotification: Record<string, unknown> };
    };
    delete invalid.Payload.OrderChangeNotification.AmazonOrderId;
    sqs.send(QUEUE, 'this is not JSON');
    sqs.send(QUEUE, JSON.stringify(invalid));
    sqs.send(QUEUE, notificationOf(order.amazonOrderId));
    await start();

    await expect
      .poll(() => importState(order.amazonOrderId), { timeout: 30_000, interval: 200 })
      .toBe('imported');
    await expect.poll(() => sqs.messages(QUEUE), { timeout: 10_000 }).toEqual([]);
    const logged = await database.db
      .select()
      .from(communicationErrors)
      .where(eq(communicationErrors.operation, 'sqs ORDER_CHANGE'));
    expect(logged.map((e) => [e.accountId, e.errorCode, e.message.includes('AmazonOrderId')]).sort()).toEqual(
      [
        // Not JSON: no account to put it under.
        [null, 'InvalidNotification', false],
        // It names the seller and marketplace of the account: the account's log has it.
        [standIns.accountId, 'InvalidNotification', true],
      ].sort(),
    );
    expect(logged.every((e) => e.system === 'amazon' && e.requestId)).toBe(true);
    expect(await counted('rejected')).toBe(2);
    expect(await counted('queued')).toBe(1);
    expect(inCommerce(order.amazonOrderId)).toHaveLength(1);
  });

  it('leaves a message in the queue while ingestion fails, and takes it once it works again', async () => {
    const order = unshippedMfnOrder(standIns);
    // The database cannot record notifications for now.
    await database.executeSql('alter table inbound_notifications rename to inbound_notifications_away');
    sqs.send(QUEUE, notificationOf(order.amazonOrderId));
    await start();

    // Received, not taken, back in the queue after its visibility timeout, received again.
    await expect
      .poll(() => sqs.messages(QUEUE)[0]?.receiveCount ?? 0, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(2);
    expect(await counted('failed')).toBeGreaterThanOrEqual(1);
    expect(await importState(order.amazonOrderId)).toBeUndefined();

    await database.executeSql('alter table inbound_notifications_away rename to inbound_notifications');
    await expect
      .poll(() => importState(order.amazonOrderId), { timeout: 30_000, interval: 200 })
      .toBe('imported');
    await expect.poll(() => sqs.messages(QUEUE), { timeout: 10_000 }).toEqual([]);
    expect(await counted('queued')).toBe(1);
    expect(inCommerce(order.amazonOrderId)).toHaveLength(1);
  });

  it('stops during a long poll without waiting for it to end', async () => {
    const poller = startSqsPoller(runtime, { ...pollerOptions(), waitTimeSeconds: 20 });
    await expect.poll(() => sqs.receiving(QUEUE), { timeout: 10_000 }).toBe(1);
    // The long poll would last 20 s; stop() ends it instead.
    const stopped = await Promise.race([
      poller.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(resolve, 15_000, 'still polling')),
    ]);
    expect(stopped).toBe('stopped');
    await expect.poll(() => sqs.receiving(QUEUE), { timeout: 10_000 }).toBe(0);
    // Nothing receives any more.
    sqs.send(QUEUE, notificationOf(unshippedMfnOrder(standIns).amazonOrderId));
    expect(sqs.messages(QUEUE)).toMatchObject([{ receiveCount: 0 }]);
  });
});

describe('the SQS settings from the environment', () => {
  it('are off without a queue URL', () => {
    expect(sqsPollerOptionsFromEnv({})).toBeUndefined();
  });

  it('take the region from AWS_REGION, else from the queue URL', () => {
    const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders';
    expect(sqsPollerOptionsFromEnv({ SALESCHANNEL_SQS_QUEUE_URL: queueUrl })).toEqual({
      queueUrl,
      region: 'eu-west-1',
    });
    expect(
      sqsPollerOptionsFromEnv({
        SALESCHANNEL_SQS_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/orders',
        SALESCHANNEL_SQS_ENDPOINT: 'http://127.0.0.1:4566',
        AWS_REGION: 'us-east-1',
      }),
    ).toEqual({
      queueUrl: 'http://127.0.0.1:4566/000000000000/orders',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
    });
  });

  it('refuse a queue URL without a region to read', () => {
    expect(() =>
      sqsPollerOptionsFromEnv({ SALESCHANNEL_SQS_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/orders' }),
    ).toThrow(/AWS_REGION/);
    expect(() => sqsPollerOptionsFromEnv({ SALESCHANNEL_SQS_QUEUE_URL: 'not a url' })).toThrow(/not a URL/);
  });
});
