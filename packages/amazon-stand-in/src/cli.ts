#!/usr/bin/env node
/**
 * Runs the Amazon SP-API stand-in.
 *
 *   amazon-stand-in [--port 8787] [--host 127.0.0.1] [--speed 1] [--orders 50] [--seed 42] [--sandbox] [--no-rate-limits]
 *                   [--sqs-port 9324]
 *
 * With --sqs-port, an SQS stand-in listens there too, fed by ORDER_CHANGE subscriptions to its queue.
 */
import { parseArgs } from 'node:util';
import { startAmazonStandIn } from './server.js';
import { startSqsStandIn } from './sqs.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.AMAZON_STAND_IN_PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    speed: { type: 'string', default: '1' },
    orders: { type: 'string', default: '50' },
    seed: { type: 'string', default: '42' },
    sandbox: { type: 'boolean', default: false },
    'no-rate-limits': { type: 'boolean', default: false },
    'sqs-port': { type: 'string' },
  },
});

const standIn = await startAmazonStandIn({
  port: Number(values.port),
  host: values.host,
  speed: Number(values.speed),
  orders: { count: Number(values.orders), seed: Number(values.seed) },
  sandbox: values.sandbox,
  rateLimits: !values['no-rate-limits'],
});
const a = standIn.account;
console.log(`Amazon SP-API stand-in listening on ${standIn.url} (speed ×${values.speed})`);
console.log(`  endpoint      ${standIn.url}`);
console.log(`  token URL     ${standIn.tokenUrl}`);
console.log(`  client id     ${a.clientId}`);
console.log(`  client secret ${a.clientSecret}`);
console.log(`  refresh token ${a.refreshToken}`);
console.log(`  seller id     ${a.sellerId}, marketplaces ${a.marketplaceIds.join(', ')}`);
const sqs =
  values['sqs-port'] === undefined
    ? undefined
    : await startSqsStandIn({ port: Number(values['sqs-port']), host: values.host, amazon: standIn.store });
if (sqs) {
  console.log(`SQS stand-in listening on ${sqs.url} (region ${sqs.region}, any signed request is accepted)`);
  console.log(`  queue URL     ${sqs.queueUrl('saleschannel-order-change')}`);
  console.log(`  queue ARN     ${sqs.queueArn('saleschannel-order-change')} (an ORDER_CHANGE destination)`);
}

const stop = () => {
  Promise.all([standIn.close(), sqs?.close()]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
