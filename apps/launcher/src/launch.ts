import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi } from '@saleschannel/api';
import type { Runtime } from '@saleschannel/core';
import { type SqsPollerOptions, sqsPollerOptionsFromEnv, startWorker } from '@saleschannel/worker';
import { z } from 'zod';
import { demoWanted, startDemo } from './demo.js';

const LauncherEnv = z.object({
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  ADMIN_HOST: z.string().default('127.0.0.1'),
  ADMIN_PORT: z.coerce.number().int().min(0).max(65_535).default(5173),
  SALESCHANNEL_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  DEMO_AMAZON_PORT: z.coerce.number().int().min(0).max(65_535).default(8788),
  DEMO_COMMERCE_PORT: z.coerce.number().int().min(0).max(65_535).default(8789),
});
export type LauncherEnv = z.infer<typeof LauncherEnv> & {
  /** The SQS queue the worker takes ORDER_CHANGE notifications from (SALESCHANNEL_SQS_QUEUE_URL…). */
  readonly sqs?: SqsPollerOptions;
};

export function parseLauncherEnv(env: NodeJS.ProcessEnv): LauncherEnv {
  const parsed = LauncherEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid settings: ${z.prettifyError(parsed.error)}`);
  }
  let sqs: SqsPollerOptions | undefined;
  try {
    sqs = sqsPollerOptionsFromEnv(env);
  } catch (error) {
    throw new Error(`invalid settings: ${(error as Error).message}`);
  }
  return { ...parsed.data, ...(sqs ? { sqs } : {}) };
}

export interface Launched {
  readonly apiUrl: string;
  readonly adminUrl: string;
  /** Set when the no-credentials demo runs: where its stand-ins are. */
  readonly demo?: { readonly amazonUrl: string; readonly commerceUrl: string; readonly accountId: string };
  stop(): Promise<void>;
}

/**
 * Starts the API, the worker and the admin UI in this process on one runtime. The embedded PGlite database
 * allows a single process, so this is how the product runs by default; with DATABASE_URL each app can also
 * run as its own process (`saleschannel-api`, `saleschannel-worker`, the admin's `node build`).
 */
export async function launch(runtime: Runtime, env: LauncherEnv): Promise<Launched> {
  const demo = (await demoWanted(runtime, env.SALESCHANNEL_DEMO))
    ? await startDemo(runtime, { amazonPort: env.DEMO_AMAZON_PORT, commercePort: env.DEMO_COMMERCE_PORT })
    : undefined;
  const api = await startApi(runtime, { host: env.API_HOST, port: env.API_PORT });
  const worker = await startWorker(runtime, env.sqs ? { sqs: env.sqs } : {});
  // The admin is loaded after the runtime exists: its server hooks then find this process's runtime.
  const { handler } = await import('@saleschannel/admin/handler');
  const admin = createServer((req, res) => handler(req, res));
  const adminPort = await listen(admin, env.ADMIN_HOST, env.ADMIN_PORT);
  return {
    apiUrl: api.url,
    adminUrl: `http://${env.ADMIN_HOST}:${adminPort}`,
    ...(demo
      ? { demo: { amazonUrl: demo.amazon.url, commerceUrl: demo.commerce.url, accountId: demo.accountId } }
      : {}),
    stop: async () => {
      await new Promise<void>((resolve) => admin.close(() => resolve()));
      await worker.stop();
      await api.close();
      await demo?.close();
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
