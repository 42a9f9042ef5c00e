#!/usr/bin/env node
/**
 * commerce-stand-in [--port 8081] [--host 127.0.0.1] [--inventory msi|legacy] [--product SKU:QTY[:PRICE]]…
 * Prints the base URL and the integration credentials, then serves until interrupted.
 */
import { parseArgs } from 'node:util';
import { startCommerceStandIn } from './server.js';
import type { ProductSeed } from './store.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8081' },
    host: { type: 'string', default: '127.0.0.1' },
    inventory: { type: 'string', default: 'msi' },
    product: { type: 'string', multiple: true, default: ['SKU-1:100:19.99'] },
    'bearer-integration': { type: 'boolean', default: false },
  },
});

const inventory = values.inventory === 'legacy' ? 'legacy' : 'msi';
const products: ProductSeed[] = (values.product ?? []).map((spec) => {
  const [sku = '', qty = '0', price = '0'] = spec.split(':');
  return { sku, qty: Number(qty), price };
});
const standIn = await startCommerceStandIn({
  port: Number(values.port),
  host: values.host,
  inventory,
  products,
  integrationAsBearer: values['bearer-integration'],
  integration: {
    consumerKey: process.env.STANDIN_CONSUMER_KEY ?? 'stand-in-consumer-key',
    consumerSecret: process.env.STANDIN_CONSUMER_SECRET ?? 'stand-in-consumer-secret',
    accessToken: process.env.STANDIN_ACCESS_TOKEN ?? 'stand-in-access-token',
    accessTokenSecret: process.env.STANDIN_ACCESS_TOKEN_SECRET ?? 'stand-in-access-token-secret',
  },
});
console.log(`Commerce stand-in (${inventory}) at ${standIn.url} — orders: ${standIn.url}/`);
console.log(JSON.stringify(standIn.integration));
const stop = () => {
  void standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
