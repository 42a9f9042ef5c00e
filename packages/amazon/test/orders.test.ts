import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpApiInvalidInputError } from '../src/errors.js';
import { normalize2026Order, normalizeV0Order } from '../src/normalize.js';
import { ago, type Pair, startPair, US } from './helpers.js';

let pair: Pair;
beforeAll(async () => {
  pair = await startPair({ speed: 100, orders: { count: 80, seed: 9 } });
});
afterAll(() => pair.standIn.close());

const DAY = 86_400_000;

describe('client-side rules', () => {
  it('refuses a *Before less than two minutes in the past, without sending anything', async () => {
    pair.standIn.resetStats();
    const attempts = [
      () =>
        pair.client.orders.searchOrders({
          createdAfter: ago(pair.standIn, DAY),
          createdBefore: ago(pair.standIn, 60_000),
          marketplaceIds: [US],
        }),
      () =>
        pair.client.orders.searchOrders({
          lastUpdatedAfter: ago(pair.standIn, DAY),
          lastUpdatedBefore: new Date(pair.standIn.clock.now()),
          marketplaceIds: [US],
        }),
      () =>
        pair.client.ordersV0.getOrders({
          MarketplaceIds: [US],
          CreatedAfter: ago(pair.standIn, DAY),
          CreatedBefore: ago(pair.standIn, 90_000),
        }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpApiInvalidInputError);
      expect((error as Error).message).toMatch(/at least two minutes in the past/);
    }
    expect(pair.standIn.stats()).toEqual({});
  });

  it('accepts a *Before just over two minutes ago — and Amazon (the stand-in) agrees', async () => {
    const page = await pair.client.orders.searchOrders({
      createdAfter: ago(pair.standIn, 8 * DAY),
      createdBefore: ago(pair.standIn, 150_000),
      marketplaceIds: [US],
    });
    expect(page.createdBefore).toBeDefined();
  });

  it('the stand-in itself rejects a too-recent Before (so the client-side rule is the real one)', async () => {
    const token = await pair.client.auth.getAccessToken();
    const url = new URL('/orders/2026-01-01/orders', pair.standIn.url);
    url.searchParams.set('createdAfter', ago(pair.standIn, DAY));
    url.searchParams.set('createdBefore', ago(pair.standIn, 10_000));
    const response = await fetch(url, { headers: { 'x-amz-access-token': token } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/two minutes/);
  });

  it('requires exactly one of createdAfter / lastUpdatedAfter and no mixing', async () => {
    const base = { marketplaceIds: [US] };
    await expect(pair.client.orders.searchOrders(base)).rejects.toThrow(
      /exactly one of createdAfter and lastUpdatedAfter/,
    );
    await expect(
      pair.client.orders.searchOrders({
        ...base,
        createdAfter: ago(pair.standIn, DAY),
        lastUpdatedAfter: ago(pair.standIn, DAY),
      }),
    ).rejects.toThrow(/exactly one/);
    await expect(
      pair.client.orders.searchOrders({
        ...base,
        createdAfter: ago(pair.standIn, DAY),
        lastUpdatedBefore: ago(pair.standIn, 3 * 60_000),
      }),
    ).rejects.toThrow(/cannot be combined/);
    await expect(pair.client.orders.searchOrders({ ...base, createdAfter: 'yesterday' })).rejects.toThrow(
      /ISO 8601/,
    );
    await expect(
      pair.client.orders.searchOrders({
        ...base,
        createdAfter: ago(pair.standIn, DAY),
        maxResultsPerPage: 101,
      }),
    ).rejects.toThrow(/1 to 100/);
  });

  it('refuses a non-numeric packageReferenceId and a carrier "Other" without a name', async () => {
    const input = {
      marketplaceId: US,
      packageDetail: {
        packageReferenceId: 'PKG-1',
        carrierCode: 'UPS',
        trackingNumber: '1Z',
        shipDate: ago(pair.standIn, 0),
        orderItems: [{ orderItemId: '1', quantity: 1 }],
      },
    };
    await expect(pair.client.ordersV0.confirmShipment('111-1111111-1111111', input)).rejects.toThrow(
      /positive number/,
    );
    await expect(
      pair.client.ordersV0.confirmShipment('111-1111111-1111111', {
        ...input,
        packageDetail: { ...input.packageDetail, packageReferenceId: 2, carrierCode: 'Other' },
      }),
    ).rejects.toThrow(/carrierName/);
  });
});

describe('pagination', () => {
  it('searchOrdersPages repeats every filter with the token (the stand-in rejects changed filters)', async () => {
    const params = {
      lastUpdatedAfter: ago(pair.standIn, 8 * DAY),
      marketplaceIds: [US],
      fulfilledBy: ['MERCHANT', 'AMAZON'] as const,
      maxResultsPerPage: 7,
    };
    const ids: string[] = [];
    let pages = 0;
    let firstToken: string | undefined;
    for await (const page of pair.client.orders.searchOrdersPages(params)) {
      pages += 1;
      firstToken ??= page.pagination?.nextToken;
      ids.push(...page.orders.map((o) => o.orderId));
    }
    expect(pages).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(ids.length);
    const changed = await pair.client.orders
      .searchOrders({ ...params, fulfilledBy: ['MERCHANT'], paginationToken: firstToken })
      .catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(SpApiInvalidInputError);
    expect((changed as Error).message).toMatch(/same value as in the original request/);
  });

  it('v0 getOrdersAll and 2026 searchOrdersAll return the same orders', async () => {
    const since = ago(pair.standIn, 8 * DAY);
    const v0: string[] = [];
    for await (const order of pair.client.ordersV0.getOrdersAll({
      MarketplaceIds: [US],
      CreatedAfter: since,
      MaxResultsPerPage: 13,
    })) {
      v0.push(order.AmazonOrderId);
    }
    const v2026: string[] = [];
    for await (const order of pair.client.orders.searchOrdersAll({
      createdAfter: since,
      marketplaceIds: [US],
      maxResultsPerPage: 17,
    })) {
      v2026.push(order.orderId);
    }
    expect(v0.length).toBeGreaterThan(50);
    expect(v0).toEqual(v2026);
  });
});

describe('both versions normalise into one order shape', () => {
  it('v0 line totals and 2026 unit prices give the same unit and line prices', async () => {
    const page = await pair.client.orders.searchOrders({
      createdAfter: ago(pair.standIn, 8 * DAY),
      marketplaceIds: [US],
      includedData: ['FULFILLMENT', 'PROCEEDS', 'BUYER', 'RECIPIENT', 'CANCELLATION'],
    });
    let multiUnit = 0;
    for (const order of page.orders.slice(0, 25)) {
      const from2026 = normalize2026Order(order);
      const v0 = await pair.client.ordersV0.getOrder(order.orderId, { pii: true });
      const items = [];
      for await (const item of pair.client.ordersV0.getOrderItemsAll(order.orderId)) {
        items.push(item);
      }
      const address = await pair.client.ordersV0.getOrderAddress(order.orderId, { pii: true });
      const fromV0 = normalizeV0Order({ order: v0, items, address });
      const { source: _a, ...a } = from2026;
      const { source: _b, ...b } = fromV0;
      expect(b.status).toBe(a.status);
      expect(b.orderTotal).toEqual(a.orderTotal);
      expect(b.fulfillmentChannel).toBe(a.fulfillmentChannel);
      expect(b.items.map((i) => [i.orderItemId, i.unitPrice, i.lineTotal, i.quantityOrdered])).toEqual(
        a.items.map((i) => [i.orderItemId, i.unitPrice, i.lineTotal, i.quantityOrdered]),
      );
      for (const [i, item] of items.entries()) {
        if (item.QuantityOrdered > 1 && item.ItemPrice) {
          multiUnit += 1;
          // v0 ItemPrice is the line; the unit price is a fraction of it.
          expect(b.items[i]?.lineTotal?.amount).toBe(item.ItemPrice.Amount);
          expect(b.items[i]?.unitPrice?.amount).not.toBe(item.ItemPrice.Amount);
        }
      }
      if (b.fulfillmentChannel === 'MFN' && b.status !== 'Pending') {
        expect(b.shippingAddress?.postalCode ?? null).toBe(a.shippingAddress?.postalCode ?? null);
      }
    }
    expect(multiUnit).toBeGreaterThan(0);
  });

  it('shipping tax, gift wrap, the COD fee and discounts land in their own fields in both versions', async () => {
    const charged = await startPair({
      orders: { count: 12, seed: 4, historyMs: 10 * 3600_000, afnShare: 0, chargesShare: 1 },
    });
    try {
      const page = await charged.client.orders.searchOrders({
        createdAfter: ago(charged.standIn, DAY),
        marketplaceIds: [US],
        includedData: ['FULFILLMENT', 'PROCEEDS'],
      });
      const priced = page.orders.filter((order) => order.proceeds);
      expect(priced.length).toBeGreaterThan(0);
      for (const order of priced) {
        const record = charged.standIn.store.orders.get(order.orderId);
        const [first] = normalize2026Order(order).items;
        const source = record?.items.find((item) => item.orderItemId === first?.orderItemId);
        const x = source?.charges;
        expect(x).toBeDefined();
        const usd = (amount: string | undefined) => ({ amount, currency: 'USD' });
        // 2026-01-01: the TAX and DISCOUNT breakdowns are split by their detailed breakdowns' subtypes.
        expect(first).toMatchObject({
          itemTax: usd(source?.lineTax),
          shippingTax: usd(x?.shippingTax),
          giftWrapPrice: usd(x?.giftWrap),
          giftWrapTax: usd(x?.giftWrapTax),
          codFee: usd(x?.codFee),
          codFeeTax: usd(x?.codFeeTax),
          promotionDiscount: usd(x?.promotionDiscount),
          shippingDiscount: usd(x?.shippingDiscount),
        });
        // v0 states them as fields of their own (gift wrap in the item's BuyerInfo; no COD fee tax).
        const items = [];
        for await (const item of charged.client.ordersV0.getOrderItemsAll(order.orderId, { pii: true })) {
          items.push(item);
        }
        const v0 = await charged.client.ordersV0.getOrder(order.orderId);
        const fromV0 = normalizeV0Order({ order: v0, items }).items.find(
          (i) => i.orderItemId === first?.orderItemId,
        );
        expect(fromV0).toMatchObject({
          shippingTax: first?.shippingTax,
          giftWrapPrice: first?.giftWrapPrice,
          codFee: first?.codFee,
          codFeeTax: null,
          promotionDiscount: first?.promotionDiscount,
          shippingDiscount: first?.shippingDiscount,
        });
      }
    } finally {
      await charged.standIn.close();
    }
  });

  it('PII comes only with an RDT in v0; PII-less orders normalise with null buyer and address', async () => {
    const unshipped = [...pair.standIn.store.orders.values()].find(
      (o) => o.status === 'Unshipped' && o.buyer && o.fulfillmentChannel === 'MFN',
    );
    const piiLess = [...pair.standIn.store.orders.values()].find(
      (o) => o.buyer === null && o.createdAt < pair.standIn.clock.now(),
    );
    if (!unshipped || !piiLess) {
      throw new Error('scenario lacks orders');
    }
    const plain = await pair.client.ordersV0.getOrder(unshipped.amazonOrderId);
    expect(plain.ShippingAddress?.Name).toBeUndefined();
    expect(plain.ShippingAddress?.PostalCode).toBeDefined();
    expect(plain.BuyerInfo?.BuyerEmail).toBeUndefined();
    const withPii = await pair.client.ordersV0.getOrder(unshipped.amazonOrderId, { pii: true });
    pair.standIn.resetStats();
    await pair.client.ordersV0.getOrder(unshipped.amazonOrderId, { pii: true });
    expect(withPii.ShippingAddress?.Name).toBe(unshipped.address?.name);
    expect(withPii.BuyerInfo?.BuyerEmail).toBe(unshipped.buyer?.email);
    // The RDT is cached for its lifetime.
    expect(pair.standIn.stats()['tokens.createRestrictedDataToken']).toBeUndefined();
    expect(pair.standIn.stats()['orders-v0.getOrder']?.requests).toBe(1);

    const none = normalizeV0Order({
      order: await pair.client.ordersV0.getOrder(piiLess.amazonOrderId, { pii: true }),
      items: [],
    });
    expect(none.buyer).toEqual({ name: null, email: null, companyName: null, purchaseOrderNumber: null });
    expect(none.shippingAddress).toBeNull();
    const none2026 = normalize2026Order(
      await pair.client.orders.getOrder(piiLess.amazonOrderId, ['BUYER', 'RECIPIENT', 'FULFILLMENT']),
    );
    expect(none2026.buyer).toBeNull();
    expect(none2026.shippingAddress).toBeNull();
  });

  it('orders change over time: Pending → Unshipped, and FBA orders get shipped by Amazon', async () => {
    const fresh = await startPair({
      speed: 20_000,
      orders: { count: 10, seed: 4, historyMs: 0, futureMs: 60_000, afnShare: 0.5, canceledShare: 0 },
    });
    try {
      const record = [...fresh.standIn.store.orders.values()][0];
      if (!record) {
        throw new Error('no order');
      }
      await fresh.client.clock.sleep(Math.max(0, record.createdAt - fresh.standIn.clock.now()) + 1000);
      const first = await fresh.client.ordersV0.getOrder(record.amazonOrderId);
      expect(first.OrderStatus).toBe('Pending');
      expect(first.OrderTotal).toBeUndefined();
      await fresh.client.clock.sleep(31 * 60_000);
      expect((await fresh.client.ordersV0.getOrder(record.amazonOrderId)).OrderStatus).toBe('Unshipped');
      if (record.fulfillmentChannel === 'AFN') {
        await fresh.client.clock.sleep(4 * 3_600_000);
        expect((await fresh.client.ordersV0.getOrder(record.amazonOrderId)).OrderStatus).toBe('Shipped');
      }
      expect(fresh.standIn.store.orderChanges.some((c) => c.amazonOrderId === record.amazonOrderId)).toBe(
        true,
      );
    } finally {
      await fresh.standIn.close();
    }
  });

  it('confirmShipment ships an unshipped MFN order on the stand-in', async () => {
    const order = [...pair.standIn.store.orders.values()].find(
      (o) =>
        o.status === 'Unshipped' &&
        o.fulfillmentChannel === 'MFN' &&
        o.items.every((i) => !i.buyerCancelRequest),
    );
    if (!order) {
      throw new Error('no unshipped order');
    }
    await pair.client.ordersV0.confirmShipment(order.amazonOrderId, {
      marketplaceId: US,
      packageDetail: {
        packageReferenceId: 1,
        carrierCode: 'USPS',
        trackingNumber: '9400100000000000000000',
        shipDate: ago(pair.standIn, 60_000),
        orderItems: order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      },
    });
    const after = normalize2026Order(
      await pair.client.orders.getOrder(order.amazonOrderId, ['FULFILLMENT', 'PACKAGES']),
    );
    expect(after.status).toBe('Shipped');
    expect(after.items.every((i) => i.quantityShipped === i.quantityOrdered)).toBe(true);
  });
});
