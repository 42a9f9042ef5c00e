import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createAccount,
  getOrderSettings,
  listAccounts,
  type Runtime,
  retryOrder,
  ServiceError,
  setAccountStatus,
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

Options:
  --json                                  print JSON instead of text
  --help                                  show this help`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
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
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const print = (value: unknown, text: string) => io.out(values.json ? JSON.stringify(value, null, 2) : text);
  const required = (name: 'file' | 'account' | 'order'): string => {
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
