/**
 * Every SP-API operation this client can call: method, path template and the default usage plan (rate in
 * requests per second, burst) exactly as stated in each operation's description in Amazon's models.
 * test/operations.test.ts checks this table against the models in ../models.
 */

export type ApiName = 'orders-v0' | 'orders-2026-01-01' | 'feeds' | 'tokens' | 'notifications';

export interface OperationSpec {
  readonly api: ApiName;
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  /** Default restore rate, requests per second. */
  readonly rate: number;
  /** Default bucket size. */
  readonly burst: number;
  /** Called with a client-credentials (grantless) token instead of a seller's refresh token. */
  readonly grantless?: boolean;
  /** Returns PII in v0 and accepts a Restricted Data Token. */
  readonly restricted?: boolean;
}

const op = (
  api: ApiName,
  operationId: string,
  method: OperationSpec['method'],
  path: string,
  rate: number,
  burst: number,
  extra: Pick<OperationSpec, 'grantless' | 'restricted'> = {},
): OperationSpec => ({ api, operationId, method, path, rate, burst, ...extra });

const V0 = '/orders/v0/orders';
const FEEDS = '/feeds/2021-06-30';
const SUBS = '/notifications/v1/subscriptions';
const DESTS = '/notifications/v1/destinations';
const restricted = { restricted: true } as const;
const grantless = { grantless: true } as const;

export const OPERATIONS = {
  'orders-2026-01-01.searchOrders': op(
    'orders-2026-01-01',
    'searchOrders',
    'GET',
    '/orders/2026-01-01/orders',
    0.0056,
    20,
  ),
  'orders-2026-01-01.getOrder': op(
    'orders-2026-01-01',
    'getOrder',
    'GET',
    '/orders/2026-01-01/orders/{orderId}',
    0.5,
    30,
  ),

  'orders-v0.getOrders': op('orders-v0', 'getOrders', 'GET', V0, 0.0167, 20, restricted),
  'orders-v0.getOrder': op('orders-v0', 'getOrder', 'GET', `${V0}/{orderId}`, 0.5, 30, restricted),
  'orders-v0.getOrderBuyerInfo': op(
    'orders-v0',
    'getOrderBuyerInfo',
    'GET',
    `${V0}/{orderId}/buyerInfo`,
    0.5,
    30,
    restricted,
  ),
  'orders-v0.getOrderAddress': op(
    'orders-v0',
    'getOrderAddress',
    'GET',
    `${V0}/{orderId}/address`,
    0.5,
    30,
    restricted,
  ),
  'orders-v0.getOrderItems': op(
    'orders-v0',
    'getOrderItems',
    'GET',
    `${V0}/{orderId}/orderItems`,
    0.5,
    30,
    restricted,
  ),
  'orders-v0.getOrderItemsBuyerInfo': op(
    'orders-v0',
    'getOrderItemsBuyerInfo',
    'GET',
    `${V0}/{orderId}/orderItems/buyerInfo`,
    0.5,
    30,
    restricted,
  ),
  'orders-v0.updateShipmentStatus': op(
    'orders-v0',
    'updateShipmentStatus',
    'POST',
    `${V0}/{orderId}/shipment`,
    5,
    15,
  ),
  'orders-v0.getOrderRegulatedInfo': op(
    'orders-v0',
    'getOrderRegulatedInfo',
    'GET',
    `${V0}/{orderId}/regulatedInfo`,
    0.5,
    30,
    restricted,
  ),
  'orders-v0.updateVerificationStatus': op(
    'orders-v0',
    'updateVerificationStatus',
    'PATCH',
    `${V0}/{orderId}/regulatedInfo`,
    0.5,
    30,
  ),
  'orders-v0.confirmShipment': op(
    'orders-v0',
    'confirmShipment',
    'POST',
    `${V0}/{orderId}/shipmentConfirmation`,
    2,
    10,
  ),

  'feeds.getFeeds': op('feeds', 'getFeeds', 'GET', `${FEEDS}/feeds`, 0.0222, 10),
  'feeds.createFeed': op('feeds', 'createFeed', 'POST', `${FEEDS}/feeds`, 0.0083, 15),
  'feeds.cancelFeed': op('feeds', 'cancelFeed', 'DELETE', `${FEEDS}/feeds/{feedId}`, 2, 15),
  'feeds.getFeed': op('feeds', 'getFeed', 'GET', `${FEEDS}/feeds/{feedId}`, 2, 15),
  'feeds.createFeedDocument': op('feeds', 'createFeedDocument', 'POST', `${FEEDS}/documents`, 0.5, 15),
  'feeds.getFeedDocument': op(
    'feeds',
    'getFeedDocument',
    'GET',
    `${FEEDS}/documents/{feedDocumentId}`,
    0.0222,
    10,
  ),

  'tokens.createRestrictedDataToken': op(
    'tokens',
    'createRestrictedDataToken',
    'POST',
    '/tokens/2021-03-01/restrictedDataToken',
    1,
    10,
  ),

  'notifications.getSubscriptions': op('notifications', 'getSubscriptions', 'GET', SUBS, 1, 5),
  'notifications.getSubscription': op(
    'notifications',
    'getSubscription',
    'GET',
    `${SUBS}/{notificationType}`,
    1,
    5,
  ),
  'notifications.createSubscription': op(
    'notifications',
    'createSubscription',
    'POST',
    `${SUBS}/{notificationType}`,
    1,
    5,
  ),
  'notifications.getSubscriptionById': op(
    'notifications',
    'getSubscriptionById',
    'GET',
    `${SUBS}/{notificationType}/{subscriptionId}`,
    1,
    5,
    grantless,
  ),
  'notifications.deleteSubscriptionById': op(
    'notifications',
    'deleteSubscriptionById',
    'DELETE',
    `${SUBS}/{notificationType}/{subscriptionId}`,
    1,
    5,
    grantless,
  ),
  'notifications.sendTestNotification': op(
    'notifications',
    'sendTestNotification',
    'POST',
    `${SUBS}/{notificationType}/testNotification`,
    1,
    5,
    grantless,
  ),
  'notifications.getDestinations': op('notifications', 'getDestinations', 'GET', DESTS, 1, 5, grantless),
  'notifications.createDestination': op('notifications', 'createDestination', 'POST', DESTS, 1, 5, grantless),
  'notifications.getDestination': op(
    'notifications',
    'getDestination',
    'GET',
    `${DESTS}/{destinationId}`,
    1,
    5,
    grantless,
  ),
  'notifications.deleteDestination': op(
    'notifications',
    'deleteDestination',
    'DELETE',
    `${DESTS}/{destinationId}`,
    1,
    5,
    grantless,
  ),
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;

/** The SP-API sandbox has one plan for every operation (D: the Selling Partner API sandbox). */
export const SANDBOX_RATE = { rate: 5, burst: 15 } as const;
