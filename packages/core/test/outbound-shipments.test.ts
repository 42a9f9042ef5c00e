import { syncCursors } from '@saleschannel/db';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.js';
import { acceptCommerceShipment } from '../src/outbound/shipments.js';
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

describe('Commerce shipments → Amazon confirmShipment', () => {
  it('confirms a full shipment once; Amazon shows the order Shipped with the tracking', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('the scenario has no unshipped order');
    }
    const shipmentId = shipInCommerce(world, row, 'all');
    const report = await syncOutbound(world.ctx);
    expect(report.shipmentsFound).toBe(1);
    expect(report.confirmed).toBe(1);

    const amazon = amazonOrder(world, row);
    expect(amazon.status).toBe('Shipped');
    expect(amazon.shipments).toHaveLength(1);
    expect(amazon.shipments[0]).toMatchObject({
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      packageReferenceId: String(shipmentId),
      via: 'confirmShipment',
    });
    const byId = (a: { orderItemId: string }, b: { orderItemId: string }) =>
      a.orderItemId.localeCompare(b.orderItemId);
    expect([...(amazon.shipments[0]?.items ?? [])].sort(byId)).toEqual(
      amazon.items
        .map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantityOrdered }))
        .sort(byId),
    );

    const [action] = await actionsOf(world, row.id);
    expect(action).toMatchObject({
      kind: 'shipment_confirmation',
      state: 'confirmed',
      idempotencyKey: `ship:${world.accountId}:${shipmentId}`,
      attempts: 1,
    });
    const types = (await eventsOf(world, row.id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['shipment_queued', 'shipment_submitted', 'shipment_confirmed']),
    );

    const [cursor] = await world.database.db
      .select()
      .from(syncCursors)
      .where(and(eq(syncCursors.accountId, world.accountId), eq(syncCursors.stream, 'commerce_shipments')));
    expect(cursor?.cursorAt).not.toBeNull();
  });

  it('confirms a partial shipment per Commerce shipment, with exactly its items and quantities', async () => {
    const [row] = await unshippedOrders(world, 2);
    if (!row) {
      throw new Error('the scenario has no unshipped order with two lines');
    }
    const order = commerceOrder(world, row);
    const [first, ...rest] = order.items;
    if (!first) {
      throw new Error('no items');
    }
    // First parcel: one unit of the first line. Second parcel: the rest.
    shipInCommerce(world, row, [{ item_id: first.item_id, qty: 1 }], {
      number: '9400100000000000000001',
      title: 'USPS',
      carrier: 'usps',
    });
    await syncOutbound(world.ctx);
    const amazon = amazonOrder(world, row);
    expect(amazon.status).toBe('PartiallyShipped');
    expect(amazon.shipments).toHaveLength(1);
    expect(amazon.shipments[0]?.items).toEqual([{ orderItemId: first.ext_order_item_id, quantity: 1 }]);

    const remaining = [
      ...(first.qty_ordered > 1 ? [{ item_id: first.item_id, qty: first.qty_ordered - 1 }] : []),
      ...rest.map((item) => ({ item_id: item.item_id, qty: item.qty_ordered })),
    ];
    shipInCommerce(world, row, remaining, { number: '794612345678', title: 'FedEx', carrier: 'fedex' });
    world.advance(60_000);
    await syncOutbound(world.ctx);
    expect(amazon.status).toBe('Shipped');
    expect(amazon.shipments).toHaveLength(2);
    expect(amazon.shipments[1]).toMatchObject({ carrier: 'FedEx', trackingNumber: '794612345678' });
    expect(amazon.shipments[1]?.items).toEqual(
      remaining.map((line) => ({
        orderItemId: order.items.find((i) => i.item_id === line.item_id)?.ext_order_item_id,
        quantity: line.qty,
      })),
    );
    expect((await actionsOf(world, row.id)).map((a) => a.state)).toEqual(['confirmed', 'confirmed']);
    expect(requests(world, 'orders-v0.confirmShipment')).toBe(2);
  });

  it('repeated polling, a pushed event and a re-read overlap never confirm a shipment twice', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    const shipmentId = shipInCommerce(world, row, 'all');
    const pushed = await acceptCommerceShipment(world.ctx, await world.ctx.commerce.getShipment(shipmentId));
    expect(pushed).toMatchObject({ created: true, state: 'pending' });
    for (let run = 0; run < 4; run++) {
      await syncOutbound(world.ctx);
      world.advance(10 * 60_000);
    }
    // An Adobe I/O event carries the bare entity: the rest is read from Commerce; same key, same action.
    const again = await acceptCommerceShipment(world.ctx, {
      data: { value: { entity_id: String(shipmentId) } },
    });
    expect(again).toMatchObject({ created: false, state: 'confirmed', actionId: pushed?.actionId });
    await expect(acceptCommerceShipment(world.ctx, { order_id: 3 })).rejects.toThrow(InvalidInputError);
    expect(await actionsOf(world, row.id)).toHaveLength(1);
    expect(requests(world, 'orders-v0.confirmShipment')).toBe(1);
    expect(amazonOrder(world, row).shipments).toHaveLength(1);
  });

  it('maps carriers: known codes, a custom carrier by its title, and Other with the carrier name', async () => {
    const rows = await unshippedOrders(world);
    const cases = [
      { track: { number: 'JD014600006281328466', title: 'DHL Express', carrier: 'dhl' }, code: 'DHL' },
      { track: { number: 'RR123456785GB', title: 'Royal Mail', carrier: 'custom' }, code: 'Royal Mail' },
      { track: { number: 'SPD-42', title: 'Speedy Couriers', carrier: 'custom' }, code: 'Other' },
    ];
    for (const [index, c] of cases.entries()) {
      const row = rows[index];
      if (!row) {
        throw new Error('not enough unshipped orders');
      }
      shipInCommerce(world, row, 'all', c.track);
    }
    await syncOutbound(world.ctx);
    for (const [index, c] of cases.entries()) {
      const row = rows[index];
      if (!row) {
        continue;
      }
      const [action] = await actionsOf(world, row.id);
      expect(action?.state).toBe('confirmed');
      expect(action?.payload).toMatchObject({ carrierCode: c.code, trackingNumber: c.track.number });
      // Amazon keeps the carrier code, or the carrier name for Other.
      expect(amazonOrder(world, row).shipments[0]?.carrier).toBe(
        c.code === 'Other' ? 'Speedy Couriers' : c.code,
      );
    }
  });

  it('a shipment without tracking waits; a Commerce order shipped for a cancelled Amazon order fails visibly', async () => {
    const [untracked, cancelled] = await unshippedOrders(world);
    if (!untracked || !cancelled) {
      throw new Error('not enough unshipped orders');
    }
    const order = commerceOrder(world, untracked);
    world.commerce.store.ship(order.entity_id, {
      items: order.items.map((i) => ({ order_item_id: i.item_id, qty: i.qty_ordered })),
    });
    const amazon = amazonOrder(world, cancelled);
    world.amazon.store.cancel(amazon, 'BuyerCanceled');
    shipInCommerce(world, cancelled, 'all');
    await syncOutbound(world.ctx);
    expect(await actionsOf(world, untracked.id)).toEqual([]);
    const [failed] = await actionsOf(world, cancelled.id);
    expect(failed).toMatchObject({
      state: 'failed',
      lastError: `order ${cancelled.amazonOrderId} is cancelled on Amazon`,
    });
    expect(requests(world, 'orders-v0.confirmShipment')).toBe(0);
    expect((await eventsOf(world, cancelled.id)).at(-1)).toMatchObject({
      type: 'shipment_failed',
      level: 'error',
    });
  });

  it('Commerce failing to list shipments is recorded on the cursor; the other steps still run, and the next run catches up', async () => {
    const [row] = await unshippedOrders(world);
    if (!row) {
      throw new Error('no unshipped order');
    }
    shipInCommerce(world, row, 'all');
    const cursorOf = async () =>
      (
        await world.database.db
          .select()
          .from(syncCursors)
          .where(
            and(eq(syncCursors.accountId, world.accountId), eq(syncCursors.stream, 'commerce_shipments')),
          )
      )[0];
    const before = (await cursorOf())?.cursorAt ?? null;
    world.commerce.injectFault({
      kind: 'status',
      status: 401,
      method: 'GET',
      path: /^\/V1\/shipments$/,
      times: 1,
    });
    const failed = await syncOutbound(world.ctx);
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatch(/^commerce shipments: Commerce GET \/V1\/shipments answered 401/);
    const cursor = await cursorOf();
    expect(cursor?.lastError).toBe(failed.errors[0]);
    // The cursor did not move past the shipments nobody could read.
    expect(cursor?.cursorAt ?? null).toEqual(before);
    expect(await actionsOf(world, row.id)).toEqual([]);

    world.advance(60_000);
    const next = await syncOutbound(world.ctx);
    expect(next).toMatchObject({ errors: [], shipmentsFound: 1, confirmed: 1 });
    expect(amazonOrder(world, row).status).toBe('Shipped');
  });
});
