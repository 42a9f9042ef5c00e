#!/usr/bin/env node
import { sharedRuntime } from '@saleschannel/core';
import { startWorker } from './worker.js';

const runtime = await sharedRuntime();
const worker = await startWorker(runtime);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await worker.stop();
    await runtime.close();
    process.exit(0);
  });
}
