import { afterEach, describe, expect, it } from 'vitest';
import { type CommerceStandIn, startCommerceStandIn } from '../src/index.js';

let standIn: CommerceStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(inventory: 'msi' | 'legacy' = 'msi') {
  standIn = await startCommerceStandIn({
    inventory,
    integrationAsBearer: true,
    products: [{ sku: 'SKU-1', qty: 5, price: '10.00' }],
  });
  const token = standIn.integration.accessToken;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${standIn?.url}/rest/default${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { standIn, call };
}

const entity = (ext: string) => ({
  entity: {
    ext_order_id: ext,
    customer_email: 'a@b.test',
    base_grand_total: 20,
    grand_total: 20,
    subtotal: 20,
    order_currency_code: 'USD',
    items: [{ sku: 'SKU-1', qty_ordered: 2, price: 10, row_total: 20 }],
  },
});

describe('commerce stand-in', () => {
  it('listens on 127.0.0.1 and answers 401 with the ACL message without credentials', async () => {
    const { standIn } = await start();
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${standIn.url}/rest/default/V1/orders/1`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: "The consumer isn't authorized to access %resources.",
      parameters: { resources: 'Magento_Sales::actions_view' },
    });
  });

  it('unknown routes answer 404 like Commerce', async () => {
    const { call } = await start();
    expect(await call('GET', '/V1/nothing')).toEqual({
      status: 404,
      body: { message: 'Request does not match any route.' },
    });
  });

  it('assigns increment ids, and accepts snake_case searchCriteria with the repeated last page', async () => {
    const { call } = await start();
    for (const ext of ['A', 'B', 'C']) {
      expect((await call('POST', '/V1/orders', entity(ext))).status).toBe(200);
    }
    const q = (page: number) =>
      `/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=ext_order_id&searchCriteria[filter_groups][0][filters][0][value]=A,C&searchCriteria[filter_groups][0][filters][0][condition_type]=in&searchCriteria[page_size]=1&searchCriteria[current_page]=${page}`;
    const page2 = (await call('GET', q(2))).body as {
      items: { increment_id: string }[];
      total_count: number;
    };
    const page7 = (await call('GET', q(7))).body as {
      items: { increment_id: string }[];
      total_count: number;
    };
    expect(page2.total_count).toBe(2);
    expect(page2.items.map((o) => o.increment_id)).toEqual(['000000003']);
    expect(page7.items).toEqual(page2.items);
  });

  it('MSI: a shipment deducts the source and adds a compensating reservation; a return goes back to the source', async () => {
    const { call, standIn } = await start('msi');
    const order = (await call('POST', '/V1/orders', entity('A'))).body as { entity_id: number };
    expect(standIn.store.salableQty('SKU-1')).toBe(5);
    await call('POST', `/V1/order/${order.entity_id}/invoice`, {});
    await call('POST', `/V1/order/${order.entity_id}/ship`, {});
    expect(standIn.store.sourceQty('SKU-1')).toBe(3);
    expect(standIn.store.reservations.map((r) => r.quantity)).toEqual([2]);
    expect((await call('GET', '/V1/inventory/get-product-salable-quantity/SKU-1/1')).body).toBe(5);
    const full = (await call('GET', `/V1/orders/${order.entity_id}`)).body as {
      items: { item_id: number }[];
      state: string;
    };
    expect(full.state).toBe('complete');
    await call('POST', `/V1/order/${order.entity_id}/refund`, {
      arguments: { extension_attributes: { return_to_stock_items: [full.items[0]?.item_id] } },
    });
    expect(standIn.store.sourceQty('SKU-1')).toBe(5);
    expect(standIn.store.salableQty('SKU-1')).toBe(7);
  });

  it('MSI: refunding an unshipped item to stock is a +qty reservation', async () => {
    const { call, standIn } = await start('msi');
    const order = (await call('POST', '/V1/orders', entity('A'))).body as {
      entity_id: number;
      items: { item_id: number }[];
    };
    await call('POST', `/V1/order/${order.entity_id}/invoice`, {});
    await call('POST', `/V1/order/${order.entity_id}/refund`, {
      arguments: { extension_attributes: { return_to_stock_items: [order.items[0]?.item_id] } },
    });
    expect(standIn.store.sourceQty('SKU-1')).toBe(5);
    expect(standIn.store.reservations.map((r) => r.quantity)).toEqual([2]);
    expect(((await call('GET', `/V1/orders/${order.entity_id}`)).body as { state: string }).state).toBe(
      'closed',
    );
  });

  it('legacy stock: no MSI routes; cancel puts the quantity back into the stock item', async () => {
    const { call, standIn } = await start('legacy');
    expect((await call('GET', '/V1/inventory/source-items?searchCriteria[pageSize]=1')).status).toBe(404);
    const order = (await call('POST', '/V1/orders', entity('A'))).body as { entity_id: number };
    expect((await call('POST', `/V1/orders/${order.entity_id}/cancel`)).body).toBe(true);
    expect(standIn.store.legacyQty('SKU-1')).toBe(7);
    expect((await call('POST', `/V1/orders/${order.entity_id}/cancel`)).body).toBe(false);
  });

  it('invoice validation errors are worded as Commerce words them', async () => {
    const { call } = await start();
    const order = (await call('POST', '/V1/orders', entity('A'))).body as {
      entity_id: number;
      items: { item_id: number }[];
    };
    const tooMany = await call('POST', `/V1/order/${order.entity_id}/invoice`, {
      items: [{ order_item_id: order.items[0]?.item_id, qty: 3 }],
    });
    expect(tooMany).toEqual({
      status: 400,
      body: {
        message:
          'Invoice Document Validation Error(s):\nThe quantity to invoice must not be greater than the uninvoiced quantity for product SKU "SKU-1".',
      },
    });
    await call('POST', `/V1/order/${order.entity_id}/invoice`, {});
    expect((await call('POST', `/V1/order/${order.entity_id}/invoice`, {})).body).toEqual({
      message: 'Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.',
    });
    expect((await call('POST', '/V1/orders/999/hold')).status).toBe(404);
  });

  it('serves a read-only HTML list of its orders', async () => {
    const { call, standIn } = await start();
    await call('POST', '/V1/orders', entity('111-<script>'));
    const response = await fetch(`${standIn.url}/`);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('000000001');
    expect(html).toContain('111-&#60;script&#62;');
    expect(html).not.toContain('<script>');
  });

  it('fault injection: a 503 is answered once, then the request works', async () => {
    const { call, standIn } = await start();
    standIn.injectFault({ kind: 'status', status: 503, path: /^\/V1\/products\// });
    expect((await call('GET', '/V1/stockItems/SKU-1')).status).toBe(200);
    expect((await call('GET', '/V1/products/SKU-1')).status).toBe(503);
    expect((await call('GET', '/V1/products/SKU-1')).status).toBe(200);
  });
});
