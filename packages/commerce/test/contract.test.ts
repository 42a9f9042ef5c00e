/**
 * Every request the client sends, validated against the official REST schema: path and method, query
 * parameters (searchCriteria included), path parameter types and the JSON body. The scenario calls every
 * operation of the client; the test fails if one is left out.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommerceClient } from '../src/client.js';
import { OrderEntityStrategy } from '../src/order-creation.js';
import { CommerceOrderFlow } from '../src/order-flow.js';
import { searchCriteria } from '../src/search-criteria.js';
import { amazonOrder, type Pair, startPair } from './helpers.js';
import {
  findOperation,
  loadSchema,
  type RecordedRequest,
  validateRequest,
  validateResponse,
} from './schema.js';

const pairs: Pair[] = [];
afterAll(async () => {
  await Promise.all(pairs.map((pair) => pair.standIn.close()));
});

async function paasScenario(): Promise<RecordedRequest[]> {
  const msi = await startPair({ inventory: 'msi', adminUsers: { admin: 'pw' } });
  const legacy = await startPair({ inventory: 'legacy' });
  pairs.push(msi, legacy);
  const client = msi.client;
  const flow = new CommerceOrderFlow(client, {
    strategy: new OrderEntityStrategy(),
    stock: { policy: 'deduct_on_import', inventory: 'msi' },
  });
  const { order } = await flow.importOrder(amazonOrder());
  const orderId = order.entity_id as number;
  await client.getOrder(orderId);
  await client.searchOrders(
    searchCriteria()
      .where('status', 'in', ['pending', 'processing'])
      .orWhere('state', 'eq', 'new')
      .where('created_at', 'from', '2020-01-01 00:00:00')
      .where('customer_email', 'like', '%@marketplace.amazon.com')
      .sortBy('created_at', 'DESC')
      .sortBy('entity_id', 'ASC')
      .pageSize(10)
      .page(1)
      .build(),
  );
  await client.searchAll('/V1/orders', searchCriteria().build(), 1);
  await client.addOrderComment(orderId, { comment: 'note', status: 'pending', notifyCustomer: false });
  await client.listOrderComments(orderId);
  await client.holdOrder(orderId);
  await client.unholdOrder(orderId);
  const invoiceId = await client.invoiceOrder(orderId, {
    items: order.items.map((item) => ({
      orderItemId: item.item_id as number,
      qty: item.qty_ordered as number,
    })),
    comment: { comment: 'Paid on Amazon' },
  });
  const { shipmentId } = await flow.ship(orderId, {
    tracks: [{ trackNumber: '1Z1', title: 'UPS', carrierCode: 'ups' }],
    comment: { comment: 'Shipped', visibleOnFront: true },
    notify: false,
  });
  await client.addTrack({ orderId, shipmentId, trackNumber: '1Z2', title: 'UPS', carrierCode: 'ups' });
  const memoId = await flow.refund(orderId, {
    shippingAmount: '4.99',
    adjustmentPositive: '0.50',
    adjustmentNegative: '0.50',
    comment: { comment: 'Refunded on Amazon' },
  });
  await client.getInvoice(invoiceId);
  await client.getShipment(shipmentId);
  await client.getCreditMemo(memoId);
  await client.shipmentsUpdatedSince('2000-01-01 00:00:00', orderId);
  await client.invoicesUpdatedSince('2000-01-01 00:00:00');
  await client.creditMemosUpdatedSince('2000-01-01 00:00:00');
  const other = await flow.importOrder(
    amazonOrder({ amazonOrderId: '333-0000000-0000003', incrementId: 'AMZ-333' }),
  );
  await client.cancelOrder(other.order.entity_id as number);
  await client.getProduct('MUG-1');
  await client.getSourceItems('MUG-1');
  await client.saveSourceItems([{ sku: 'MUG-1', source_code: 'default', quantity: 5, status: 1 }]);
  await client.getSalableQuantity('MUG-1', 1);
  await client.listWebsites();
  await client.listStoreGroups();
  await client.listStoreViews();
  const admin = new CommerceClient({
    baseUrl: msi.standIn.url,
    auth: { type: 'admin_token', username: 'admin', password: 'pw' },
  });
  await admin.getProduct('TEE-2');

  const legacyFlow = new CommerceOrderFlow(legacy.client, {
    stock: { policy: 'deduct_on_shipment', inventory: 'legacy' },
  });
  const legacyOrder = await legacyFlow.importOrder(amazonOrder());
  await legacy.client.invoiceOrder(legacyOrder.order.entity_id as number);
  await legacyFlow.ship(legacyOrder.order.entity_id as number);
  const item = await legacy.client.getStockItem('TEE-2');
  await legacy.client.updateStockItem('TEE-2', { ...item, qty: 3 });

  return [...msi.standIn.requests, ...legacy.standIn.requests];
}

const CLIENT_OPERATIONS = [
  'get /V1/orders',
  'post /V1/orders',
  'get /V1/orders/{id}',
  'post /V1/orders/{id}/cancel',
  'post /V1/orders/{id}/hold',
  'post /V1/orders/{id}/unhold',
  'post /V1/orders/{id}/comments',
  'get /V1/orders/{id}/comments',
  'post /V1/order/{orderId}/invoice',
  'post /V1/order/{orderId}/ship',
  'post /V1/order/{orderId}/refund',
  'get /V1/invoices',
  'get /V1/invoices/{id}',
  'get /V1/shipments',
  'get /V1/shipment/{id}',
  'post /V1/shipment/track',
  'get /V1/creditmemos',
  'get /V1/creditmemo/{id}',
  'get /V1/products/{sku}',
  'get /V1/stockItems/{productSku}',
  'put /V1/products/{productSku}/stockItems/{itemId}',
  'get /V1/inventory/source-items',
  'post /V1/inventory/source-items',
  'get /V1/inventory/get-product-salable-quantity/{sku}/{stockId}',
  'get /V1/store/websites',
  'get /V1/store/storeGroups',
  'get /V1/store/storeViews',
  'post /V1/integration/admin/token',
];

describe('contract: every request the client sends matches the Commerce 2.4.9 schema', () => {
  let requests: RecordedRequest[] = [];
  beforeAll(async () => {
    requests = await paasScenario();
  });

  it('each request is valid', () => {
    const schema = loadSchema('admin-schema-2.4.9.yaml');
    const problems = requests.flatMap((request) =>
      validateRequest(schema, request).errors.map((error) => `${request.method} ${request.path}: ${error}`),
    );
    expect(problems).toEqual([]);
    expect(requests.length).toBeGreaterThan(40);
  });

  it("the stand-in's answers match the schema's response definitions too", () => {
    const schema = loadSchema('admin-schema-2.4.9.yaml');
    const answered = requests.filter(
      (request) => (request as { status?: unknown }).status === 200 && !request.path.endsWith('/admin/token'),
    );
    const problems = answered.flatMap((request) =>
      validateResponse(schema, request, (request as { response?: unknown }).response).map(
        (error) => `${request.method} ${request.path}: ${error}`,
      ),
    );
    expect(problems).toEqual([]);
    expect(answered.length).toBeGreaterThan(40);
  });

  it('the scenario covers every operation of the client', () => {
    const schema = loadSchema('admin-schema-2.4.9.yaml');
    const seen = new Set(
      requests.map(
        (request) =>
          `${request.method.toLowerCase()} ${findOperation(schema, request.method, request.path)?.template}`,
      ),
    );
    expect(CLIENT_OPERATIONS.filter((operation) => !seen.has(operation))).toEqual([]);
  });

  it('PaaS requests are scoped by /rest/<store>, the schema basePath', () => {
    const schema = loadSchema('admin-schema-2.4.9.yaml');
    expect(schema.basePath).toBe('/rest/default');
    expect(
      requests.every((request) =>
        (request as { rawTarget?: string }).rawTarget?.startsWith('/rest/default/V1/'),
      ),
    ).toBe(true);
  });

  it('the validator catches a wrong body (so a passing test means something)', () => {
    const schema = loadSchema('admin-schema-2.4.9.yaml');
    const bad = validateRequest(schema, {
      method: 'POST',
      path: '/V1/order/1/refund',
      query: new URLSearchParams(),
      body: {
        arguments: { shipping_amount: '4.99', extension_attributes: { return_to_stock: [1] } },
        itemz: [],
      },
    });
    expect(bad.errors).toEqual([
      'body.arguments.shipping_amount: expected number, got "4.99"',
      'body.arguments.extension_attributes: unknown property return_to_stock',
      'body: unknown property itemz',
    ]);
    const query = validateRequest(schema, {
      method: 'GET',
      path: '/V1/orders',
      query: new URLSearchParams(
        'searchCriteria[filter_groups][0][filters][0][field]=x&searchCriteria[pageSize]=ten',
      ),
      body: undefined,
    });
    expect(query.errors).toEqual([
      'query parameter searchCriteria[filter_groups][0][filters][0][field] is not in the schema',
      'query parameter searchCriteria[pageSize]: expected integer, got ten',
    ]);
  });
});

describe('contract: Adobe Commerce as a Cloud Service (accs-schema)', () => {
  it('the SaaS client sends valid requests without the /rest/<store> prefix', async () => {
    const ims = { clientId: 'c', clientSecret: 's', imsOrgId: 'O@AdobeOrg' };
    const pair = await startPair({ ims });
    pairs.push(pair);
    const client = new CommerceClient({
      baseUrl: pair.standIn.url,
      flavor: 'saas',
      auth: { type: 'ims', ...ims, tokenUrl: `${pair.standIn.url}/ims/token/v3` },
    });
    const flow = new CommerceOrderFlow(client, { stock: { policy: 'deduct_on_shipment', inventory: 'msi' } });
    const { order } = await flow.importOrder(amazonOrder());
    const orderId = order.entity_id as number;
    await client.invoiceOrder(orderId);
    await flow.ship(orderId, { tracks: [{ trackNumber: 'T', title: 'DHL', carrierCode: 'dhl' }] });
    await flow.refund(orderId);
    await client.getSalableQuantity('MUG-1', 1);
    await client.listStoreViews();
    const schema = loadSchema('accs-schema.yaml');
    const requests = pair.standIn.requests;
    expect(requests.every((request) => request.rawTarget.startsWith('/V1/'))).toBe(true);
    const problems = requests.flatMap((request) =>
      validateRequest(schema, request).errors.map((error) => `${request.method} ${request.path}: ${error}`),
    );
    expect(problems).toEqual([]);
    const answers = requests.flatMap((request) =>
      request.status === 200
        ? validateResponse(schema, request, request.response).map(
            (e) => `${request.method} ${request.path}: ${e}`,
          )
        : [],
    );
    expect(answers).toEqual([]);
  });
});

describe('schema files', () => {
  it('are the unmodified upstream copies listed in schema/SOURCES.md', () => {
    const sources = readFileSync(new URL('../schema/SOURCES.md', import.meta.url), 'utf8');
    for (const file of ['admin-schema-2.4.9.yaml', 'accs-schema.yaml']) {
      const digest = createHash('sha256')
        .update(readFileSync(new URL(`../schema/${file}`, import.meta.url)))
        .digest('hex');
      expect(sources).toContain(`${digest}  ${file}`);
    }
  });
});
