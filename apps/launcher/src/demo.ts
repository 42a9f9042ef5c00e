import { deleteAccount, listAccounts, type Runtime, updateOrderSettings } from '@saleschannel/core';
import { type ConnectedStandIns, connectStandIns } from '@saleschannel/core/stand-ins';

export const DEMO_ACCOUNT_NAME = 'Demo store (local stand-ins)';

export interface DemoOptions {
  readonly amazonPort: number;
  readonly commercePort: number;
  /** Seed of the demo's orders; a new one each start by default. */
  readonly seed?: number;
}

/**
 * The no-credentials demo: starts the Amazon and Commerce stand-ins on loopback, with a seller whose orders
 * keep coming (one about every half minute, after two hours of history), and connects a demo account to them
 * that syncs every minute. The stand-ins keep their data in memory, so the demo account is set up afresh on
 * every start.
 */
export async function startDemo(runtime: Runtime, options: DemoOptions): Promise<ConnectedStandIns> {
  for (const account of await listAccounts(runtime.database.db)) {
    if (account.displayName === DEMO_ACCOUNT_NAME) {
      await deleteAccount(runtime.database, account.id);
    }
  }
  const standIns = await connectStandIns(runtime.database, {
    displayName: DEMO_ACCOUNT_NAME,
    commercePort: options.commercePort,
    amazon: {
      port: options.amazonPort,
      orders: {
        count: 1700,
        seed: options.seed ?? Date.now() % 1_000_000,
        historyMs: 2 * 3600_000,
        futureMs: 12 * 3600_000,
      },
    },
  });
  await updateOrderSettings(runtime.database.db, standIns.accountId, { syncFrequencyMinutes: 1 });
  return standIns;
}

/** The demo runs when asked (`on`), or by default (`auto`) while no real account is connected. */
export async function demoWanted(runtime: Runtime, mode: 'auto' | 'on' | 'off'): Promise<boolean> {
  if (mode !== 'auto') {
    return mode === 'on';
  }
  const accounts = await listAccounts(runtime.database.db);
  return accounts.every((account) => account.displayName === DEMO_ACCOUNT_NAME);
}
