import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  backfillAccount,
  cancelOrder,
  createAccount,
  createApiToken,
  getOrderSettings,
  listAccounts,
  type Runtime,
  retryOrder,
  ServiceError,
  type SyncReport,
  setAccountStatus,
  syncAccount,
  syncNow,
  updateOrderSettings,
} from '@saleschannel/core';

export const USAGE = `saleschannel-worker <command> [options]

Commands:
  start                                   run the worker until stopped (SIGINT / SIGTERM)
  accounts list                           list the connected Amazon accounts
  accounts add --file account.json        add an account (credentials, endpoints, Commerce connection, settings)
  accounts pause --account ID             stop syncing an account
  accounts resume --account ID            sync it again
  settings show --account ID              print an account's order settings
  settings set --account ID --file F      change order settings (a JSON object with the fields to change)
  retry --order ID                        retry an order in error (or create a skipped one)
  cancel --order ID --reason REASON       cancel an unshipped order on Amazon (then in Commerce); REASON is one of
                                          Amazon's: NoInventory, ShippingAddressUndeliverable, CustomerExchange,
                                          BuyerCanceled, GeneralAdjustment, CarrierCreditDecision, …
  tokens create --name N --scope S[,S]    create an API token (shown once); scopes: notifications:write, orders:read, …
  sync --once [--account ID]              one sync of every active account (or one); exit 1 if any order failed
  backfill --account ID --since DATE      import every order purchased since DATE (ISO 8601), with progress

Options:
  --json                                  print JSON instead of text
  --help                                  show this help`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Rewrites one status line (a terminal); absent when output is not a terminal. */
  readonly progress?: (text: string) => void;
}

function describeReport(report: SyncReport): string {
  if (report.skipped) {
    return `${report.accountId}: not synced (${report.skipped})`;
  }
  return (
    `${report.accountId}: ${report.fetched} fetched (${report.created} new, ${report.updated} changed), ` +
    `${report.imported} imported, ${report.failed} failed, ${report.skippedOrders} skipped, ${report.cancelled} cancelled` +
    (report.outbound
      ? `; to Amazon: ${report.outbound.submitted} sent, ${report.outbound.confirmed} confirmed, ${report.outbound.failed} failed` +
        (report.outbound.errors.length > 0 ? ` (${report.outbound.errors.join('; ')})` : '')
      : '')
  );
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Commands that need no long-running worker. Returns the process exit code. */
export async function runCommand(runtime: Runtime, argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      account: { type: 'string' },
      order: { type: 'string' },
      since: { type: 'string' },
      name: { type: 'string' },
      reason: { type: 'string' },
      scope: { type: 'string' },
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const print = (value: unknown, text: string) => io.out(values.json ? JSON.stringify(value, null, 2) : text);
  const required = (name: 'file' | 'account' | 'order' | 'since' | 'name' | 'scope' | 'reason'): string => {
    const value = values[name];
    if (!value) {
      throw new UsageError(`--${name} is required for "${positionals.join(' ')}"`);
    }
    return value;
  };
  const readJson = async (path: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read JSON from ${path}: ${(error as Error).message}`);
    }
  };
  const { database } = runtime;
  const command = positionals.join(' ');
  try {
    switch (command) {
      case 'accounts list': {
        const accounts = await listAccounts(database.db);
        print(
          accounts,
          accounts.length === 0
            ? 'No accounts yet: add one with "accounts add --file account.json".'
            : accounts
                .map(
                  (a) =>
                    `${a.id}  ${a.status.padEnd(6)}  ${a.sellerId} ${a.marketplaceId} (${a.region})  ${a.displayName}`,
                )
                .join('\n'),
        );
        return 0;
      }
      case 'accounts add': {
        const account = await createAccount(database, await readJson(required('file')));
        print(account, `Added account ${account.id} (${account.displayName}).`);
        return 0;
      }
      case 'accounts pause':
      case 'accounts resume': {
        const id = required('account');
        await setAccountStatus(database.db, id, command === 'accounts pause' ? 'paused' : 'active');
        print(
          { id, status: command === 'accounts pause' ? 'paused' : 'active' },
          `Account ${id} ${command.split(' ')[1]}d.`,
        );
        return 0;
      }
      case 'settings show': {
        const settings = await getOrderSettings(database.db, required('account'));
        io.out(JSON.stringify(settings, null, 2));
        return 0;
      }
      case 'settings set': {
        const settings = await updateOrderSettings(
          database.db,
          required('account'),
          await readJson(required('file')),
        );
        print(settings, 'Order settings saved.');
        return 0;
      }
      case 'retry': {
        const order = await retryOrder(database.db, required('order'), 'the command line');
        print(
          { id: order.id, amazonOrderId: order.amazonOrderId, importState: order.importState },
          `Order ${order.amazonOrderId} will be retried by the next sync of its account.`,
        );
        return 0;
      }
      case 'cancel': {
        const action = await cancelOrder(runtime, required('order'), required('reason'), 'the command line');
        const queued = await syncNow(await runtime.jobs(), action.accountId);
        print(
          { actionId: action.id, state: action.state, syncQueued: queued.queued },
          `Cancellation ${action.id} is ${action.state}: the worker sends it to Amazon with the next sync of the account` +
            ' (queued now), then cancels the Commerce order once Amazon confirms.',
        );
        return 0;
      }
      case 'tokens create': {
        const created = await createApiToken(database.db, {
          name: required('name'),
          scopes: required('scope')
            .split(',')
            .map((scope) => scope.trim()),
        });
        print(
          created,
          `Token ${created.id} created. It is shown only now; keep it secret:\n${created.token}`,
        );
        return 0;
      }
      case 'sync': {
        if (!values.once) {
          throw new UsageError(
            '"sync" runs one cycle: use "sync --once" (the long-running worker is "start")',
          );
        }
        const ids = values.account
          ? [values.account]
          : (await listAccounts(database.db)).filter((a) => a.status === 'active').map((a) => a.id);
        let failures = 0;
        const reports: unknown[] = [];
        for (const id of ids) {
          try {
            const report = await syncAccount(runtime, id);
            reports.push(report);
            failures +=
              report.failed + (report.outbound?.failed ?? 0) + (report.outbound?.errors.length ?? 0);
            if (!values.json) {
              io.out(describeReport(report));
            }
          } catch (error) {
            failures++;
            reports.push({ accountId: id, error: (error as Error).message });
            if (!values.json) {
              io.err(`${id}: sync failed: ${(error as Error).message}`);
            }
          }
        }
        if (values.json) {
          io.out(JSON.stringify(reports, null, 2));
        } else if (ids.length === 0) {
          io.out('No active accounts to sync.');
        }
        return failures > 0 ? 1 : 0;
      }
      case 'backfill': {
        const accountId = required('account');
        const since = new Date(required('since'));
        if (Number.isNaN(since.getTime())) {
          throw new UsageError(`--since must be a date such as 2026-10-01 or 2026-10-01T00:00:00Z`);
        }
        const onProgress = io.progress
          ? (fetched: number) => io.progress?.(`Backfill ${accountId}: ${fetched} orders fetched`)
          : undefined;
        const report = await backfillAccount(runtime, accountId, since, onProgress ? { onProgress } : {});
        io.progress?.('');
        print(report, describeReport(report));
        return report.failed > 0 ? 1 : 0;
      }
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (error) {
    if (error instanceof ServiceError) {
      io.err(
        values.json
          ? JSON.stringify({ error: { code: error.code, message: error.message } })
          : `Error: ${error.message}`,
      );
      return 1;
    }
    throw error;
  }
}
