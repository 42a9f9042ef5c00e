import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Runtime } from '@saleschannel/core';
import { createApp } from './app.js';

export interface RunningApi {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the API on host:port (port 0 picks a free one) and resolves once it listens. */
export function startApi(runtime: Runtime, options: { host: string; port: number }): Promise<RunningApi> {
  const app = createApp(runtime);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        resolve({
          url: `http://${options.host}:${info.port}`,
          close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
        });
      },
    );
    server.once('error', reject);
  });
}
