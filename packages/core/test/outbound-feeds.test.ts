import { amazonOrders, orderEvents } from '@saleschannel/db';
import { toMinor } from '@saleschannel/domain';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, NotAllowedError } from '../src/errors.js';
import { cancelOrder, retryOutboundAction } from '../src/outbound/cancel.js';
import { syncOutbound } from '../src/outbound/sync-outbound.js';
import {
  actionsOf,
  amazonOrder,
  commerceOrder,
  createWorld,
  eventsOf,
  requests,
  shipInCommerce,
  unshippedOrders,
  type World,
} from './outbound-helpers.js';

let world: World;

beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world?.close();
});

/** Runs the outbound sync `times` times, two (virtual) minutes apart, so submitted feeds are polled. */
async function runs(times: number) {
  for (let i = 0; i < times; i++) {
    await syncOutbound(world.ctx);
    world.advance(2 * 60_000);
  }
}

function feedsOf(type: string) {
  return [...world.amazon.store.feeds.values()].filter((feed) => feed.feedType === type);
}

/** An order shipped in Commerce and confirmed on Amazon, invoiced in Commerce so it can be refunded. */
async function shippedOrder(lines = 1) {
  const [row] = await unshippedOrders(world, lines);
  if (!row) {
    throw new Error('no unshipped order');
  }
  shipInCommerce(world, row, 'all');
  await runs(1);
  expect(amazonOrder(world, row).status).toBe('Shipped');
  invoice(row);
  return row;
}

function invoice(row: { commerceOrderId: number | null; amazonOrderId: string }) {
  const order = world.commerce.store.orders.get(row.commerceOrderId ?? -1) as unknown as {
    entity_id: number;
    total_invoiced?: number;
  };
  if (!order.total_invoiced) {
    world.commerce.store.invoice(order.entity_id, {});
  }
}

describe('credit memos → refunds on Amazon (POST_PAYMENT_ADJUSTMENT_DATA)', () => {
  it('refunds exactly what Commerce refunded per item; submitted, polled while Amazon works, then confirmed', async () => {
    const row = await shippedOrder(2);
    const order = commerceOrder(world, row);
    const line = order.items[0];
    if (!line) {
      throw new Error('no line');
    }
    const memoId = world.commerce.store.refund(order.entity_id, {
      items: [{ order_item_id: line.item_id, qty: line.qty_ordered }],
      arguments: { shipping_amount: 0 },
    });
    world.feedTiming.queueMs = 10 * 60_000;
    await runs(1);
    const [, refund] = await actionsOf(world, row.id);
    expect(refund).toMatchObject({
      kind: 'refund',
      state: 'submitted',
      idempotencyKey: `refund:${world.accountId}:${memoId}`,
    });
    expect(refund?.feedId).toBeTruthy();

    // Amazon has not processed the feed yet: the action waits, nothing is sent again.
    await runs(1);
    expect((await actionsOf(world, row.id))[1]?.state).toBe('submitted');
    world.feedTiming.queueMs = 0;
    await runs(2);

    const [, done] = await actionsOf(world, row.id);
    expect(done?.state).toBe('confirmed');
    expect(done?.processingReport).toMatchObject({ processingStatus: 'DONE', messagesSuccessful: 1 });
    const amazon = amazonOrder(world, row);
    expect(amazon.refunds).toHaveLength(1);
    const memo = world.commerce.store.creditMemos.get(memoId) as unknown as {
      items: { row_total: number; tax_amount: number }[];
    };
    const memoLine = memo.items[0];
    expect(amazon.refunds[0]).toMatchObject({ reason: 'CustomerReturn' });
    expect(amazon.refunds[0]?.items).toEqual([
      {
        orderItemId: line.ext_order_item_id,
        components: [
          { type: 'Principal', amount: String(memoLine?.row_total.toFixed(2)), currency: 'USD' },
          { type: 'Tax', amount: String(memoLine?.tax_amount.toFixed(2)), currency: 'USD' },
        ],
      },
    ]);
    // The Amazon line's own numbers: the full line and its tax.
    const amazonLine = amazon.items.find((i) => i.orderItemId === line.ext_order_item_id);
    expect(toMinor(amazon.refunds[0]?.items[0]?.components[0]?.amount ?? '', 'USD')).toBe(
      toMinor(amazonLine?.unitPrice ?? '', 'USD') * BigInt(amazonLine?.quantityOrdered ?? 0),
    );
    expect(feedsOf('POST_PAYMENT_ADJUSTMENT_DATA')).toHaveLength(1);
    const types = (await eventsOf(world, row.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['refund_queued', 'refund_submitted', 'refund_confirmed']));
  });

  it('a full refund of a cash-on-delivery order (JP) gives the fee back as COD, and Amazon takes it', async () => {
    await world.close();
    world = await createWorld({ marketplace: { id: 'A1VC38T7YXB528', currency: 'JPY' }, chargesShare: 1 });
    const row = await shippedOrder();
    const amazon = amazonOrder(world, row);
    const charged = amazon.items.filter((item) => item.charges?.codFee);
    expect(charged.length).toBeGreaterThan(0);
    // Everything: the items, shipping and the COD fee that the import put into Commerce's shipping.
    world.commerce.store.refund(commerceOrder(world, row).entity_id, {});
    await runs(2);
    const [, refund] = await actionsOf(world, row.id);
    expect(refund?.state, refund?.lastError ?? '').toBe('confirmed');
    // Per line, what the buyer paid (prices include tax in JP): the items less their promotion, shipping less
    // its discount, and the COD fee.
    const sent = amazon.refunds[0]?.items ?? [];
    const yen = (amount: string | undefined) => toMinor(amount ?? '0', 'JPY');
    for (const item of amazon.items) {
      const components = sent.find((line) => line.orderItemId === item.orderItemId)?.components ?? [];
      const of = (type: string) => yen(components.find((c) => c.type === type)?.amount);
      expect({ principal: of('Principal'), shipping: of('Shipping'), cod: of('COD') }).toEqual({
        principal: yen(item.unitPrice) * BigInt(item.quantityOrdered) - yen(item.charges?.promotionDiscount),
        shipping: yen(item.shipping) - yen(item.charges?.shippingDiscount),
        cod: yen(item.charges?.codFee),
      });
    }
  });

  it('a refund Amazon rejects ends failed with the processing report message, shown in the timeline', async () => {
    const row = await shippedOrder();
    const order = commerceOrder(world, row);
    // Amazon's record of the line disagrees with Commerce (e.g. a price changed on Amazon's side).
    const amazonLine = amazonOrder(world, row).items[0] as unknown as { unitPrice: string };
    const originalPrice = amazonLine.unitPrice;
    amazonLine.unitPrice = '1.00';
    world.commerce.store.refund(order.entity_id, {});
    await runs(3);
    const [, refund] = await actionsOf(world, row.id);
    expect(refund?.state).toBe('failed');
    expect(refund?.lastError).toMatch(
      /^18052: Refund of \d+\.\d\d USD exceeds the \d+\.\d\d paid for item \d+\.$/,
    );
    expect(refund?.processingReport).toMatchObject({ messagesWithError: 1 });
    const last = (await eventsOf(world, row.id)).at(-1);
    expect(last).toMatchObject({ type: 'refund_failed', level: 'error' });
    expect(last?.message).toContain(refund?.lastError ?? '-');
    expect(amazonOrder(world, row).refunds).toEqual([]);

    // Once the cause is fixed, "retry" sends it again: a new feed, and this time a refund.
    amazonLine.unitPrice = originalPrice;
    const retried = await retryOutboundAction(world.runtime, refund?.id ?? '-', 'admin@example.com');
    expect(retried).toMatchObject({ state: 'pending', feedId: null, submittedAt: null });
    await runs(2);
    expect((await actionsOf(world, row.id))[1]).toMatchObject({ state: 'confirmed', attempts: 2 });
    expect(amazonOrder(world, row).refunds).toHaveLength(1);
    expect(feedsOf('POST_PAYMENT_ADJUSTMENT_DATA')).toHaveLength(2);
    await expect(retryOutboundAction(world.runtime, refund?.id ?? '-', 'admin')).rejects.toThrow(
      NotAllowedError,
    );
  });

  it('a credit memo of an order Amazon cancelled is noted once and never sent', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    invoice(row);
    world.commerce.store.refund(commerceOrder(world, row).entity_id, {});
    world.amazon.store.cancel(amazonOrder(world, row), 'BuyerCanceled');
    await runs(3);
    expect(await actionsOf(world, row.id)).toEqual([]);
    const notes = (await eventsOf(world, row.id)).filter((e) => e.type === 'credit_memo_not_sent');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/was not sent to Amazon: the order is cancelled on Amazon/);
    expect(feedsOf('POST_PAYMENT_ADJUSTMENT_DATA')).toEqual([]);
  });

  it('a credit memo of an unshipped order cancels the refunded lines on Amazon instead', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    invoice(row);
    const memoId = world.commerce.store.refund(commerceOrder(world, row).entity_id, {});
    await runs(3);
    const [action] = await actionsOf(world, row.id);
    expect(action).toMatchObject({
      kind: 'cancellation',
      state: 'confirmed',
      idempotencyKey: `refund:${world.accountId}:${memoId}`,
      payload: expect.objectContaining({ source: 'credit_memo', reason: 'GeneralAdjustment' }),
    });
    expect(amazonOrder(world, row).status).toBe('Canceled');
    expect(amazonOrder(world, row).refunds).toEqual([]);
  });
});

describe('credit memos that Amazon cannot take as they are', () => {
  it('part of a line refunded on an unshipped order fails with the reason, and nothing is sent', async () => {
    const rows = await unshippedOrders(world);
    const row = rows.find((r) => commerceOrder(world, r).items.some((i) => i.qty_ordered >= 2));
    if (!row) {
      throw new Error('no unshipped order with a quantity of 2 or more');
    }
    invoice(row);
    const line = commerceOrder(world, row).items.find((i) => i.qty_ordered >= 2);
    if (!line) {
      throw new Error('no line');
    }
    world.commerce.store.refund(commerceOrder(world, row).entity_id, {
      items: [{ order_item_id: line.item_id, qty: 1 }],
      arguments: { shipping_amount: 0 },
    });
    await runs(2);
    const [action] = await actionsOf(world, row.id);
    expect(action).toMatchObject({ kind: 'cancellation', state: 'failed', attempts: 0 });
    expect(action?.lastError).toBe(
      `item ${line.sku} is refunded 1 of ${line.qty_ordered}: Amazon cancels whole lines of an unshipped order only`,
    );
    expect(feedsOf('POST_ORDER_ACKNOWLEDGEMENT_DATA')).toEqual([]);
    expect(amazonOrder(world, row).status).toBe('Unshipped');
  });
});

describe('cancel on Amazon', () => {
  it('cancels an Unshipped order on Amazon with the chosen reason, then the Commerce order', async () => {
    const [row] = await unshippedOrders(world, 2);
    if (!row) {
      throw new Error('no unshipped order');
    }
    const action = await cancelOrder(world.runtime, row.id, 'NoInventory', 'admin@example.com');
    expect(action).toMatchObject({
      kind: 'cancellation',
      state: 'pending',
      idempotencyKey: `cancel:${row.id}`,
    });
    await runs(3);
    const amazon = amazonOrder(world, row);
    expect(amazon.status).toBe('Canceled');
    expect(amazon.cancelReason).toBe('NoInventory');
    expect(commerceOrder(world, row).state).toBe('canceled');
    const [done] = await actionsOf(world, row.id);
    expect(done?.state).toBe('confirmed');
    const types = (await eventsOf(world, row.id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'cancel_requested',
        'cancel_submitted',
        'cancel_confirmed',
        'commerce_cancel_done',
      ]),
    );
  });

  it('a cancel requested twice yields one action and one feed', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    const first = await cancelOrder(world.runtime, row.id, 'BuyerCanceled', 'admin');
    await runs(1);
    const second = await cancelOrder(world.runtime, row.amazonOrderId, 'BuyerCanceled', 'admin');
    expect(second.id).toBe(first.id);
    await runs(3);
    expect(await cancelOrder(world.runtime, row.id, 'BuyerCanceled', 'admin')).toMatchObject({
      id: first.id,
      state: 'confirmed',
    });
    expect(feedsOf('POST_ORDER_ACKNOWLEDGEMENT_DATA')).toHaveLength(1);
    expect(requests(world, 'feeds.createFeed')).toBe(1);
    expect(await actionsOf(world, row.id)).toHaveLength(1);
  });

  it('refuses a shipped, an FBA and a cancelled order with a clear error, and an unknown reason', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    await expect(cancelOrder(world.runtime, row.id, 'BecauseISaySo', 'admin')).rejects.toThrow(
      InvalidInputError,
    );

    shipInCommerce(world, row, 'all');
    await runs(1);
    await expect(cancelOrder(world.runtime, row.id, 'NoInventory', 'admin')).rejects.toThrow(
      new NotAllowedError(
        `Cannot cancel on Amazon: order ${row.amazonOrderId} has been shipped in Commerce; refund it with a credit memo instead`,
      ),
    );
    // Once the import sees Amazon's Shipped status, the refusal says so.
    await world.database.db
      .update(amazonOrders)
      .set({ amazonStatus: 'Shipped' })
      .where(eq(amazonOrders.id, row.id));
    await expect(cancelOrder(world.runtime, row.id, 'NoInventory', 'admin')).rejects.toThrow(
      `Cannot cancel on Amazon: order ${row.amazonOrderId} is Shipped on Amazon: a shipped order cannot be cancelled; refund it with a credit memo instead`,
    );
    const fba = [...world.amazon.store.orders.values()].find((o) => o.fulfillmentChannel === 'AFN');
    const [fbaRow] = await world.database.db
      .select()
      .from(amazonOrders)
      .where(eq(amazonOrders.amazonOrderId, fba?.amazonOrderId ?? '-'));
    if (!fbaRow) {
      throw new Error('the scenario has no FBA order');
    }
    await expect(cancelOrder(world.runtime, fbaRow.id, 'NoInventory', 'admin')).rejects.toThrow(
      /is fulfilled by Amazon; only Amazon can cancel it/,
    );
    expect(feedsOf('POST_ORDER_ACKNOWLEDGEMENT_DATA')).toEqual([]);
    const refusedEvents = await world.database.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, row.id), eq(orderEvents.type, 'cancel_requested')));
    expect(refusedEvents).toEqual([]);
  });

  it('a cancel Amazon refuses (the order shipped meanwhile on Amazon) fails without a feed', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    await cancelOrder(world.runtime, row.id, 'NoInventory', 'admin');
    const amazon = amazonOrder(world, row);
    world.amazon.store.ship(amazon, {
      at: world.amazon.clock.now(),
      carrier: 'UPS',
      items: amazon.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      via: 'feed',
    });
    await runs(2);
    const [action] = await actionsOf(world, row.id);
    expect(action).toMatchObject({
      state: 'failed',
      lastError: `order ${row.amazonOrderId} has shipped on Amazon and cannot be cancelled`,
    });
    expect(feedsOf('POST_ORDER_ACKNOWLEDGEMENT_DATA')).toEqual([]);
    expect(commerceOrder(world, row).state).not.toBe('canceled');
  });
});
