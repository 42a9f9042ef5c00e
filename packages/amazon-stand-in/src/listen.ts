import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on the host and port asked for (default: a free port on 127.0.0.1); returns its base URL. */
export async function listen(server: Server, options: { host?: string; port?: number }): Promise<string> {
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}
