import { type AmazonStandIn, DEFAULT_ACCOUNT, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { type CommerceStandIn, startCommerceStandIn } from '@saleschannel/commerce-stand-in';
import { type AmazonOrderRow, amazonOrders, orderEvents, outboundActions } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { and, asc, eq } from 'drizzle-orm';
import { createLogger } from '../src/logger.js';
import { type Runtime, runtimeFor } from '../src/runtime.js';
import { createStandInAccount, STAND_IN_SKUS } from '../src/stand-ins.js';
import { accountContext } from '../src/sync/account-context.js';
import type { SyncContext } from '../src/sync/context.js';
import { syncAccount } from '../src/sync/sync-account.js';

/** Both stand-ins, an account on them with its orders imported, and a test-controlled clock for the sync. */
export interface World {
  readonly database: TestDatabase;
  readonly runtime: Runtime;
  readonly amazon: AmazonStandIn;
  readonly commerce: CommerceStandIn;
  readonly accountId: string;
  /** Feed timing of the Amazon stand-in, changeable while it runs (virtual ms). */
  readonly feedTiming: { queueMs: number; processingMs: number };
  ctx: SyncContext;
  /** Moves the sync's clock forward (feed polls and retries become due); no real waiting. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The seller's marketplace (default the US) and the share of orders with COD fees, gift wrap and discounts. */
export interface WorldOptions {
  readonly marketplace?: { readonly id: string; readonly currency: string };
  readonly chargesShare?: number;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const database = await createTestDatabase();
  const runtime: Runtime = runtimeFor(database, createLogger({ LOG_LEVEL: 'silent' }));
  const feedTiming = { queueMs: 0, processingMs: 0 };
  const marketplace = options.marketplace;
  const amazon = await startAmazonStandIn({
    ...(marketplace ? { accounts: [{ ...DEFAULT_ACCOUNT, marketplaceIds: [marketplace.id] }] } : {}),
    orders: {
      count: 30,
      seed: 7,
      historyMs: 20 * 60 * 60_000,
      buyerCancelShare: 0,
      ...(marketplace ? { marketplaceId: marketplace.id, currency: marketplace.currency } : {}),
      ...(options.chargesShare ? { chargesShare: options.chargesShare } : {}),
    },
    feedTiming,
  });
  const commerce = await startCommerceStandIn({
    products: STAND_IN_SKUS.map((sku) => ({ sku, qty: 1000, price: '10.00' })),
  });
  const accountId = await createStandInAccount(database, { amazon, commerce });
  await syncAccount(runtime, accountId);
  let clock = Date.now();
  const ctx = await accountContext(runtime, accountId, { now: () => new Date(clock) });
  return {
    database,
    runtime,
    amazon,
    commerce,
    accountId,
    feedTiming,
    ctx,
    advance(ms) {
      clock += ms;
    },
    async close() {
      await amazon.close();
      await commerce.close();
      await database.destroy();
    },
  };
}

/** Imported, seller-fulfilled, Unshipped orders, with at least `lines` Amazon lines. */
export async function unshippedOrders(world: World, lines = 1): Promise<AmazonOrderRow[]> {
  const rows = await world.database.db
    .select()
    .from(amazonOrders)
    .where(
      and(
        eq(amazonOrders.accountId, world.accountId),
        eq(amazonOrders.importState, 'imported'),
        eq(amazonOrders.fulfillmentChannel, 'MFN'),
        eq(amazonOrders.amazonStatus, 'Unshipped'),
      ),
    )
    .orderBy(asc(amazonOrders.amazonOrderId));
  return rows.filter((row) => (world.amazon.store.orders.get(row.amazonOrderId)?.items.length ?? 0) >= lines);
}

export function commerceOrder(world: World, row: AmazonOrderRow) {
  const order = world.commerce.store.orders.get(row.commerceOrderId ?? -1);
  if (!order) {
    throw new Error(`no Commerce order for ${row.amazonOrderId}`);
  }
  return order as unknown as {
    entity_id: number;
    state: string;
    items: { item_id: number; sku: string; qty_ordered: number; ext_order_item_id?: string }[];
  };
}

export function amazonOrder(world: World, row: AmazonOrderRow) {
  const order = world.amazon.store.orders.get(row.amazonOrderId);
  if (!order) {
    throw new Error(`no Amazon order ${row.amazonOrderId}`);
  }
  return order;
}

/** Ships items of the Commerce order in the Commerce stand-in, with one track. */
export function shipInCommerce(
  world: World,
  row: AmazonOrderRow,
  items: readonly { item_id: number; qty: number }[] | 'all',
  track: { number: string; title: string; carrier: string } = {
    number: '1Z999AA10123456784',
    title: 'United Parcel Service',
    carrier: 'ups',
  },
): number {
  const order = commerceOrder(world, row);
  const lines =
    items === 'all' ? order.items.map((i) => ({ item_id: i.item_id, qty: i.qty_ordered })) : items;
  return world.commerce.store.ship(order.entity_id, {
    items: lines.map((line) => ({ order_item_id: line.item_id, qty: line.qty })),
    tracks: [{ track_number: track.number, title: track.title, carrier_code: track.carrier }],
  });
}

export async function actionsOf(world: World, orderId: string) {
  return world.database.db
    .select()
    .from(outboundActions)
    .where(eq(outboundActions.orderId, orderId))
    .orderBy(asc(outboundActions.createdAt), asc(outboundActions.id));
}

export async function eventsOf(world: World, orderId: string) {
  return world.database.db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
}

export function requests(world: World, operation: string): number {
  return world.amazon.stats()[operation]?.requests ?? 0;
}
