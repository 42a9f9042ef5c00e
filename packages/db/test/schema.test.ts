import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, type Database } from '../src/client.js';
import { createCipher } from '../src/crypto.js';
import {
  accounts,
  adminUsers,
  amazonCredentials,
  amazonOrderItems,
  amazonOrders,
  apiTokens,
  commerceConnections,
  communicationErrors,
  inboundNotifications,
  orderEvents,
  orderSettings,
  outboundActions,
  stockReservations,
  syncCursors,
} from '../src/index.js';
import { createEmptyDatabaseUrl, seedAccount, testDriver } from '../src/testing.js';
import { expectConstraint, useTestDatabase } from './helpers.js';

const database = useTestDatabase();

function orderValues(accountId: string, overrides: Partial<typeof amazonOrders.$inferInsert> = {}) {
  const { cipher } = database();
  return {
    accountId,
    amazonOrderId: `111-${randomBytes(3).readUIntBE(0, 3).toString().padStart(7, '0')}-0000001`,
    marketplaceId: 'ATVPDKIKX0DER',
    purchaseDate: new Date('2026-11-20T10:00:00Z'),
    lastUpdateDate: new Date('2026-11-20T10:05:00Z'),
    amazonStatus: 'Unshipped',
    fulfillmentChannel: 'MFN',
    currencyCode: 'USD',
    orderTotal: '25.98',
    rawPayload: cipher.encryptJson({ orderId: 'x' }),
    ...overrides,
  } satisfies typeof amazonOrders.$inferInsert;
}

async function insertOrder(accountId: string, overrides: Partial<typeof amazonOrders.$inferInsert> = {}) {
  const [row] = await database()
    .db.insert(amazonOrders)
    .values(orderValues(accountId, overrides))
    .returning();
  if (!row) {
    throw new Error('no order row');
  }
  return row;
}

describe(`migrations (${testDriver()})`, () => {
  it('apply from an empty database and re-running them changes nothing', async () => {
    const { rows } = await database().executeSql(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    const names = (rows as { table_name: string }[]).map((row) => row.table_name);
    expect(names).toEqual(
      [
        'accounts',
        'admin_users',
        'amazon_credentials',
        'amazon_order_items',
        'amazon_orders',
        'api_tokens',
        'commerce_connections',
        'communication_errors',
        'inbound_notifications',
        'order_events',
        'order_settings',
        'outbound_actions',
        'stock_reservations',
        'sync_cursors',
      ].sort(),
    );
    await database().migrate();
    await database().migrate();
    const { accountId } = await seedAccount(database());
    expect(accountId).toMatch(/^acc_/);
  });

  it('apply to a brand-new, empty database', async () => {
    const empty = await createEmptyDatabaseUrl();
    const fresh: Database = await createDb({ url: empty.url, cipher: createCipher(randomBytes(32)) });
    try {
      await fresh.ping();
      await fresh.migrate();
      const { accountId } = await seedAccount(fresh);
      const [settings] = await fresh.db
        .select()
        .from(orderSettings)
        .where(eq(orderSettings.accountId, accountId));
      expect(settings?.importOrders).toBe('enabled');
    } finally {
      await fresh.close();
      await empty.drop();
    }
  });
});

describe('order settings', () => {
  it('default to the domain defaults', async () => {
    const { accountId } = await seedAccount(database());
    const [row] = await database()
      .db.select()
      .from(orderSettings)
      .where(eq(orderSettings.accountId, accountId));
    expect(row).toMatchObject({
      importOrders: 'enabled',
      storeViewCode: null,
      customerCreation: 'guest',
      orderNumberSource: 'commerce',
      pendingOrders: 'do_not_reserve',
      orderStatusMode: 'default',
      processingStatus: null,
      importFbaOrders: true,
      fbaManageStock: false,
      mfnStockPolicy: 'deduct_on_shipment',
      unknownSkuPolicy: 'error',
      syncFrequencyMinutes: 5,
      logRetention: 'monthly',
    });
  });

  it.each([
    ['order_settings_import_orders_check', { importOrders: 'maybe' }],
    ['order_settings_customer_creation_check', { customerCreation: 'anonymous' }],
    ['order_settings_order_number_source_check', { orderNumberSource: 'ebay' }],
    ['order_settings_pending_orders_check', { pendingOrders: 'hold' }],
    ['order_settings_order_status_mode_check', { orderStatusMode: 'fancy' }],
    ['order_settings_mfn_stock_policy_check', { mfnStockPolicy: 'always' }],
    ['order_settings_unknown_sku_policy_check', { unknownSkuPolicy: 'create' }],
    ['order_settings_log_retention_check', { logRetention: 'yearly' }],
    ['order_settings_custom_status_check', { orderStatusMode: 'custom', processingStatus: '  ' }],
    ['order_settings_sync_frequency_check', { syncFrequencyMinutes: 0 }],
    ['order_settings_reservation_days_check', { reservationDays: 15 }],
  ] as const)('%s rejects %o', async (constraint, values) => {
    const { accountId } = await seedAccount(database());
    await expectConstraint(
      database()
        .db.update(orderSettings)
        .set(values as Partial<typeof orderSettings.$inferInsert>)
        .where(eq(orderSettings.accountId, accountId)),
      constraint,
    );
  });

  it('accept a custom status with its processing status', async () => {
    const { accountId } = await seedAccount(database());
    await database()
      .db.update(orderSettings)
      .set({ orderStatusMode: 'custom', processingStatus: 'amazon_processing' })
      .where(eq(orderSettings.accountId, accountId));
  });
});

describe('accounts and connections', () => {
  it('one account per seller and marketplace', async () => {
    await seedAccount(database(), { sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER' });
    await expectConstraint(
      seedAccount(database(), { sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER' }),
      'accounts_seller_marketplace_key',
    );
    await seedAccount(database(), { sellerId: 'A1SELLER', marketplaceId: 'A2EUQ1WTGCTBG2' });
  });

  it.each([
    ['accounts_region_check', { region: 'mars' }],
    ['accounts_status_check', { status: 'deleted' }],
    ['accounts_marketplace_id_check', { marketplaceId: 'us' }],
  ] as const)('%s rejects %o', async (constraint, values) => {
    const { accountId } = await seedAccount(database());
    await expectConstraint(
      database().db.update(accounts).set(values).where(eq(accounts.id, accountId)),
      constraint,
    );
  });

  it('an account needs an existing Commerce connection, which cannot be deleted while in use', async () => {
    const { db } = database();
    await expectConstraint(
      db.insert(accounts).values({
        displayName: 'x',
        sellerId: 'A2',
        marketplaceId: 'ATVPDKIKX0DER',
        region: 'na',
        commerceConnectionId: 'cmc_missing',
        commerceWebsiteId: 1,
      }),
      /foreign key constraint/,
    );
    const { connectionId } = await seedAccount(database());
    await expectConstraint(
      db.delete(commerceConnections).where(eq(commerceConnections.id, connectionId)),
      /foreign key constraint/,
    );
  });

  it.each([
    ['commerce_connections_flavor_check', { flavor: 'onprem' }],
    ['commerce_connections_auth_mode_check', { authMode: 'basic' }],
    ['commerce_connections_inventory_mode_check', { inventoryMode: 'warehouse' }],
    ['commerce_connections_base_url_check', { baseUrl: 'ftp://shop' }],
  ] as const)('%s rejects %o', async (constraint, values) => {
    const { connectionId } = await seedAccount(database());
    await expectConstraint(
      database().db.update(commerceConnections).set(values).where(eq(commerceConnections.id, connectionId)),
      constraint,
    );
  });

  it('required columns are not null', async () => {
    const { db } = database();
    await expectConstraint(
      db.insert(commerceConnections).values({
        name: 'x',
        baseUrl: 'https://shop.test',
        authMode: 'bearer',
        secrets: null as unknown as string,
      }),
      /not-null constraint/,
    );
  });
});

describe('amazon orders', () => {
  it('one order per account and Amazon order id; the same id may exist on another account', async () => {
    const { accountId } = await seedAccount(database());
    const { accountId: other } = await seedAccount(database());
    await insertOrder(accountId, { amazonOrderId: '111-0000000-0000001' });
    await expectConstraint(
      insertOrder(accountId, { amazonOrderId: '111-0000000-0000001' }),
      'amazon_orders_account_order_key',
    );
    await insertOrder(other, { amazonOrderId: '111-0000000-0000001' });
  });

  it('one Amazon order per Commerce order of an account', async () => {
    const { accountId } = await seedAccount(database());
    const link = { importState: 'imported', commerceOrderId: 42, commerceIncrementId: '000000042' } as const;
    await insertOrder(accountId, link);
    await expectConstraint(insertOrder(accountId, link), 'amazon_orders_account_commerce_order_key');
  });

  it.each([
    ['amazon_orders_amazon_status_check', { amazonStatus: 'Lost' }],
    ['amazon_orders_fulfillment_channel_check', { fulfillmentChannel: 'SFP' }],
    ['amazon_orders_import_state_check', { importState: 'done' }],
    ['amazon_orders_source_api_check', { sourceApi: 'v1' }],
    ['amazon_orders_currency_check', { currencyCode: 'usd' }],
    ['amazon_orders_total_currency_check', { currencyCode: null, orderTotal: '1.00' }],
    ['amazon_orders_imported_link_check', { importState: 'imported' }],
    ['amazon_orders_error_reason_check', { importState: 'error', importError: '' }],
    ['amazon_orders_attempts_check', { importAttempts: -1 }],
    ['amazon_orders_item_counts_check', { numberOfItemsShipped: -1 }],
  ] as const)('%s rejects %o', async (constraint, values) => {
    const { accountId } = await seedAccount(database());
    await expectConstraint(
      insertOrder(accountId, values as Partial<typeof amazonOrders.$inferInsert>),
      constraint,
    );
  });

  it('an order needs an account; deleting the account removes its orders', async () => {
    await expectConstraint(insertOrder('acc_missing'), /foreign key constraint/);
    const { accountId } = await seedAccount(database());
    const order = await insertOrder(accountId);
    await database().db.delete(accounts).where(eq(accounts.id, accountId));
    expect(await database().db.select().from(amazonOrders).where(eq(amazonOrders.id, order.id))).toEqual([]);
  });

  it.each([
    ['amazon_order_items_order_item_key', {}],
    ['amazon_order_items_quantity_check', { quantityOrdered: -1, quantityShipped: 0 }],
    ['amazon_order_items_shipped_check', { quantityOrdered: 1, quantityShipped: 2 }],
    ['amazon_order_items_currency_check', { currencyCode: 'EURO' }],
    ['amazon_order_items_unit_price_check', { unitPrice: '-1.00' }],
    ['amazon_order_items_priced_check', { lineTotal: null }],
    ['amazon_order_items_priced_check', { currencyCode: null }],
  ] as const)('items: %s rejects %o', async (constraint, values) => {
    const { accountId } = await seedAccount(database());
    const order = await insertOrder(accountId);
    const item = {
      orderId: order.id,
      orderItemId: '12345678901234',
      asin: 'B000000001',
      quantityOrdered: 1,
      currencyCode: 'USD',
      unitPrice: '12.99',
      lineTotal: '12.99',
    };
    if (constraint === 'amazon_order_items_order_item_key') {
      await database().db.insert(amazonOrderItems).values(item);
    }
    await expectConstraint(
      database()
        .db.insert(amazonOrderItems)
        .values({ ...item, ...values }),
      constraint,
    );
  });

  it('an order with items, events and an outbound action round-trips exactly', async () => {
    const { db, cipher } = database();
    const { accountId } = await seedAccount(database());
    const buyer = { name: 'Jane Roe', email: 'jane@marketplace.amazon.com' };
    const order = await insertOrder(accountId, {
      amazonOrderId: '902-3159896-1390916',
      sellerOrderId: 'SO-1',
      isPrime: true,
      currencyCode: 'JPY',
      orderTotal: '1500',
      buyer: cipher.encryptJson(buyer),
      buyerEmailHash: cipher.blindIndex(buyer.email),
      latestShipDate: new Date('2026-11-22T23:59:59Z'),
    });
    await db.insert(amazonOrderItems).values([
      {
        orderId: order.id,
        orderItemId: '1',
        asin: 'B000000001',
        sellerSku: 'SKU-1',
        title: 'Tea',
        quantityOrdered: 2,
        currencyCode: 'JPY',
        unitPrice: '500',
        lineTotal: '1000',
        itemTax: '91',
        promotionIds: ['PROMO1'],
      },
      {
        orderId: order.id,
        orderItemId: '2',
        asin: 'B000000002',
        quantityOrdered: 1,
        currencyCode: 'JPY',
        unitPrice: '500',
        lineTotal: '500',
      },
    ]);
    await db.insert(orderEvents).values({
      orderId: order.id,
      accountId,
      type: 'imported',
      message: 'Stored from Amazon',
      data: { status: 'Unshipped' },
    });
    await db.insert(outboundActions).values({
      orderId: order.id,
      accountId,
      kind: 'cancellation',
      idempotencyKey: `cancel:${order.id}`,
      payload: { reason: 'NoInventory' },
    });

    const stored = await db.query.amazonOrders.findFirst({
      where: eq(amazonOrders.id, order.id),
    });
    expect(stored).toMatchObject({
      amazonOrderId: '902-3159896-1390916',
      sellerOrderId: 'SO-1',
      isPrime: true,
      orderTotal: '1500.0000',
      currencyCode: 'JPY',
      importState: 'pending',
      importAttempts: 0,
      version: 1,
    });
    expect(stored?.latestShipDate?.toISOString()).toBe('2026-11-22T23:59:59.000Z');
    expect(cipher.decryptJson(stored?.buyer ?? '')).toEqual(buyer);
    const items = await db
      .select()
      .from(amazonOrderItems)
      .where(eq(amazonOrderItems.orderId, order.id))
      .orderBy(amazonOrderItems.orderItemId);
    expect(
      items.map((i) => [i.sellerSku, i.quantityOrdered, i.unitPrice, i.lineTotal, i.itemTax, i.promotionIds]),
    ).toEqual([
      ['SKU-1', 2, '500.0000', '1000.0000', '91.0000', ['PROMO1']],
      [null, 1, '500.0000', '500.0000', '0.0000', []],
    ]);
    const [event] = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(event).toMatchObject({ type: 'imported', level: 'info', data: { status: 'Unshipped' } });
    const [action] = await db.select().from(outboundActions).where(eq(outboundActions.orderId, order.id));
    expect(action).toMatchObject({
      kind: 'cancellation',
      state: 'pending',
      attempts: 0,
      payload: { reason: 'NoInventory' },
    });

    await db.delete(amazonOrders).where(eq(amazonOrders.id, order.id));
    expect(await db.select().from(amazonOrderItems).where(eq(amazonOrderItems.orderId, order.id))).toEqual(
      [],
    );
    expect(await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).toEqual([]);
  });

  it('an event level must be known', async () => {
    const { accountId } = await seedAccount(database());
    const order = await insertOrder(accountId);
    await expectConstraint(
      database()
        .db.insert(orderEvents)
        .values({ orderId: order.id, accountId, type: 'x', level: 'debug', message: 'm' }),
      'order_events_level_check',
    );
  });
});

describe('outbound actions, cursors, logs, users', () => {
  async function orderId() {
    const { accountId } = await seedAccount(database());
    return { accountId, orderId: (await insertOrder(accountId)).id };
  }

  it('one outbound action per idempotency key', async () => {
    const ids = await orderId();
    const action = { ...ids, kind: 'refund', idempotencyKey: 'refund:creditmemo:7', payload: {} };
    await database().db.insert(outboundActions).values(action);
    await expectConstraint(
      database().db.insert(outboundActions).values(action),
      'outbound_actions_idempotency_key',
    );
  });

  it.each([
    ['outbound_actions_kind_check', { kind: 'return' }],
    ['outbound_actions_state_check', { state: 'sent' }],
    ['outbound_actions_attempts_check', { attempts: -2 }],
    ['outbound_actions_failed_reason_check', { state: 'failed' }],
    ['outbound_actions_submitted_at_check', { state: 'submitted' }],
  ] as const)('%s rejects %o', async (constraint, values) => {
    const ids = await orderId();
    await expectConstraint(
      database()
        .db.insert(outboundActions)
        .values({ ...ids, kind: 'shipment_confirmation', idempotencyKey: 'k', payload: {}, ...values }),
      constraint,
    );
  });

  it('sync cursors: one per account and stream, streams are known', async () => {
    const { accountId } = await seedAccount(database());
    const { db } = database();
    await db.insert(syncCursors).values({ accountId, stream: 'amazon_orders', cursorAt: new Date() });
    await expectConstraint(
      db.insert(syncCursors).values({ accountId, stream: 'amazon_orders' }),
      /sync_cursors_account_id_stream_pk/,
    );
    await expectConstraint(
      db.insert(syncCursors).values({ accountId, stream: 'ebay' }),
      'sync_cursors_stream_check',
    );
  });

  it('communication errors name a known system', async () => {
    const { accountId } = await seedAccount(database());
    await expectConstraint(
      database()
        .db.insert(communicationErrors)
        .values({ accountId, system: 'ebay', operation: 'x', message: 'm' }),
      'communication_errors_system_check',
    );
  });

  it('a notification is stored once', async () => {
    const row = { notificationId: 'n-1', notificationType: 'ORDER_CHANGE' };
    await database().db.insert(inboundNotifications).values(row);
    await expectConstraint(
      database().db.insert(inboundNotifications).values(row),
      'inbound_notifications_notification_key',
    );
  });

  it('stock reservations: positive quantity, one per order and SKU', async () => {
    const { orderId: id } = await orderId();
    const row = { orderId: id, sku: 'SKU-1', quantity: 1, expiresAt: new Date() };
    await database().db.insert(stockReservations).values(row);
    await expectConstraint(
      database().db.insert(stockReservations).values(row),
      'stock_reservations_order_sku_key',
    );
    await expectConstraint(
      database()
        .db.insert(stockReservations)
        .values({ ...row, sku: 'SKU-2', quantity: 0 }),
      'stock_reservations_quantity_check',
    );
  });

  it('admin users: emails unique regardless of case, valid, with a known role', async () => {
    const { db } = database();
    await db.insert(adminUsers).values({ email: 'Ops@Shop.test', name: 'Ops', passwordHash: 'scrypt$x' });
    await expectConstraint(
      db.insert(adminUsers).values({ email: 'ops@shop.test', name: 'Ops 2', passwordHash: 'scrypt$y' }),
      'admin_users_email_key',
    );
    await expectConstraint(
      db.insert(adminUsers).values({ email: 'not-an-email', name: 'x', passwordHash: 'x' }),
      'admin_users_email_check',
    );
    await expectConstraint(
      db.insert(adminUsers).values({ email: 'a@b.c', name: 'x', passwordHash: 'x', role: 'root' }),
      'admin_users_role_check',
    );
  });

  it('API tokens: only a SHA-256 hash, unique', async () => {
    const { db } = database();
    const tokenHash = 'a'.repeat(64);
    await db.insert(apiTokens).values({ name: 'ci', tokenHash, tokenPrefix: 'sc_live_ab' });
    await expectConstraint(
      db.insert(apiTokens).values({ name: 'ci2', tokenHash, tokenPrefix: 'sc_live_ab' }),
      'api_tokens_token_hash_key',
    );
    await expectConstraint(
      db.insert(apiTokens).values({ name: 'plain', tokenHash: 'sc_live_secret', tokenPrefix: 'sc_live_se' }),
      'api_tokens_hash_check',
    );
  });
});

describe('encrypted columns', () => {
  it('hold no plaintext of secrets or PII', async () => {
    const { db } = database();
    const { accountId, connectionId } = await seedAccount(database());
    const buyer = { name: 'Zebulon Quixote', email: 'zq-buyer@marketplace.amazon.com', phone: '+1 555 0100' };
    const address = { name: 'Zebulon Quixote', addressLine1: '742 Evergreen Terrace', city: 'Springfield' };
    await insertOrder(accountId, {
      buyer: database().cipher.encryptJson(buyer),
      shippingAddress: database().cipher.encryptJson(address),
      rawPayload: database().cipher.encryptJson({ buyerInfo: buyer, shippingAddress: address }),
      buyerEmailHash: database().cipher.blindIndex(buyer.email),
      buyerNameHash: database().cipher.blindIndex(buyer.name),
    });
    const dump = JSON.stringify([
      await db.select().from(amazonOrders),
      await db.select().from(amazonCredentials),
      await db.select().from(commerceConnections),
    ]);
    for (const secret of [
      'Zebulon',
      'Quixote',
      'zq-buyer',
      '555 0100',
      'Evergreen',
      'test-client-secret',
      'Atzr|test-refresh-token',
      'test-access-token',
    ]) {
      expect(dump).not.toContain(secret);
    }
    const [credentials] = await db
      .select()
      .from(amazonCredentials)
      .where(eq(amazonCredentials.accountId, accountId));
    expect(database().cipher.decrypt(credentials?.refreshToken ?? '')).toBe('Atzr|test-refresh-token');
    const [connection] = await db
      .select()
      .from(commerceConnections)
      .where(eq(commerceConnections.id, connectionId));
    expect(database().cipher.decryptJson(connection?.secrets ?? '')).toEqual({
      accessToken: 'test-access-token',
    });
    const [order] = await db
      .select()
      .from(amazonOrders)
      .where(
        eq(amazonOrders.buyerEmailHash, database().cipher.blindIndex('ZQ-Buyer@marketplace.amazon.com ')),
      );
    expect(database().cipher.decryptJson(order?.shippingAddress ?? '')).toEqual(address);
  });
});
