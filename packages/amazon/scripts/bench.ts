/**
 * Rate-limit benchmark against the stand-in on 127.0.0.1.
 *
 *   pnpm --filter @saleschannel/amazon bench [-- --sustained 20]
 *
 * For each operation: a client sends requests one after the other (like a sync loop) until `sustained`
 * requests have had to wait for a token, while the stand-in enforces the documented usage plan,
 * time-compressed so that one token takes ~100 ms of real time. It prints the achieved sustained rate
 * (measured from the first request that waited, so the burst does not count) against the documented rate,
 * the 429s our client got, and the 429s a naive client gets when it sends the same number of requests all
 * at once, without a limiter.
 */
import { parseArgs } from 'node:util';
import { type AmazonStandIn, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { SellingPartnerClient } from '../src/client.js';
import { scaledClock } from '../src/clock.js';
import { OPERATIONS, type OperationName } from '../src/operations.js';
import type { TransportHooks } from '../src/transport.js';

const { values } = parseArgs({ options: { sustained: { type: 'string', default: '20' } }, strict: false });
const SUSTAINED = Number(values.sustained);
const US = 'ATVPDKIKX0DER';
const DAY = 86_400_000;

type Call = (client: SellingPartnerClient, standIn: AmazonStandIn, i: number) => Promise<unknown>;

const orderId = (standIn: AmazonStandIn, i: number) => {
  const ids = [...standIn.store.orders.keys()];
  return ids[i % ids.length] ?? '';
};
const since = (standIn: AmazonStandIn) => new Date(standIn.clock.now() - 30 * DAY).toISOString();

const CALLS: Partial<Record<OperationName, Call>> = {
  'orders-2026-01-01.searchOrders': (c, s) =>
    c.orders.searchOrders({ createdAfter: since(s), marketplaceIds: [US], maxResultsPerPage: 10 }),
  'orders-2026-01-01.getOrder': (c, s, i) => c.orders.getOrder(orderId(s, i), ['FULFILLMENT']),
  'orders-v0.getOrders': (c, s) =>
    c.ordersV0.getOrders({ MarketplaceIds: [US], CreatedAfter: since(s), MaxResultsPerPage: 10 }),
  'orders-v0.getOrder': (c, s, i) => c.ordersV0.getOrder(orderId(s, i)),
  'orders-v0.getOrderItems': (c, s, i) => c.ordersV0.getOrderItems(orderId(s, i)),
  'orders-v0.updateShipmentStatus': (c, s, i) => {
    const order = s.store.orders.get(orderId(s, i));
    return c.ordersV0.updateShipmentStatus(orderId(s, i), {
      marketplaceId: order?.marketplaceId ?? US,
      shipmentStatus: 'ReadyForPickup',
    });
  },
  'tokens.createRestrictedDataToken': (c) =>
    c.tokens.createRestrictedDataToken({
      restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] }],
    }),
  'feeds.createFeedDocument': (c) => c.feeds.createFeedDocument('text/xml; charset=UTF-8'),
  'feeds.getFeeds': (c) => c.feeds.getFeeds({ feedTypes: ['POST_ORDER_FULFILLMENT_DATA'] }),
  'notifications.getDestinations': (c) => c.notifications.getDestinations(),
};

interface Row {
  operation: string;
  documented: string;
  achieved: string;
  ratio: string;
  requests: number;
  ours429: number;
  naive429: number;
}

async function benchOne(operation: OperationName, call: Call): Promise<Row> {
  const spec = OPERATIONS[operation];
  // One token ≈ 100 ms of real time (at most 2000× compression), well above loopback latency even on a
  // busy machine, so the figures show the limiter and not the machine.
  const speed = Math.min(2000, 10 / spec.rate);
  const standIn = await startAmazonStandIn({ speed, orders: { count: 200, seed: 99, historyMs: 20 * DAY } });
  try {
    const connect = (hooks: TransportHooks = {}) =>
      new SellingPartnerClient({
        hooks,
        endpoint: standIn.url,
        tokenUrl: standIn.tokenUrl,
        clientId: standIn.account.clientId,
        clientSecret: standIn.account.clientSecret,
        refreshToken: standIn.account.refreshToken,
        clock: scaledClock(speed, standIn.clock.now()),
        appName: 'saleschannel-bench',
        appVersion: '1.0.0',
      });
    let firstWaitAt: number | undefined;
    let waits = 0;
    const client = connect({
      onThrottle: (e) => {
        if (e.source === 'client' && e.operation === operation) {
          waits += 1;
          firstWaitAt ??= client.clock.now();
        }
      },
    });
    await client.auth.getAccessToken();
    await client.auth.getAccessToken('sellingpartnerapi::notifications');
    standIn.resetStats();
    const total = spec.burst + SUSTAINED;
    // Sequential, like a sync loop: the burst goes at once, then one request per token. The sustained rate is
    // measured from the first request that had to wait, once the burst and the refill it left are used up.
    let sent = 0;
    while (waits <= SUSTAINED && sent < total * 3) {
      await call(client, standIn, sent);
      sent += 1;
    }
    const achieved = (waits - 1) / ((client.clock.now() - (firstWaitAt ?? 0)) / 1000);
    const ours = standIn.stats()[operation]?.throttled ?? 0;

    // A naive client: the same number of requests, all at once, no limiter, no retries. It runs against a
    // fresh stand-in in real time (speed 1), so no refill during the blast can hide its excess.
    const realTime = await startAmazonStandIn({
      speed: 1,
      orders: { count: 200, seed: 99, historyMs: 20 * DAY },
    });
    let naive429: number;
    try {
      const naive = new SellingPartnerClient({
        endpoint: realTime.url,
        tokenUrl: realTime.tokenUrl,
        clientId: realTime.account.clientId,
        clientSecret: realTime.account.clientSecret,
        refreshToken: realTime.account.refreshToken,
      });
      const token = await naive.auth.getAccessToken(
        spec.grantless ? 'sellingpartnerapi::notifications' : undefined,
      );
      const url = new URL(naive.transport.buildUrl(operation, naiveRequest(operation, realTime)));
      const body = naiveBody(operation);
      await Promise.all(
        Array.from({ length: sent }, () =>
          fetch(url, {
            method: spec.method,
            headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
            body: body ? JSON.stringify(body) : undefined,
          }).then((r) => r.arrayBuffer()),
        ),
      );
      naive429 = realTime.stats()[operation]?.throttled ?? 0;
    } finally {
      await realTime.close();
    }
    return {
      operation,
      documented: `${spec.rate}/s (burst ${spec.burst})`,
      achieved: `${achieved.toPrecision(3)}/s`,
      ratio: `${((achieved / spec.rate) * 100).toFixed(1)} %`,
      requests: sent,
      ours429: ours,
      naive429,
    };
  } finally {
    await standIn.close();
  }
}

function naiveRequest(operation: OperationName, standIn: AmazonStandIn) {
  const id = orderId(standIn, 0);
  switch (operation) {
    case 'orders-2026-01-01.searchOrders':
      return { query: { createdAfter: since(standIn), marketplaceIds: [US] } };
    case 'orders-v0.getOrders':
      return { query: { CreatedAfter: since(standIn), MarketplaceIds: [US] } };
    case 'feeds.getFeeds':
      return { query: { feedTypes: ['POST_ORDER_FULFILLMENT_DATA'] } };
    default:
      return { pathParams: { orderId: id } };
  }
}

function naiveBody(operation: OperationName): unknown {
  switch (operation) {
    case 'orders-v0.updateShipmentStatus':
      return { marketplaceId: US, shipmentStatus: 'ReadyForPickup' };
    case 'tokens.createRestrictedDataToken':
      return { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders' }] };
    case 'feeds.createFeedDocument':
      return { contentType: 'text/xml; charset=UTF-8' };
    default:
      return undefined;
  }
}

const rows: Row[] = [];
for (const [operation, call] of Object.entries(CALLS) as [OperationName, Call][]) {
  rows.push(await benchOne(operation, call));
}
console.log(
  `\nRate limits against the stand-in on 127.0.0.1 (sequential requests until ${SUSTAINED} have waited for a token)\n`,
);
console.table(
  rows.map((r) => ({
    operation: r.operation,
    'documented rate': r.documented,
    'achieved (after burst)': r.achieved,
    'of documented': r.ratio,
    requests: r.requests,
    '429s (our client)': r.ours429,
    '429s (naive client)': r.naive429,
  })),
);
const failed = rows.filter((r) => r.ours429 > 0);
if (failed.length > 0) {
  console.error(`our client was throttled on: ${failed.map((r) => r.operation).join(', ')}`);
  process.exitCode = 1;
}
