import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Runtime, runtimeFor } from '@saleschannel/core';
import { connectStandIns } from '@saleschannel/core/stand-ins';
import { amazonOrders } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, UsageError } from '../src/cli.js';

let database: TestDatabase;
let runtime: Runtime;
let out: string[];
let err: string[];
const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };

beforeEach(async () => {
  database = await createTestDatabase();
  runtime = runtimeFor(database, createLogger({ LOG_LEVEL: 'silent' }));
  out = [];
  err = [];
});
afterEach(async () => {
  await database.destroy();
});

async function jsonFile(value: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'sc-cli-')), 'input.json');
  await writeFile(file, JSON.stringify(value));
  return file;
}

const account = {
  displayName: 'Demo US',
  sellerId: 'A1DEMOSELLER',
  marketplaceId: 'ATVPDKIKX0DER',
  region: 'na',
  amazon: { lwaClientId: 'client', lwaClientSecret: 'secret', refreshToken: 'Atzr|token' },
  commerce: {
    name: 'Shop',
    baseUrl: 'http://127.0.0.1:9',
    secrets: { authMode: 'bearer', accessToken: 't' },
  },
  commerceWebsiteId: 1,
};

describe('worker CLI', () => {
  it('adds, lists, pauses and resumes accounts', async () => {
    expect(
      await runCommand(runtime, ['accounts', 'add', '--file', await jsonFile(account), '--json'], io),
    ).toBe(0);
    const added = JSON.parse(out[0] ?? '{}');
    expect(added).toMatchObject({ displayName: 'Demo US', status: 'active' });
    out = [];
    expect(await runCommand(runtime, ['accounts', 'list'], io)).toBe(0);
    expect(out[0]).toContain('A1DEMOSELLER ATVPDKIKX0DER (na)  Demo US');
    expect(await runCommand(runtime, ['accounts', 'pause', '--account', added.id], io)).toBe(0);
    out = [];
    await runCommand(runtime, ['accounts', 'list', '--json'], io);
    expect(JSON.parse(out[0] ?? '[]')[0].status).toBe('paused');
    expect(await runCommand(runtime, ['accounts', 'resume', '--account', added.id], io)).toBe(0);
  });

  it('changes settings from a JSON file, and explains invalid ones with exit code 1', async () => {
    await runCommand(runtime, ['accounts', 'add', '--file', await jsonFile(account), '--json'], io);
    const { id } = JSON.parse(out[0] ?? '{}');
    expect(
      await runCommand(
        runtime,
        [
          'settings',
          'set',
          '--account',
          id,
          '--file',
          await jsonFile({ customerCreation: 'match_or_create' }),
        ],
        io,
      ),
    ).toBe(0);
    out = [];
    await runCommand(runtime, ['settings', 'show', '--account', id], io);
    expect(JSON.parse(out[0] ?? '{}').customerCreation).toBe('match_or_create');
    expect(
      await runCommand(
        runtime,
        ['settings', 'set', '--account', id, '--file', await jsonFile({ orderStatusMode: 'custom' })],
        io,
      ),
    ).toBe(1);
    expect(err[0]).toContain('a Processing Order Status is required when Order Status is Custom');
  });

  it('retries an order in error', async () => {
    await runCommand(runtime, ['accounts', 'add', '--file', await jsonFile(account), '--json'], io);
    const { id: accountId } = JSON.parse(out[0] ?? '{}');
    const [order] = await database.db
      .insert(amazonOrders)
      .values({
        accountId,
        amazonOrderId: '111-0000000-0000009',
        marketplaceId: 'ATVPDKIKX0DER',
        purchaseDate: new Date(),
        lastUpdateDate: new Date(),
        amazonStatus: 'Unshipped',
        fulfillmentChannel: 'MFN',
        rawPayload: database.cipher.encryptJson({}),
        importState: 'error',
        importError: 'SKU unknown',
      })
      .returning();
    out = [];
    expect(await runCommand(runtime, ['retry', '--order', order?.id ?? ''], io)).toBe(0);
    expect(out[0]).toBe('Order 111-0000000-0000009 will be retried by the next sync of its account.');
    expect(await runCommand(runtime, ['retry', '--order', 'ord_missing'], io)).toBe(1);
    expect(err.at(-1)).toBe('Error: Order ord_missing does not exist');
  });

  it('creates an API token and shows it once', async () => {
    expect(
      await runCommand(
        runtime,
        ['tokens', 'create', '--name', 'EventBridge', '--scope', 'notifications:write', '--json'],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(out[0] ?? '{}').token).toMatch(/^sc_/);
    expect(await runCommand(runtime, ['tokens', 'create', '--name', 'x', '--scope', 'root'], io)).toBe(1);
    expect(err.at(-1)).toContain('unknown scope "root"');
  });

  it('rejects unknown commands and missing options as usage errors', async () => {
    await expect(runCommand(runtime, ['frobnicate'], io)).rejects.toThrow(UsageError);
    await expect(runCommand(runtime, ['retry'], io)).rejects.toThrow('--order is required');
    await expect(runCommand(runtime, ['accounts', 'add', '--file', '/nonexistent.json'], io)).rejects.toThrow(
      /cannot read JSON/,
    );
  });
});

describe('worker CLI against the stand-ins', () => {
  it('sync --once imports the orders and reports them; backfill reports progress', async () => {
    const standIns = await connectStandIns(database, {
      amazon: { orders: { count: 12, seed: 5, historyMs: 5 * 3600_000 } },
    });
    try {
      expect(await runCommand(runtime, ['sync', '--once'], io)).toBe(0);
      expect(out[0]).toMatch(
        new RegExp(`^${standIns.accountId}: \\d+ fetched \\(\\d+ new, 0 changed\\), \\d+ imported, 0 failed`),
      );
      const progress: string[] = [];
      out = [];
      const since = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
      const code = await runCommand(
        runtime,
        ['backfill', '--account', standIns.accountId, '--since', since],
        { ...io, progress: (text) => progress.push(text) },
      );
      expect(code).toBe(0);
      expect(progress.some((line) => /Backfill .*: \d+ orders fetched/.test(line))).toBe(true);
      expect(out[0]).toContain('0 failed');
      await expect(
        runCommand(runtime, ['backfill', '--account', standIns.accountId, '--since', 'yesterday'], io),
      ).rejects.toThrow('--since must be a date');
    } finally {
      await standIns.close();
    }
  });
});
