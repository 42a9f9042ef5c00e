#!/usr/bin/env node
import { createServer } from 'node:http';
import { sharedRuntime } from '@saleschannel/core';
import { runCommand, USAGE, UsageError } from './cli.js';
import { sqsPollerOptionsFromEnv } from './sqs-poller.js';
import { startWorker } from './worker.js';

const argv = process.argv.slice(2);
const io = {
  out: (text: string) => console.log(text),
  err: (text: string) => console.error(text),
  ...(process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
};

if (argv.includes('--help') || argv[0] === 'help') {
  io.out(USAGE);
  process.exit(0);
}

const starting = argv.length === 0 || argv[0] === 'start';
let sqs: ReturnType<typeof sqsPollerOptionsFromEnv>;
try {
  sqs = starting ? sqsPollerOptionsFromEnv(process.env) : undefined;
} catch (error) {
  io.err((error as Error).message);
  process.exit(2);
}
const runtime = await sharedRuntime();
if (starting) {
  const worker = await startWorker(runtime, sqs ? { sqs } : {});
  const metricsPort = Number(process.env.METRICS_PORT ?? '');
  if (metricsPort > 0) {
    // A worker on its own serves its Prometheus metrics here (with the launcher, the API's /metrics has them).
    createServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': runtime.metrics.contentType });
      response.end(await runtime.metrics.render());
    }).listen(metricsPort, process.env.METRICS_HOST ?? '127.0.0.1');
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await worker.stop();
      await runtime.close();
      process.exit(0);
    });
  }
} else {
  let code: number;
  try {
    code = await runCommand(runtime, argv, io);
  } catch (error) {
    if (!(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      throw error;
    }
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    code = 2;
  }
  await runtime.close();
  process.exit(code);
}
