import { type AmazonStandIn, type StandInOptions, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { SellingPartnerClient, type SellingPartnerClientOptions } from '../src/client.js';
import { scaledClock } from '../src/clock.js';

export interface Pair {
  readonly standIn: AmazonStandIn;
  readonly client: SellingPartnerClient;
  /** A second client for the same seller, e.g. with other options. */
  makeClient(options?: Partial<SellingPartnerClientOptions>): SellingPartnerClient;
}

/** Starts a stand-in on 127.0.0.1 and a client pointed at it, both running at the same speed. */
export async function startPair(
  standInOptions: StandInOptions = {},
  clientOptions: Partial<SellingPartnerClientOptions> = {},
): Promise<Pair> {
  const standIn = await startAmazonStandIn(standInOptions);
  const speed = standInOptions.speed ?? 1;
  const makeClient = (options: Partial<SellingPartnerClientOptions> = {}) =>
    new SellingPartnerClient({
      endpoint: standIn.url,
      tokenUrl: standIn.tokenUrl,
      clientId: standIn.account.clientId,
      clientSecret: standIn.account.clientSecret,
      refreshToken: standIn.account.refreshToken,
      clock: scaledClock(speed, standIn.clock.now()),
      retry: { baseDelayMs: 200 * speed, maxDelayMs: 2000 * speed },
      appName: 'saleschannel-tests',
      appVersion: '1.0.0',
      ...clientOptions,
      ...options,
    });
  return { standIn, client: makeClient(), makeClient };
}

export const US = 'ATVPDKIKX0DER';

/** ISO date `ms` milliseconds before the stand-in's now. */
export function ago(standIn: AmazonStandIn, ms: number): string {
  return new Date(standIn.clock.now() - ms).toISOString();
}
