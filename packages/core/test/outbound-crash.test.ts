import { afterEach, describe, expect, it } from 'vitest';
import { cancelOrder } from '../src/outbound/cancel.js';
import { type OutboundCrashPoint, SimulatedCrash } from '../src/outbound/process.js';
import { syncOutbound } from '../src/outbound/sync-outbound.js';
import {
  actionsOf,
  amazonOrder,
  commerceOrder,
  createWorld,
  requests,
  shipInCommerce,
  unshippedOrders,
  type World,
} from './outbound-helpers.js';

let world: World | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/**
 * Runs the outbound sync with a crash at `point` (the first time it is reached), then reruns it — two virtual
 * minutes apart, as a restarted worker would — until nothing is left to do.
 */
async function crashThenResume(w: World, point: OutboundCrashPoint): Promise<void> {
  let crashed = false;
  await expect(
    (async () => {
      for (let i = 0; i < 4 && !crashed; i++) {
        await syncOutbound(w.ctx, {
          crashAt: (at) => {
            if (at === point && !crashed) {
              crashed = true;
              throw new Error('kill -9');
            }
          },
        });
        w.advance(2 * 60_000);
      }
    })(),
  ).rejects.toThrow(SimulatedCrash);
  expect(crashed).toBe(true);
  for (let i = 0; i < 4; i++) {
    w.advance(2 * 60_000);
    await syncOutbound(w.ctx);
  }
}

async function anUnshippedOrder(w: World, lines = 1) {
  const [row] = await unshippedOrders(w, lines);
  if (!row) {
    throw new Error('no unshipped order');
  }
  return row;
}

describe('a crash between any two steps never duplicates an action on Amazon', () => {
  it.each(['shipment:before-send', 'shipment:after-send'] as const)(
    'shipment confirmation, crash at %s: one confirmShipment, one package',
    async (point) => {
      world = await createWorld();
      const row = await anUnshippedOrder(world);
      shipInCommerce(world, row, 'all');
      await crashThenResume(world, point);
      expect(requests(world, 'orders-v0.confirmShipment')).toBe(1);
      expect(amazonOrder(world, row).shipments).toHaveLength(1);
      expect(amazonOrder(world, row).status).toBe('Shipped');
      expect((await actionsOf(world, row.id)).map((a) => a.state)).toEqual(['confirmed']);
    },
  );

  it.each(['feed:before-create', 'feed:after-create', 'feed:after-report'] as const)(
    'refund, crash at %s: one feed, one refund',
    async (point) => {
      world = await createWorld();
      const w = world;
      const row = await anUnshippedOrder(w);
      shipInCommerce(w, row, 'all');
      await syncOutbound(w.ctx);
      const order = commerceOrder(w, row);
      w.commerce.store.invoice(order.entity_id, {});
      w.commerce.store.refund(order.entity_id, {});
      await crashThenResume(w, point);
      expect(requests(w, 'feeds.createFeed')).toBe(1);
      expect(amazonOrder(w, row).refunds).toHaveLength(1);
      const actions = await actionsOf(w, row.id);
      expect(actions.map((a) => [a.kind, a.state])).toEqual([
        ['shipment_confirmation', 'confirmed'],
        ['refund', 'confirmed'],
      ]);
    },
  );

  it.each([
    'feed:before-create',
    'feed:after-create',
    'feed:after-report',
    'cancel:before-commerce',
  ] as const)('cancellation, crash at %s: one feed, cancelled once on both sides', async (point) => {
    world = await createWorld();
    const w = world;
    const row = await anUnshippedOrder(w);
    await cancelOrder(w.runtime, row.id, 'NoInventory', 'admin');
    const cancels: number[] = [];
    const flowCancel = w.ctx.flow.cancel.bind(w.ctx.flow);
    w.ctx.flow.cancel = async (id) => {
      cancels.push(id);
      return flowCancel(id);
    };
    await crashThenResume(w, point);
    expect(requests(w, 'feeds.createFeed')).toBe(1);
    expect(amazonOrder(w, row).status).toBe('Canceled');
    expect(commerceOrder(w, row).state).toBe('canceled');
    expect(cancels).toEqual([row.commerceOrderId]);
    expect((await actionsOf(w, row.id)).map((a) => a.state)).toEqual(['confirmed']);
  });
});
