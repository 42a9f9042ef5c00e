import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderChangeValidationError, parseOrderChangeNotification } from '../src/order-change.js';
import { type Pair, startPair, US } from './helpers.js';

const schema = JSON.parse(
  readFileSync(new URL('../models/OrderChangeNotification.json', import.meta.url), 'utf8'),
) as {
  examples: unknown[];
};

describe('ORDER_CHANGE payloads', () => {
  it('accepts every example of the official schema, typed', () => {
    expect(schema.examples.length).toBeGreaterThan(0);
    for (const example of schema.examples) {
      const parsed = parseOrderChangeNotification(JSON.stringify(example));
      expect(parsed.NotificationType).toBe('ORDER_CHANGE');
      expect(parsed.Payload.OrderChangeNotification.AmazonOrderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
    }
  });

  it('rejects payloads that break the schema, saying where', () => {
    const example = structuredClone(schema.examples[0]) as {
      Payload: { OrderChangeNotification: { Summary: { OrderStatus: string }; AmazonOrderId?: string } };
    };
    example.Payload.OrderChangeNotification.Summary.OrderStatus = 'Lost';
    delete example.Payload.OrderChangeNotification.AmazonOrderId;
    try {
      parseOrderChangeNotification(example);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OrderChangeValidationError);
      const problems = (error as OrderChangeValidationError).problems.join('\n');
      expect(problems).toContain('/Payload/OrderChangeNotification/Summary/OrderStatus');
      expect(problems).toContain("must have required property 'AmazonOrderId'");
    }
    expect(() => parseOrderChangeNotification('{not json')).toThrow(OrderChangeValidationError);
    expect(() =>
      parseOrderChangeNotification({
        ...(schema.examples[0] as object),
        NotificationType: 'ANY_OFFER_CHANGED',
      }),
    ).toThrow(OrderChangeValidationError);
  });
});

describe('destination and ORDER_CHANGE subscription on the stand-in', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair({ orders: false });
  });
  afterAll(() => pair.standIn.close());

  it('creates an SQS destination (grantless) and an ORDER_CHANGE subscription with a filter', async () => {
    const destination = await pair.client.notifications.createDestination({
      name: 'saleschannel-orders',
      resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:444455556666:saleschannel' } },
    });
    expect(destination.resource.sqs?.arn).toBe('arn:aws:sqs:us-east-1:444455556666:saleschannel');
    const subscription = await pair.client.notifications.createOrderChangeSubscription(
      destination.destinationId,
      {
        orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'],
        marketplaceIds: [US],
      },
    );
    expect(subscription.destinationId).toBe(destination.destinationId);
    expect(subscription.processingDirective?.eventFilter?.eventFilterType).toBe('ORDER_CHANGE');
    expect((await pair.client.notifications.getSubscription('ORDER_CHANGE')).subscriptionId).toBe(
      subscription.subscriptionId,
    );
    // A second subscription for the same type is a conflict.
    await expect(
      pair.client.notifications.createOrderChangeSubscription(destination.destinationId),
    ).rejects.toMatchObject({
      status: 409,
    });
    const stats = pair.standIn.stats();
    expect(stats['notifications.createDestination']?.statuses).toEqual({ 200: 1 });
  });

  it('the notifications the stand-in publishes for order changes pass the ORDER_CHANGE validator', async () => {
    const { orderChangeNotifications, seedOrders } = await import('@saleschannel/amazon-stand-in');
    seedOrders(pair.standIn.store, {
      count: 30,
      seed: 12,
      sellerId: pair.standIn.account.sellerId,
      historyMs: 86_400_000,
    });
    const notifications = orderChangeNotifications(pair.standIn.store);
    expect(notifications.length).toBeGreaterThan(30);
    const parsed = notifications.map((n) => parseOrderChangeNotification(JSON.stringify(n)));
    const types = new Set(parsed.map((p) => p.Payload.OrderChangeNotification.OrderChangeType));
    expect(types).toEqual(new Set(['OrderStatusChange', 'BuyerRequestedChange']));
    const statuses = new Set(parsed.map((p) => p.Payload.OrderChangeNotification.Summary.OrderStatus));
    expect(statuses.has('Unshipped')).toBe(true);
    expect(statuses.has('Shipped')).toBe(true);
    expect(new Set(parsed.map((p) => p.NotificationMetadata.NotificationId)).size).toBe(parsed.length);
  });
});
