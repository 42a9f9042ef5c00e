/**
 * Contract tests against Amazon's official models:
 * 1. every request the client sends (a tour of every operation) is valid for its model: method, path,
 *    required parameters, parameter types/enums/limits and the body schema;
 * 2. every response the stand-in gave on that tour matches the model's response schema;
 * 3. every example response in the models parses through the client, and order examples normalise.
 */
import { checkRequest, loadModels, type ModelOperation } from '@saleschannel/amazon-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SellingPartnerClient } from '../src/client.js';
import type { Order as Order2026 } from '../src/generated/orders-2026-01-01.js';
import type { OrderItem as OrderItemV0, Order as OrderV0 } from '../src/generated/orders-v0.js';
import { normalize2026Order, normalizeV0Order } from '../src/normalize.js';
import { OPERATIONS } from '../src/operations.js';
import { INCLUDED_DATA } from '../src/orders-2026.js';
import { ago, type Pair, startPair, US } from './helpers.js';

const models = loadModels();

interface Exchange {
  method: string;
  url: string;
  body: unknown;
  status: number;
  response: unknown;
}

let pair: Pair;
const exchanges: Exchange[] = [];

async function tour(client: SellingPartnerClient, pairStandIn: Pair['standIn']): Promise<void> {
  const since = ago(pairStandIn, 10 * 86_400_000);
  const filters = {
    createdAfter: since,
    createdBefore: ago(pairStandIn, 5 * 60_000),
    marketplaceIds: [US],
    fulfillmentStatuses: ['UNSHIPPED', 'SHIPPED', 'PARTIALLY_SHIPPED', 'PENDING', 'CANCELLED'] as const,
    fulfilledBy: ['MERCHANT', 'AMAZON'] as const,
  };
  const page = await client.orders.searchOrders({
    ...filters,
    maxResultsPerPage: 5,
    includedData: INCLUDED_DATA,
  });
  // The next page repeats every filter; maxResultsPerPage and includedData may change.
  await client.orders.searchOrders({
    ...filters,
    maxResultsPerPage: 7,
    paginationToken: page.pagination?.nextToken,
  });
  await client.orders.searchOrders({
    lastUpdatedAfter: since,
    lastUpdatedBefore: ago(pairStandIn, 3 * 60_000),
    marketplaceIds: [US],
  });
  const all = await client.orders.searchOrders({
    createdAfter: since,
    marketplaceIds: [US],
    includedData: ['FULFILLMENT'],
  });
  const unshipped = all.orders.find(
    (o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED' && o.fulfillment.fulfilledBy === 'MERCHANT',
  );
  const any = all.orders[0];
  if (!unshipped || !any) {
    throw new Error('scenario has no unshipped MFN order');
  }
  await client.orders.getOrder(any.orderId, ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES']);

  const v0 = await client.ordersV0.getOrders(
    {
      MarketplaceIds: [US],
      CreatedAfter: since,
      CreatedBefore: ago(pairStandIn, 3 * 60_000),
      OrderStatuses: ['Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Pending'],
      FulfillmentChannels: ['MFN', 'AFN'],
      PaymentMethods: ['Other'],
      MaxResultsPerPage: 10,
      EasyShipShipmentStatuses: ['PendingPickUp'],
      ElectronicInvoiceStatuses: ['NotRequired'],
      IsISPU: false,
    },
    { pii: true },
  );
  await client.ordersV0.getOrders({ MarketplaceIds: [US], LastUpdatedAfter: since, NextToken: v0.NextToken });
  await client.ordersV0.getOrders({ MarketplaceIds: [US], AmazonOrderIds: [any.orderId] });
  await client.ordersV0.getOrders({ MarketplaceIds: [US], CreatedAfter: since, SellerOrderId: 'SO-1' });
  await client.ordersV0.getOrders({
    MarketplaceIds: [US],
    LastUpdatedAfter: since,
    BuyerEmail: 'buyer@marketplace.amazon.com',
    EarliestDeliveryDateAfter: since,
    EarliestDeliveryDateBefore: ago(pairStandIn, 60_000),
    LatestDeliveryDateAfter: since,
    LatestDeliveryDateBefore: new Date(pairStandIn.clock.now() + 86_400_000),
    ActualFulfillmentSupplySourceId: 'supply-1',
    StoreChainStoreId: 'store-1',
  });
  await client.ordersV0.getOrder(any.orderId, { pii: ['shippingAddress'] });
  await client.ordersV0.getOrderItems(any.orderId, undefined, { pii: true });
  await client.ordersV0.getOrderAddress(any.orderId, { pii: true });
  await client.ordersV0.getOrderBuyerInfo(any.orderId, { pii: true });
  await client.ordersV0.getOrderItemsBuyerInfo(any.orderId);
  await client.ordersV0.getOrderRegulatedInfo(any.orderId).catch(() => undefined);
  await client.ordersV0
    .updateVerificationStatus(any.orderId, {
      regulatedOrderVerificationStatus: { status: 'Approved', externalReviewerId: 'reviewer-1' },
    })
    .catch(() => undefined);
  const items = await client.ordersV0.getOrderItems(unshipped.orderId);
  await client.ordersV0.updateShipmentStatus(unshipped.orderId, {
    marketplaceId: US,
    shipmentStatus: 'ReadyForPickup',
    orderItems: items.OrderItems.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered })),
  });
  await client.ordersV0.confirmShipment(unshipped.orderId, {
    marketplaceId: US,
    packageDetail: {
      packageReferenceId: 1,
      carrierCode: 'UPS',
      shippingMethod: 'Ground',
      trackingNumber: '1Z999AA10123456784',
      shipDate: new Date(pairStandIn.clock.now() - 60_000),
      orderItems: items.OrderItems.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered })),
    },
  });

  const doc = await client.feeds.createFeedDocument('text/xml; charset=UTF-8');
  await client.feeds.uploadFeedDocument(doc.url, '<AmazonEnvelope/>', 'text/xml; charset=UTF-8');
  const { feedId } = await client.feeds.createFeed({
    feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA',
    marketplaceIds: [US],
    inputFeedDocumentId: doc.feedDocumentId,
    feedOptions: {},
  });
  await client.feeds.cancelFeed(feedId);
  const second = await client.feeds.createFeedDocument('text/xml; charset=UTF-8');
  await client.feeds.uploadFeedDocument(second.url, '<AmazonEnvelope/>', 'text/xml; charset=UTF-8');
  const created = await client.feeds.createFeed({
    feedType: 'POST_ORDER_FULFILLMENT_DATA',
    marketplaceIds: [US],
    inputFeedDocumentId: second.feedDocumentId,
  });
  const done = await client.feeds.waitForFeed(created.feedId, { pollIntervalMs: 5_000 });
  await client.feeds.getFeeds({
    feedTypes: ['POST_ORDER_FULFILLMENT_DATA', 'POST_ORDER_ACKNOWLEDGEMENT_DATA'],
    marketplaceIds: [US],
    pageSize: 10,
    processingStatuses: ['DONE', 'CANCELLED'],
    createdSince: ago(pairStandIn, 86_400_000),
  });
  await client.feeds.getFeedDocument(done.resultFeedDocumentId ?? '');
  await client.tokens.createRestrictedDataToken({
    targetApplication: 'amzn1.sellerapps.app.target-application',
    restrictedResources: [
      { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['buyerInfo'] },
    ],
  });

  const destination = await client.notifications.createDestination({
    name: 'orders',
    resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:444455556666:orders' } },
  });
  await client.notifications.getDestinations();
  await client.notifications.getDestination(destination.destinationId);
  const subscription = await client.notifications.createOrderChangeSubscription(destination.destinationId, {
    orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'],
    marketplaceIds: [US],
    aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' },
  });
  await client.notifications.getSubscription('ORDER_CHANGE', '1.0');
  await client.notifications.getSubscriptions({ notificationTypes: ['ORDER_CHANGE'], pageSize: 30 });
  await client.notifications.getSubscriptionById('ORDER_CHANGE', subscription.subscriptionId);
  await client.notifications
    .sendTestNotification('ORDER_CHANGE', { subscriptionId: subscription.subscriptionId })
    .catch(() => undefined);
  await client.notifications.deleteSubscriptionById('ORDER_CHANGE', subscription.subscriptionId);
  await client.notifications.deleteDestination(destination.destinationId);
}

beforeAll(async () => {
  pair = await startPair({ speed: 200, orders: { count: 40, seed: 3 } });
  const base = pair.standIn.url;
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = String(input);
    if (url.startsWith(base) && !url.includes('/auth/o2/token') && !url.includes('/_documents/')) {
      const text = await response.clone().text();
      exchanges.push({
        method: init?.method ?? 'GET',
        url,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        status: response.status,
        response: text ? JSON.parse(text) : undefined,
      });
    }
    return response;
  };
  await tour(pair.makeClient({ fetch: recording }), pair.standIn);
}, 60_000);
afterAll(() => pair.standIn.close());

describe('requests the client sends', () => {
  it('exercise every operation of the five models', () => {
    const sent = new Set(exchanges.map((e) => checkRequest(models, e).operation?.name));
    expect([...sent].sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it('are valid for the models (method, path, required parameters, types, enums, body schema)', () => {
    const problems = exchanges.flatMap((e) =>
      checkRequest(models, e).problems.map((p) => `${e.method} ${new URL(e.url).pathname}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('send confirmShipment packageReferenceId as a string', () => {
    const confirm = exchanges.find((e) => e.url.endsWith('/shipmentConfirmation'));
    const body = confirm?.body as { packageDetail: { packageReferenceId: unknown } } | undefined;
    expect(body?.packageDetail.packageReferenceId).toBe('1');
  });

  it('a broken request is caught by the same check (the check can fail)', () => {
    const bad = checkRequest(models, {
      method: 'POST',
      url: 'http://x/orders/v0/orders/111-1111111-1111111/shipmentConfirmation',
      body: { marketplaceId: US, packageDetail: { packageReferenceId: 1, carrierCode: 'UPS' } },
    });
    expect(bad.problems).toContain('body/packageDetail/packageReferenceId must be string');
    expect(
      checkRequest(models, { method: 'GET', url: 'http://x/orders/v0/orders?CreatedAfter=x' }).problems,
    ).toContain('missing required query parameter MarketplaceIds');
    expect(
      checkRequest(models, {
        method: 'GET',
        url: 'http://x/orders/2026-01-01/orders?fulfillmentStatuses=SHIPPING',
      }).problems,
    ).toContain(
      'fulfillmentStatuses value SHIPPING is not one of PENDING_AVAILABILITY, PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, UNFULFILLABLE',
    );
  });
});

describe('responses of the stand-in', () => {
  it('match the response schemas of the models', () => {
    const problems: string[] = [];
    for (const e of exchanges) {
      const operation = checkRequest(models, e).operation as ModelOperation;
      const validate = operation.responseValidators[String(e.status)];
      if (e.response !== undefined && validate && !validate(e.response)) {
        problems.push(`${operation.name} ${e.status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      }
    }
    expect(problems).toEqual([]);
    expect(exchanges.filter((e) => e.status < 300).length).toBeGreaterThan(35);
  });
});

/** A fetch answering the LWA token request and then one canned SP-API response. */
function cannedFetch(status: number, body: unknown): typeof fetch {
  return async (input) => {
    if (String(input).endsWith('/auth/o2/token')) {
      return Response.json({ access_token: 'Atza|example', token_type: 'bearer', expires_in: 3600 });
    }
    return new Response(body === undefined || status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-RequestId': 'example-request' },
    });
  };
}

function examplesOf(operation: ModelOperation): { status: number; body: unknown }[] {
  const out: { status: number; body: unknown }[] = [];
  for (const [status, response] of Object.entries(
    operation.responses as Record<string, { examples?: Record<string, unknown> }>,
  )) {
    for (const example of Object.values(response.examples ?? {})) {
      out.push({ status: Number(status), body: example });
    }
  }
  for (const c of operation.sandbox) {
    out.push({ status: c.status, body: c.response });
  }
  return out.filter((x) => x.status < 300);
}

describe('every example response in the models', () => {
  const v0Orders: OrderV0[] = [];
  const v0Items: OrderItemV0[] = [];
  const orders2026: Order2026[] = [];

  it('parses through the client', async () => {
    const { invokeCase, expectedResult } = await import('./sandbox-cases.js');
    let parsed = 0;
    for (const operation of models.operations) {
      for (const example of examplesOf(operation)) {
        const client = new SellingPartnerClient({
          endpoint: 'http://127.0.0.1:9',
          tokenUrl: 'http://127.0.0.1:9/auth/o2/token',
          clientId: 'id',
          clientSecret: 'secret',
          refreshToken: 'Atzr|x',
          sandbox: true,
          retry: { maxRetries: 0 },
          fetch: cannedFetch(example.status, example.body),
        });
        const c = operation.sandbox[0] ?? { status: 200, parameters: {}, response: undefined };
        const result = await invokeCase(client, operation.name, c);
        const body = example.body as Record<string, unknown> | undefined;
        if (result !== undefined && body && Object.keys(body).length > 0) {
          expect(result).toEqual(expectedResult(operation.name, body));
        }
        parsed += 1;
        const payload = (body?.payload ?? {}) as Record<string, unknown>;
        if (operation.name === 'orders-v0.getOrders') {
          v0Orders.push(...((payload.Orders ?? []) as OrderV0[]));
        } else if (operation.name === 'orders-v0.getOrder') {
          v0Orders.push(payload as unknown as OrderV0);
        } else if (operation.name === 'orders-v0.getOrderItems') {
          v0Items.push(...((payload.OrderItems ?? []) as OrderItemV0[]));
        } else if (operation.name === 'orders-2026-01-01.searchOrders') {
          orders2026.push(...((body?.orders ?? []) as Order2026[]));
        } else if (operation.name === 'orders-2026-01-01.getOrder') {
          orders2026.push(body?.order as Order2026);
        }
      }
    }
    expect(parsed).toBeGreaterThan(50);
  });

  it('v0 order examples normalise, ItemPrice read as a LINE total', () => {
    expect(v0Orders.length).toBeGreaterThan(3);
    expect(v0Items.length).toBeGreaterThan(1);
    for (const order of v0Orders) {
      const normalised = normalizeV0Order({ order, items: v0Items });
      expect(normalised.amazonOrderId).toBe(order.AmazonOrderId);
      normalised.items.forEach((item, i) => {
        const raw = v0Items[i] as OrderItemV0;
        if (raw.ItemPrice) {
          expect(item.lineTotal?.currency).toBe(raw.ItemPrice.CurrencyCode);
          expect(Number(item.lineTotal?.amount)).toBe(Number(raw.ItemPrice.Amount));
        }
        if (item.unitPrice && item.lineTotal) {
          expect(BigInt(item.unitPrice.amount.replace('.', '')) * BigInt(item.quantityOrdered)).toBe(
            BigInt(item.lineTotal.amount.replace('.', '')),
          );
        }
      });
    }
  });

  it('2026-01-01 order examples normalise, unitPrice read as a UNIT price', () => {
    expect(orders2026.length).toBeGreaterThan(5);
    let multi = 0;
    for (const order of orders2026) {
      const normalised = normalize2026Order(order);
      order.orderItems.forEach((raw, i) => {
        const item = normalised.items[i];
        const unit = raw.product.price?.unitPrice;
        if (unit && item) {
          expect(Number(item.unitPrice?.amount)).toBe(Number(unit.amount));
          if (item.lineTotal) {
            expect(BigInt(item.lineTotal.amount.replace('.', ''))).toBe(
              BigInt(item.unitPrice?.amount.replace('.', '') ?? '0') * BigInt(raw.quantityOrdered),
            );
          }
          if (raw.quantityOrdered > 1) {
            multi += 1;
          }
        }
      });
    }
    expect(multi).toBeGreaterThan(0);
  });
});
