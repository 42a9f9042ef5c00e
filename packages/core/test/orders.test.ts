import { amazonOrders, orderEvents } from '@saleschannel/db';
import { createTestDatabase, seedAccount, type TestDatabase } from '@saleschannel/db/testing';
import { TransitionError } from '@saleschannel/domain';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotAllowedError } from '../src/errors.js';
import { transitionImport } from '../src/orders/import-state.js';
import { getOrderDetail, listOrders } from '../src/orders/queries.js';
import { retryOrder } from '../src/orders/retry.js';

let database: TestDatabase;
let accountId: string;
beforeEach(async () => {
  database = await createTestDatabase();
  ({ accountId } = await seedAccount(database));
});
afterEach(async () => {
  await database.destroy();
});

let sequence = 0;
async function order(overrides: Partial<typeof amazonOrders.$inferInsert> = {}) {
  sequence++;
  const { cipher } = database;
  const buyer = { name: `Buyer ${sequence}`, email: `buyer${sequence}@marketplace.amazon.com` };
  const [row] = await database.db
    .insert(amazonOrders)
    .values({
      accountId,
      amazonOrderId: `111-0000000-${String(sequence).padStart(7, '0')}`,
      marketplaceId: 'ATVPDKIKX0DER',
      purchaseDate: new Date(Date.UTC(2026, 10, 1, 0, sequence)),
      lastUpdateDate: new Date(Date.UTC(2026, 10, 1, 0, sequence)),
      amazonStatus: 'Unshipped',
      fulfillmentChannel: 'MFN',
      currencyCode: 'USD',
      orderTotal: `${sequence}.50`,
      buyer: cipher.encryptJson(buyer),
      buyerEmailHash: cipher.blindIndex(buyer.email),
      buyerNameHash: cipher.blindIndex(buyer.name),
      shippingAddress: cipher.encryptJson({ city: 'Seattle' }),
      rawPayload: cipher.encryptJson({}),
      ...overrides,
    })
    .returning();
  if (!row) {
    throw new Error('no row');
  }
  return row;
}

const timeline = (orderId: string) =>
  database.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));

describe('import transitions', () => {
  it('records each move with its event, in the lifecycle order', async () => {
    const o = await order();
    const now = new Date('2026-11-26T10:00:00Z');
    const failed = await transitionImport(
      database.db,
      o,
      { to: 'error', code: 'unknown_sku', reason: 'SKU "MUG-1" matches no Commerce product' },
      { type: 'import_failed', message: 'Could not create the Commerce order' },
      now,
    );
    expect(failed).toMatchObject({
      importState: 'error',
      importErrorCode: 'unknown_sku',
      importError: 'SKU "MUG-1" matches no Commerce product',
      importAttempts: 1,
      version: 2,
    });
    expect(failed.nextAttemptAt?.toISOString()).toBe('2026-11-26T10:01:00.000Z');
    const imported = await transitionImport(
      database.db,
      failed,
      { to: 'imported', commerceOrderId: 17, commerceIncrementId: '000000017' },
      { type: 'imported', message: 'Commerce order 000000017 created' },
      now,
    );
    expect(imported).toMatchObject({
      importState: 'imported',
      importError: null,
      commerceIncrementId: '000000017',
    });
    expect(imported.importedAt?.toISOString()).toBe(now.toISOString());
    const events = await timeline(o.id);
    expect(events.map((e) => [e.type, e.level, e.data?.importState])).toEqual([
      ['import_failed', 'error', { from: 'pending', to: 'error' }],
      ['imported', 'info', { from: 'error', to: 'imported' }],
    ]);
  });

  it('refuses a move the lifecycle does not allow, changing nothing', async () => {
    const o = await order({ importState: 'imported', commerceOrderId: 1, commerceIncrementId: '1' });
    await expect(
      transitionImport(database.db, o, { to: 'pending' }, { type: 'x', message: 'x' }),
    ).rejects.toThrow(TransitionError);
    expect(await timeline(o.id)).toEqual([]);
  });

  it('stops retrying by itself after the last spaced attempt', async () => {
    const o = await order();
    let row = o;
    for (let attempt = 1; attempt <= 6; attempt++) {
      row = await transitionImport(
        database.db,
        row,
        { to: 'error', code: 'commerce_validation', reason: 'Invalid region' },
        { type: 'import_failed', message: 'failed' },
      );
    }
    expect(row.importAttempts).toBe(6);
    expect(row.nextAttemptAt).toBeNull();
  });

  it('refuses to act on a stale view of the order', async () => {
    const o = await order();
    await transitionImport(
      database.db,
      o,
      { to: 'skipped' },
      { type: 'skipped', message: 'Import disabled' },
    );
    // `o` is the row as it was read before the skip: acting on it now would hide the skip.
    await expect(
      transitionImport(database.db, o, { to: 'error', code: 'x', reason: 'y' }, { type: 'x', message: 'x' }),
    ).rejects.toThrow(ConflictError);
    const [row] = await database.db.select().from(amazonOrders).where(eq(amazonOrders.id, o.id));
    expect(row).toMatchObject({ importState: 'skipped', version: 2 });
  });
});

describe('retry', () => {
  it('puts an order in error back to pending with a fresh series of attempts', async () => {
    const o = await order({ importState: 'error', importError: 'boom', importAttempts: 6 });
    const retried = await retryOrder(database.db, o.id, 'ops@shop.test');
    expect(retried).toMatchObject({ importState: 'pending', importAttempts: 0, importError: null });
    expect(retried.nextAttemptAt).not.toBeNull();
    expect((await timeline(o.id)).map((e) => e.type)).toEqual(['retry_requested']);
  });

  it('refuses an imported order with a clear reason', async () => {
    const o = await order({ importState: 'imported', commerceOrderId: 2, commerceIncrementId: '2' });
    await expect(retryOrder(database.db, o.id, 'ops')).rejects.toThrow(NotAllowedError);
    await expect(retryOrder(database.db, o.id, 'ops')).rejects.toThrow(/only orders in error or skipped/);
  });
});

describe('order queries', () => {
  it('lists newest first with stable keyset pages', async () => {
    for (let i = 0; i < 7; i++) {
      await order();
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrders(database.db, database.cipher, {
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.orders.map((o) => o.amazonOrderId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('filters by state, status, dates and totals, and finds a buyer by exact email without plaintext in SQL', async () => {
    const a = await order({ amazonStatus: 'Shipped', orderTotal: '100.00' });
    await order({ importState: 'error', importError: 'x', orderTotal: '5.00' });
    const c = await order({ amazonStatus: 'Canceled', orderTotal: '20.00' });
    const ids = async (query: Parameters<typeof listOrders>[2]) =>
      (await listOrders(database.db, database.cipher, query)).orders.map((o) => o.id);
    expect(await ids({ amazonStatus: 'Shipped' })).toEqual([a.id]);
    expect(await ids({ importState: 'error' })).toHaveLength(1);
    expect(await ids({ totalMin: '10', totalMax: '50' })).toEqual([c.id]);
    expect(await ids({ purchasedFrom: a.purchaseDate, purchasedTo: a.purchaseDate })).toEqual([a.id]);
    const seq = Number(a.amazonOrderId.slice(-7));
    const [found] = (
      await listOrders(database.db, database.cipher, { search: `BUYER${seq}@marketplace.amazon.com` })
    ).orders;
    expect(found).toMatchObject({ id: a.id, buyerName: `Buyer ${seq}` });
    expect(await ids({ search: a.amazonOrderId })).toEqual([a.id]);
  });

  it('explains a bad query', async () => {
    await expect(listOrders(database.db, database.cipher, { totalMin: '1e3' })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(listOrders(database.db, database.cipher, { cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('shows one order with buyer and address decrypted, never the raw ciphertext', async () => {
    const o = await order();
    const detail = await getOrderDetail(database.db, database.cipher, o.id);
    expect(detail.buyer).toMatchObject({ email: expect.stringContaining('@marketplace.amazon.com') });
    expect(detail.shippingAddress).toEqual({ city: 'Seattle' });
    expect(JSON.stringify(detail)).not.toContain('v1.');
  });
});
