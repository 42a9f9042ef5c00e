import {
  accounts,
  amazonCredentials,
  type Cipher,
  commerceConnections,
  type Database,
  type DbOrTx,
  orderSettings,
} from '@saleschannel/db';
import {
  ACCOUNT_STATUSES,
  type AccountStatus,
  AMAZON_REGIONS,
  type AmazonRegion,
  COMMERCE_FLAVORS,
  type CommerceAuthMode,
  type CommerceFlavor,
  INVENTORY_MODES,
  type InventoryMode,
} from '@saleschannel/domain';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import { OrderSettingsPatch, updateOrderSettings } from './settings.js';

const httpUrl = z.url({ protocol: /^https?$/ });

/** The secrets of each Commerce auth mode. */
export const CommerceSecrets = z.discriminatedUnion('authMode', [
  z.object({
    authMode: z.literal('oauth1'),
    consumerKey: z.string().min(1),
    consumerSecret: z.string().min(1),
    accessToken: z.string().min(1),
    accessTokenSecret: z.string().min(1),
  }),
  z.object({ authMode: z.literal('bearer'), accessToken: z.string().min(1) }),
  z.object({ authMode: z.literal('admin_token'), username: z.string().min(1), password: z.string().min(1) }),
  z.object({
    authMode: z.literal('ims'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    imsOrgId: z.string().min(1),
    /** Token endpoint override (tests, stand-in). */
    imsTokenUrl: httpUrl.optional(),
  }),
]);
export type CommerceSecrets = z.infer<typeof CommerceSecrets>;

/** What it takes to add an account: from the CLI's JSON file, the API, or the admin's form. */
export const NewAccountInput = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    sellerId: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{8,20}$/, 'an Amazon seller id is 8–20 capital letters and digits'),
    marketplaceId: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{10,14}$/, 'not an Amazon marketplace id'),
    region: z.enum(AMAZON_REGIONS),
    amazon: z
      .object({
        lwaClientId: z.string().trim().min(1),
        lwaClientSecret: z.string().min(1),
        refreshToken: z.string().min(1),
        /** SP-API endpoint override (sandbox, local stand-in). */
        spApiEndpoint: httpUrl.optional(),
        /** Login with Amazon token URL override. */
        lwaEndpoint: httpUrl.optional(),
      })
      .strict(),
    commerce: z.union([
      z.object({ connectionId: z.string().min(1) }).strict(),
      z
        .object({
          name: z.string().trim().min(1),
          baseUrl: httpUrl,
          flavor: z.enum(COMMERCE_FLAVORS).default('paas'),
          storeCode: z.string().trim().min(1).default('default'),
          inventoryMode: z.enum(INVENTORY_MODES).default('msi'),
          msiSourceCode: z.string().trim().min(1).default('default'),
          secrets: CommerceSecrets,
        })
        .strict(),
    ]),
    commerceWebsiteId: z.number().int().min(0),
    commerceStoreViewCode: z.string().trim().min(1).default('default'),
    settings: OrderSettingsPatch.optional(),
  })
  .strict();
export type NewAccountInput = z.input<typeof NewAccountInput>;

export interface AccountSummary {
  readonly id: string;
  readonly displayName: string;
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly region: AmazonRegion;
  readonly status: AccountStatus;
  readonly commerceConnectionId: string;
  readonly commerceConnectionName: string;
  readonly commerceWebsiteId: number;
  readonly commerceStoreViewCode: string;
  readonly createdAt: Date;
}

function problemsOf(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(account)',
    message: issue.message,
  }));
}

/** Adds an account with its credentials (encrypted), its Commerce connection and its order settings, atomically. */
export async function createAccount(database: Database, input: unknown): Promise<AccountSummary> {
  const parsed = NewAccountInput.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError('invalid account', problemsOf(parsed.error));
  }
  const data = parsed.data;
  const { cipher } = database;
  const accountId = await database.db.transaction(async (tx) => {
    const connectionId = 'connectionId' in data.commerce ? data.commerce.connectionId : undefined;
    let commerceConnectionId: string;
    if (connectionId) {
      const [existing] = await tx
        .select({ id: commerceConnections.id })
        .from(commerceConnections)
        .where(eq(commerceConnections.id, connectionId));
      if (!existing) {
        throw new NotFoundError('Commerce connection', connectionId);
      }
      commerceConnectionId = existing.id;
    } else if ('secrets' in data.commerce) {
      const { secrets, ...connection } = data.commerce;
      const [created] = await tx
        .insert(commerceConnections)
        .values({ ...connection, authMode: secrets.authMode, secrets: cipher.encryptJson(secrets) })
        .returning({ id: commerceConnections.id });
      if (!created) {
        throw new Error('the Commerce connection was not stored');
      }
      commerceConnectionId = created.id;
    } else {
      throw new Error('unreachable: the commerce input is validated');
    }
    const [account] = await tx
      .insert(accounts)
      .values({
        displayName: data.displayName,
        sellerId: data.sellerId,
        marketplaceId: data.marketplaceId,
        region: data.region,
        commerceConnectionId,
        commerceWebsiteId: data.commerceWebsiteId,
        commerceStoreViewCode: data.commerceStoreViewCode,
        spApiEndpoint: data.amazon.spApiEndpoint ?? null,
        lwaEndpoint: data.amazon.lwaEndpoint ?? null,
      })
      // The unique (seller, marketplace) index decides, also between two concurrent requests.
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    if (!account) {
      throw new ConflictError(
        `seller ${data.sellerId} on marketplace ${data.marketplaceId} is already connected`,
      );
    }
    await tx.insert(amazonCredentials).values({
      accountId: account.id,
      lwaClientId: data.amazon.lwaClientId,
      lwaClientSecret: cipher.encrypt(data.amazon.lwaClientSecret),
      refreshToken: cipher.encrypt(data.amazon.refreshToken),
    });
    await tx.insert(orderSettings).values({ accountId: account.id });
    if (data.settings) {
      await updateOrderSettings(tx, account.id, data.settings);
    }
    return account.id;
  });
  return getAccount(database.db, accountId);
}

const summaryColumns = {
  id: accounts.id,
  displayName: accounts.displayName,
  sellerId: accounts.sellerId,
  marketplaceId: accounts.marketplaceId,
  region: accounts.region,
  status: accounts.status,
  commerceConnectionId: accounts.commerceConnectionId,
  commerceConnectionName: commerceConnections.name,
  commerceWebsiteId: accounts.commerceWebsiteId,
  commerceStoreViewCode: accounts.commerceStoreViewCode,
  createdAt: accounts.createdAt,
};

export async function listAccounts(db: DbOrTx): Promise<AccountSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(accounts)
    .innerJoin(commerceConnections, eq(commerceConnections.id, accounts.commerceConnectionId))
    .orderBy(asc(accounts.displayName), asc(accounts.id));
  return rows as AccountSummary[];
}

export async function getAccount(db: DbOrTx, accountId: string): Promise<AccountSummary> {
  const [row] = await db
    .select(summaryColumns)
    .from(accounts)
    .innerJoin(commerceConnections, eq(commerceConnections.id, accounts.commerceConnectionId))
    .where(eq(accounts.id, accountId));
  if (!row) {
    throw new NotFoundError('Account', accountId);
  }
  return row as AccountSummary;
}

/** Pauses (no sync, nothing sent to Amazon or Commerce) or resumes an account. */
export async function setAccountStatus(db: DbOrTx, accountId: string, status: AccountStatus): Promise<void> {
  if (!ACCOUNT_STATUSES.includes(status)) {
    throw new InvalidInputError('invalid account status', [
      { field: 'status', message: `one of ${ACCOUNT_STATUSES.join(', ')}` },
    ]);
  }
  const updated = await db
    .update(accounts)
    .set({ status })
    .where(eq(accounts.id, accountId))
    .returning({ id: accounts.id });
  if (updated.length === 0) {
    throw new NotFoundError('Account', accountId);
  }
}

export interface AccountConnection {
  readonly account: AccountSummary & { spApiEndpoint: string | null; lwaEndpoint: string | null };
  readonly amazon: { lwaClientId: string; lwaClientSecret: string; refreshToken: string };
  readonly commerce: {
    baseUrl: string;
    flavor: CommerceFlavor;
    storeCode: string;
    inventoryMode: InventoryMode;
    msiSourceCode: string;
    authMode: CommerceAuthMode;
    secrets: CommerceSecrets;
  };
}

/** Everything needed to talk to both sides for an account, secrets decrypted. Only the sync engine calls this. */
export async function loadAccountConnection(
  db: DbOrTx,
  cipher: Cipher,
  accountId: string,
): Promise<AccountConnection> {
  const [row] = await db
    .select({
      summary: summaryColumns,
      spApiEndpoint: accounts.spApiEndpoint,
      lwaEndpoint: accounts.lwaEndpoint,
      credentials: amazonCredentials,
      connection: commerceConnections,
    })
    .from(accounts)
    .innerJoin(commerceConnections, eq(commerceConnections.id, accounts.commerceConnectionId))
    .innerJoin(amazonCredentials, eq(amazonCredentials.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  if (!row) {
    throw new NotFoundError('Account', accountId);
  }
  return {
    account: {
      ...(row.summary as AccountSummary),
      spApiEndpoint: row.spApiEndpoint,
      lwaEndpoint: row.lwaEndpoint,
    },
    amazon: {
      lwaClientId: row.credentials.lwaClientId,
      lwaClientSecret: cipher.decrypt(row.credentials.lwaClientSecret),
      refreshToken: cipher.decrypt(row.credentials.refreshToken),
    },
    commerce: {
      baseUrl: row.connection.baseUrl,
      flavor: row.connection.flavor as CommerceFlavor,
      storeCode: row.connection.storeCode,
      inventoryMode: row.connection.inventoryMode as InventoryMode,
      msiSourceCode: row.connection.msiSourceCode,
      authMode: row.connection.authMode as CommerceAuthMode,
      secrets: CommerceSecrets.parse(cipher.decryptJson(row.connection.secrets)),
    },
  };
}

/**
 * Removes an account with everything stored for it (orders, timelines, actions, cursors, credentials). Its
 * Commerce connection goes too when no other account uses it. Nothing is changed in Amazon or Commerce.
 */
export async function deleteAccount(database: Database, accountId: string): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(accounts)
      .where(eq(accounts.id, accountId))
      .returning({ connectionId: accounts.commerceConnectionId });
    if (!deleted) {
      throw new NotFoundError('Account', accountId);
    }
    const [stillUsed] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.commerceConnectionId, deleted.connectionId))
      .limit(1);
    if (!stillUsed) {
      await tx.delete(commerceConnections).where(eq(commerceConnections.id, deleted.connectionId));
    }
  });
}
