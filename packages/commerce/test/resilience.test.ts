import { startCommerceStandIn } from '@saleschannel/commerce-stand-in';
import { afterEach, describe, expect, it } from 'vitest';
import { CommerceClient } from '../src/client.js';
import {
  CommerceBadRequestError,
  CommerceNetworkError,
  CommerceNotFoundError,
  CommerceServerError,
  CommerceTimeoutError,
  errorFromResponse,
  formatCommerceMessage,
} from '../src/errors.js';
import { importOrder, OrderEntityStrategy } from '../src/order-creation.js';
import { CommerceOrderFlow } from '../src/order-flow.js';
import { parseRetryAfter } from '../src/transport.js';
import { amazonOrder, type Pair, startPair } from './helpers.js';

let pair: Pair | undefined;
afterEach(async () => {
  await pair?.standIn.close();
  pair = undefined;
});

const ORDERS = /^\/V1\/orders$/;

describe('idempotent order creation', () => {
  it('a create whose response is lost, then retried, yields one order', async () => {
    pair = await startPair();
    pair.standIn.injectFault({ kind: 'drop-after-processing', method: 'POST', path: ORDERS });
    const result = await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    expect(result.created).toBe(true);
    expect(pair.standIn.store.orders.size).toBe(1);
    const posts = pair.standIn.requests.filter((r) => r.method === 'POST' && r.path === '/V1/orders');
    expect(posts.map((r) => r.status)).toEqual(['dropped']);
    // A later retry of the whole import finds it again.
    const again = await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    expect(again.created).toBe(false);
    expect(again.order.entity_id).toBe(result.order.entity_id);
    expect(pair.standIn.store.orders.size).toBe(1);
  });

  it('a create answered by a 500 after it was saved yields one order', async () => {
    pair = await startPair();
    pair.standIn.injectFault({ kind: 'error-after-processing', method: 'POST', path: ORDERS });
    await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    expect(pair.standIn.store.orders.size).toBe(1);
    expect(pair.standIn.requests.filter((r) => r.method === 'POST').length).toBe(1);
  });

  it('a create that timed out without being saved is looked up, then made once', async () => {
    pair = await startPair({}, { timeoutMs: 300 });
    pair.standIn.injectFault({ kind: 'timeout', method: 'POST', path: ORDERS });
    const result = await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    expect(result.created).toBe(true);
    expect(pair.standIn.store.orders.size).toBe(1);
    expect(pair.standIn.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
      'timeout',
      200,
    ]);
  });

  it('a create refused with 400 is not repeated', async () => {
    pair = await startPair();
    const error = await importOrder(
      pair.client,
      new OrderEntityStrategy(),
      amazonOrder({ incrementId: 'A1' }),
    )
      .then(() =>
        importOrder(
          pair?.client as CommerceClient,
          new OrderEntityStrategy(),
          amazonOrder({ amazonOrderId: 'other', incrementId: 'A1', orderTotal: undefined }),
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceBadRequestError);
    expect((error as Error).message).toContain('The order number "A1" is already in use.');
    expect(pair.standIn.requests.filter((r) => r.method === 'POST').length).toBe(2);
  });

  it('deduct_on_import takes stock once, also when the import is retried after the response was lost', async () => {
    pair = await startPair();
    const flow = new CommerceOrderFlow(pair.client, {
      stock: { policy: 'deduct_on_import', inventory: 'msi' },
    });
    pair.standIn.injectFault({ kind: 'drop-after-processing', method: 'POST', path: ORDERS });
    await flow.importOrder(amazonOrder());
    await flow.importOrder(amazonOrder());
    expect(pair.standIn.store.orders.size).toBe(1);
    expect(pair.standIn.store.sourceQty('MUG-1')).toBe(8);
    expect(pair.standIn.store.sourceQty('TEE-2')).toBe(9);
  });
});

describe('retries', () => {
  it('retries an idempotent GET after 5xx', async () => {
    pair = await startPair();
    pair.standIn.injectFault({ kind: 'status', status: 503, method: 'GET', times: 2 });
    expect((await pair.client.getProduct('MUG-1')).sku).toBe('MUG-1');
    expect(pair.standIn.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up after maxAttempts with a typed 5xx error', async () => {
    pair = await startPair({}, { retry: { maxAttempts: 2 } });
    pair.standIn.injectFault({ kind: 'status', status: 502, method: 'GET', times: 5 });
    const error = await pair.client.getProduct('MUG-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceServerError);
    expect((error as CommerceServerError).status).toBe(502);
    expect(pair.standIn.requests.length).toBe(2);
  });

  it('never repeats a non-idempotent POST after a 5xx', async () => {
    pair = await startPair();
    const { order } = await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    pair.standIn.injectFault({ kind: 'status', status: 500, method: 'POST', path: /invoice$/ });
    const error = await pair.client.invoiceOrder(order.entity_id as number).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceServerError);
    expect((error as CommerceServerError).maybeProcessed).toBe(true);
    expect(pair.standIn.requests.filter((r) => r.path.endsWith('/invoice')).length).toBe(1);
  });

  it('repeats a POST after 429, waiting as Retry-After says', async () => {
    const waits: number[] = [];
    pair = await startPair({}, { sleep: async (ms) => void waits.push(ms) });
    const { order } = await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    pair.standIn.injectFault({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 2,
      method: 'POST',
      path: /invoice$/,
    });
    expect(await pair.client.invoiceOrder(order.entity_id as number)).toBeGreaterThan(0);
    expect(waits).toEqual([2000]);
    expect(pair.standIn.requests.filter((r) => r.path.endsWith('/invoice')).map((r) => r.status)).toEqual([
      429, 200,
    ]);
  });

  it('a timed-out GET is retried; a timed-out POST is not', async () => {
    pair = await startPair({}, { timeoutMs: 300 });
    pair.standIn.injectFault({ kind: 'timeout', method: 'GET' });
    expect((await pair.client.getProduct('MUG-1')).sku).toBe('MUG-1');
    const { order } = await importOrder(pair.client, new OrderEntityStrategy(), amazonOrder());
    pair.standIn.injectFault({ kind: 'timeout', method: 'POST', path: /hold$/ });
    const error = await pair.client.holdOrder(order.entity_id as number).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceTimeoutError);
    expect((error as CommerceTimeoutError).maybeProcessed).toBe(true);
  });

  it('a refused connection is retried even for a POST, since nothing was sent', async () => {
    const standIn = await startCommerceStandIn();
    const url = standIn.url;
    await standIn.close();
    let calls = 0;
    const client = new CommerceClient({
      baseUrl: url,
      auth: { type: 'bearer', token: 't' },
      retry: { maxAttempts: 3 },
      sleep: async () => {},
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });
    const error = await client.holdOrder(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceNetworkError);
    expect((error as CommerceNetworkError).maybeProcessed).toBe(false);
    expect(calls).toBe(3);
  });
});

describe('errors', () => {
  it('substitutes %1 and %name placeholders', () => {
    expect(formatCommerceMessage('The order number "%1" is already in use.', ['A1'])).toBe(
      'The order number "A1" is already in use.',
    );
    expect(
      formatCommerceMessage("The consumer isn't authorized to access %resources.", {
        resources: 'Magento_Sales::ship',
      }),
    ).toBe("The consumer isn't authorized to access Magento_Sales::ship.");
    expect(formatCommerceMessage('%field_name and %field', { field: 'a', field_name: 'b' })).toBe('b and a');
  });

  it('maps statuses to typed errors and reads fatal-error bodies', () => {
    const details = { method: 'GET', path: '/V1/orders/9', maybeProcessed: false };
    expect(errorFromResponse(404, { message: 'x' }, details)).toBeInstanceOf(CommerceNotFoundError);
    const fatal = errorFromResponse(
      500,
      { messages: { error: [{ code: 500, message: 'Server internal error. See details in report api/1' }] } },
      details,
    );
    expect(fatal).toBeInstanceOf(CommerceServerError);
    expect(fatal.message).toContain('Server internal error');
    const aggregated = errorFromResponse(
      400,
      {
        message: 'One or more input exceptions have occurred.',
        errors: [{ message: '"%fieldName" is required.', parameters: { fieldName: 'sku' } }],
      },
      details,
    );
    expect(aggregated.errors).toEqual(['"sku" is required.']);
  });

  it('a missing order is a CommerceNotFoundError with Commerce words', async () => {
    pair = await startPair();
    const error = await pair.client.getOrder(999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceNotFoundError);
    expect((error as Error).message).toContain("The entity that was requested doesn't exist.");
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
