/**
 * Both local stand-ins (Amazon SP-API and Commerce) and an account connected to them, the way a merchant would
 * connect one: for the tests, the no-credentials demo and the benchmarks.
 */
import { type AmazonStandIn, type StandInOptions, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { type CommerceStandIn, startCommerceStandIn } from '@saleschannel/commerce-stand-in';
import type { Database } from '@saleschannel/db';
import type { InventoryMode } from '@saleschannel/domain';
import { createAccount } from './accounts.js';
import { createLogger } from './logger.js';
import { type Runtime, runtimeFor } from './runtime.js';

/** The SKUs the Amazon stand-in sells. */
export const STAND_IN_SKUS = [
  'ECHO-DOT-3-CHARCOAL',
  'ECHO-DOT-4-BLUE',
  'KINDLE-PAPERWHITE-16',
  'FIRE-TV-STICK-4K',
  'MUG-CERAMIC-350',
  'SOCKS-WOOL-3PK',
] as const;

export interface ConnectedStandIns {
  readonly amazon: AmazonStandIn;
  readonly commerce: CommerceStandIn;
  readonly accountId: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly amazon?: StandInOptions;
  /** The Commerce stand-in's port; default any free one. */
  readonly commercePort?: number;
  readonly skus?: readonly string[];
  readonly displayName?: string;
  /** Commerce's inventory: MSI (default) or legacy stock; the account is connected with the same mode. */
  readonly inventory?: InventoryMode;
}

export async function connectStandIns(
  database: Database,
  options: ConnectOptions = {},
): Promise<ConnectedStandIns> {
  const amazon = await startAmazonStandIn(options.amazon);
  const commerce = await startCommerceStandIn({
    products: (options.skus ?? STAND_IN_SKUS).map((sku) => ({ sku, qty: 1000, price: '10.00' })),
    ...(options.commercePort ? { port: options.commercePort } : {}),
    ...(options.inventory ? { inventory: options.inventory } : {}),
  });
  const accountId = await createStandInAccount(
    database,
    { amazon, commerce },
    options.displayName,
    options.inventory,
  );
  return {
    amazon,
    commerce,
    accountId,
    close: async () => {
      await amazon.close();
      await commerce.close();
    },
  };
}

/** Where stand-ins (started here or in another process) answer, and the credentials they accept. */
export interface StandInEndpoints {
  readonly amazon: Pick<AmazonStandIn, 'url' | 'tokenUrl' | 'account'>;
  readonly commerce: Pick<CommerceStandIn, 'url' | 'integration'>;
}

/** Adds an account connected to running stand-ins; returns its id. */
export async function createStandInAccount(
  database: Database,
  { amazon, commerce }: StandInEndpoints,
  displayName = 'Stand-in US',
  inventoryMode: InventoryMode = 'msi',
): Promise<string> {
  const account = await createAccount(database, {
    displayName,
    sellerId: amazon.account.sellerId,
    marketplaceId: amazon.account.marketplaceIds[0] ?? 'ATVPDKIKX0DER',
    region: 'na',
    amazon: {
      lwaClientId: amazon.account.clientId,
      lwaClientSecret: amazon.account.clientSecret,
      refreshToken: amazon.account.refreshToken,
      spApiEndpoint: amazon.url,
      lwaEndpoint: amazon.tokenUrl,
    },
    commerce: {
      name: 'Stand-in Commerce',
      baseUrl: commerce.url,
      inventoryMode,
      secrets: { authMode: 'oauth1', ...commerce.integration },
    },
    commerceWebsiteId: 1,
  });
  return account.id;
}

/** An Unshipped merchant-fulfilled order of the Amazon stand-in's seller: one the import rules create. */
export function unshippedMfnOrder(standIns: Pick<ConnectedStandIns, 'amazon'>) {
  const order = standIns.amazon.store
    .visibleOrders(standIns.amazon.account.sellerId)
    .find((o) => o.fulfillmentChannel === 'MFN' && o.status === 'Unshipped');
  if (!order) {
    throw new Error('the scenario has no unshipped MFN order');
  }
  return order;
}

/** A runtime around a test database, with logs silenced. */
export function testRuntime(database: Database): Runtime {
  return runtimeFor(database, createLogger({ LOG_LEVEL: 'silent' }));
}

/** An ORDER_CHANGE notification as Amazon sends it (schema-valid), for an order of the stand-in's seller. */
export function orderChangeNotification(input: {
  readonly sellerId: string;
  readonly amazonOrderId: string;
  readonly marketplaceId?: string;
  readonly notificationId?: string;
  readonly orderStatus?: string;
}) {
  const now = new Date().toISOString();
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: now,
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel',
        SellerId: input.sellerId,
        AmazonOrderId: input.amazonOrderId,
        OrderChangeType: 'OrderStatusChange',
        OrderChangeTrigger: { TimeOfOrderChange: now, ChangeReason: 'Order status changed' },
        Summary: {
          MarketplaceId: input.marketplaceId ?? 'ATVPDKIKX0DER',
          OrderStatus: input.orderStatus ?? 'Unshipped',
          PurchaseDate: now,
          DestinationPostalCode: '98101',
          FulfillmentType: 'MFN',
          OrderType: 'StandardOrder',
          NumberOfItemsShipped: 0,
          NumberOfItemsUnshipped: 1,
          EarliestDeliveryDate: now,
          LatestDeliveryDate: now,
          EarliestShipDate: now,
          LatestShipDate: now,
          CancelNotifyDate: now,
          OrderPrograms: [],
          ShippingPrograms: [],
          EasyShipShipmentStatus: 'PendingSchedule',
          ElectronicInvoiceStatus: 'NotRequired',
          OrderItems: [],
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: 'amzn1.sellerapps.app.saleschannel',
      SubscriptionId: 'subscription-saleschannel',
      PublishTime: now,
      NotificationId: input.notificationId ?? crypto.randomUUID(),
    },
  };
}
