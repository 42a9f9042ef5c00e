#!/usr/bin/env node
import { sharedRuntime } from '@saleschannel/core';
import { parseApiEnv } from './env.js';
import { startApi } from './server.js';

const runtime = await sharedRuntime();
const env = parseApiEnv(process.env);
const api = await startApi(runtime, { host: env.API_HOST, port: env.API_PORT });
runtime.logger.info({ url: api.url }, 'api listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await api.close();
    await runtime.close();
    process.exit(0);
  });
}
