import { accounts, amazonCredentials, commerceConnections } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  loadAccountConnection,
  type NewAccountInput,
  setAccountStatus,
} from '../src/accounts.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../src/errors.js';
import { getOrderSettings, updateOrderSettings } from '../src/settings.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

const input = (overrides: Partial<NewAccountInput> = {}): NewAccountInput => ({
  displayName: 'Acme US',
  sellerId: 'A2SELLER0001',
  marketplaceId: 'ATVPDKIKX0DER',
  region: 'na',
  amazon: {
    lwaClientId: 'amzn1.application-oa2-client.abc',
    lwaClientSecret: 'lwa-secret-value',
    refreshToken: 'Atzr|refresh-value',
    spApiEndpoint: 'http://127.0.0.1:4010',
  },
  commerce: {
    name: 'Acme Commerce',
    baseUrl: 'https://shop.acme.test',
    secrets: {
      authMode: 'oauth1',
      consumerKey: 'ck',
      consumerSecret: 'cs-value',
      accessToken: 'at',
      accessTokenSecret: 'ats-value',
    },
  },
  commerceWebsiteId: 1,
  ...overrides,
});

describe('accounts', () => {
  it('adds an account with its connection, encrypted credentials and default settings', async () => {
    const account = await createAccount(database, input({ settings: { orderNumberSource: 'amazon' } }));
    expect(account).toMatchObject({
      displayName: 'Acme US',
      sellerId: 'A2SELLER0001',
      region: 'na',
      status: 'active',
      commerceConnectionName: 'Acme Commerce',
      commerceStoreViewCode: 'default',
    });
    const settings = await getOrderSettings(database.db, account.id);
    expect(settings.orderNumberSource).toBe('amazon');
    expect(settings.importOrders).toBe('enabled');

    const stored = JSON.stringify([
      await database.db.select().from(amazonCredentials),
      await database.db.select().from(commerceConnections),
    ]);
    for (const secret of ['lwa-secret-value', 'Atzr|refresh-value', 'cs-value', 'ats-value']) {
      expect(stored).not.toContain(secret);
    }
    const connection = await loadAccountConnection(database.db, database.cipher, account.id);
    expect(connection.amazon).toEqual({
      lwaClientId: 'amzn1.application-oa2-client.abc',
      lwaClientSecret: 'lwa-secret-value',
      refreshToken: 'Atzr|refresh-value',
    });
    expect(connection.account.spApiEndpoint).toBe('http://127.0.0.1:4010');
    expect(connection.commerce).toMatchObject({ authMode: 'oauth1', flavor: 'paas', storeCode: 'default' });
    expect(connection.commerce.secrets).toMatchObject({ consumerSecret: 'cs-value' });
  });

  it('a second account may share an existing Commerce connection', async () => {
    const first = await createAccount(database, input());
    const second = await createAccount(
      database,
      input({
        displayName: 'Acme CA',
        marketplaceId: 'A2EUQ1WTGCTBG2',
        commerce: { connectionId: first.commerceConnectionId },
      }),
    );
    expect(second.commerceConnectionId).toBe(first.commerceConnectionId);
    expect((await listAccounts(database.db)).map((a) => a.displayName)).toEqual(['Acme CA', 'Acme US']);
    await expect(
      createAccount(
        database,
        input({ marketplaceId: 'A1AM78C64UM0Y8', commerce: { connectionId: 'cmc_nope' } }),
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses the same seller and marketplace twice, and stores nothing of the refused one', async () => {
    await createAccount(database, input());
    await expect(createAccount(database, input({ displayName: 'Again' }))).rejects.toThrow(ConflictError);
    expect(await database.db.select().from(accounts)).toHaveLength(1);
    expect(await database.db.select().from(commerceConnections)).toHaveLength(1);
  });

  it('explains each invalid field', async () => {
    const bad = { ...input(), sellerId: 'x', region: 'mars', commerceWebsiteId: -1 };
    const error = await createAccount(database, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => p.field).sort()).toEqual([
      'commerceWebsiteId',
      'region',
      'sellerId',
    ]);
    const badSettings = input({ settings: { orderStatusMode: 'custom' } });
    await expect(createAccount(database, badSettings)).rejects.toThrow(/Processing Order Status is required/);
    expect(await database.db.select().from(accounts)).toHaveLength(0);
  });

  it('pauses and resumes', async () => {
    const account = await createAccount(database, input());
    await setAccountStatus(database.db, account.id, 'paused');
    expect((await getAccount(database.db, account.id)).status).toBe('paused');
    await setAccountStatus(database.db, account.id, 'active');
    expect((await getAccount(database.db, account.id)).status).toBe('active');
    await expect(setAccountStatus(database.db, 'acc_missing', 'paused')).rejects.toThrow(NotFoundError);
  });
});

describe('deleteAccount', () => {
  it('removes the account and its data, and its connection once unused', async () => {
    const first = await createAccount(database, input());
    const second = await createAccount(
      database,
      input({ marketplaceId: 'A2EUQ1WTGCTBG2', commerce: { connectionId: first.commerceConnectionId } }),
    );
    await deleteAccount(database, first.id);
    expect((await listAccounts(database.db)).map((a) => a.id)).toEqual([second.id]);
    expect(await database.db.select().from(commerceConnections)).toHaveLength(1);
    await deleteAccount(database, second.id);
    expect(await database.db.select().from(commerceConnections)).toHaveLength(0);
    expect(await database.db.select().from(amazonCredentials)).toHaveLength(0);
    await expect(deleteAccount(database, second.id)).rejects.toThrow(NotFoundError);
  });
});

describe('order settings', () => {
  it('updates a part and keeps the rest', async () => {
    const account = await createAccount(database, input());
    const updated = await updateOrderSettings(database.db, account.id, {
      orderStatusMode: 'custom',
      processingStatus: 'amazon_processing',
      orderNumberPrefixes: { fba: 'FBA-' },
    });
    expect(updated).toMatchObject({
      orderStatusMode: 'custom',
      processingStatus: 'amazon_processing',
      orderNumberPrefixes: { general: '', fba: 'FBA-', prime: '', business: '' },
      customerCreation: 'guest',
    });
    expect(await getOrderSettings(database.db, account.id)).toEqual(updated);
  });

  it('refuses unknown fields, wrong values and invalid combinations, changing nothing', async () => {
    const account = await createAccount(database, input());
    const before = await getOrderSettings(database.db, account.id);
    await expect(updateOrderSettings(database.db, account.id, { importOrders: 'sometimes' })).rejects.toThrow(
      /importOrders/,
    );
    await expect(updateOrderSettings(database.db, account.id, { colour: 'blue' })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      updateOrderSettings(database.db, account.id, { syncFrequencyMinutes: 0, orderStatusMode: 'custom' }),
    ).rejects.toThrow(/processingStatus.*syncFrequencyMinutes|Processing Order Status/);
    expect(await getOrderSettings(database.db, account.id)).toEqual(before);
    await expect(updateOrderSettings(database.db, 'acc_missing', {})).rejects.toThrow(NotFoundError);
  });
});
