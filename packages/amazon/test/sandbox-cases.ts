/**
 * Drives the client with the inputs of each static sandbox case embedded in the official models. Only the
 * parameters a case lists trigger it (Amazon's pattern matching), so required parameters the case leaves out
 * get ordinary values.
 */
import type { SandboxCase } from '@saleschannel/amazon-stand-in';
import type { SellingPartnerClient } from '../src/client.js';

type Args = Record<string, unknown>;

function args(c: SandboxCase): Args {
  return Object.fromEntries(Object.entries(c.parameters).map(([k, v]) => [k, v.value]));
}

// Inputs are passed through untyped on purpose: several 400 cases send values the types forbid.
// biome-ignore lint/suspicious/noExplicitAny: sandbox inputs are deliberately invalid
type Loose = any;

export async function invokeCase(
  client: SellingPartnerClient,
  operation: string,
  c: SandboxCase,
): Promise<unknown> {
  const a = args(c);
  const orderId = String(a.orderId ?? 'TEST_CASE_200');
  const body = a.body as Loose;
  const v0 = client.ordersV0;
  switch (operation) {
    case 'orders-v0.getOrders':
      return v0.getOrders({ MarketplaceIds: ['ATVPDKIKX0DER'], ...(a as Loose) });
    case 'orders-v0.getOrder':
      return v0.getOrder(orderId);
    case 'orders-v0.getOrderBuyerInfo':
      return v0.getOrderBuyerInfo(orderId);
    case 'orders-v0.getOrderAddress':
      return v0.getOrderAddress(orderId);
    case 'orders-v0.getOrderItems':
      return v0.getOrderItems(orderId, a.NextToken as string | undefined);
    case 'orders-v0.getOrderItemsBuyerInfo':
      return v0.getOrderItemsBuyerInfo(orderId, a.NextToken as string | undefined);
    case 'orders-v0.updateShipmentStatus':
      return v0.updateShipmentStatus(
        orderId,
        body ?? { marketplaceId: 'ATVPDKIKX0DER', shipmentStatus: 'PickedUp' },
      );
    case 'orders-v0.getOrderRegulatedInfo':
      return v0.getOrderRegulatedInfo(orderId);
    case 'orders-v0.updateVerificationStatus':
      return v0.updateVerificationStatus(orderId, body);
    case 'orders-v0.confirmShipment':
      return v0.confirmShipment(orderId, body);
    case 'orders-2026-01-01.searchOrders':
      return client.orders.searchOrders(a as Loose);
    case 'orders-2026-01-01.getOrder':
      return client.orders.getOrder(orderId, a.includedData as Loose);
    case 'feeds.getFeeds':
      return client.feeds.getFeeds(a as Loose);
    case 'feeds.createFeed':
      return client.feeds.createFeed(body);
    case 'feeds.cancelFeed':
      return client.feeds.cancelFeed(String(a.feedId));
    case 'feeds.getFeed':
      return client.feeds.getFeed(String(a.feedId));
    case 'feeds.createFeedDocument':
      return client.feeds.createFeedDocument(body?.contentType);
    case 'feeds.getFeedDocument':
      return client.feeds.getFeedDocument(String(a.feedDocumentId));
    case 'tokens.createRestrictedDataToken':
      return client.tokens.createRestrictedDataToken(body);
    case 'notifications.getSubscriptions':
      return client.notifications.getSubscriptions(a as Loose);
    case 'notifications.getSubscription':
      return client.notifications.getSubscription('ORDER_CHANGE');
    case 'notifications.createSubscription':
      return client.notifications.createOrderChangeSubscription('3acafc7e-121b-45c1-8c7a-3b9cd5b8f4e5');
    case 'notifications.getSubscriptionById':
      return client.notifications.getSubscriptionById('ORDER_CHANGE', '7fcacc7e-727b-11e9-8848-1681be663d3e');
    case 'notifications.deleteSubscriptionById':
      return client.notifications.deleteSubscriptionById(
        'ORDER_CHANGE',
        '7fcacc7e-727b-11e9-8848-1681be663d3e',
      );
    case 'notifications.sendTestNotification':
      return client.notifications.sendTestNotification('ORDER_CHANGE', body ?? { subscriptionId: 'x' });
    case 'notifications.getDestinations':
      return client.notifications.getDestinations();
    case 'notifications.createDestination':
      return client.notifications.createDestination({
        name: 'saleschannel',
        resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-2:444455556666:queue1' } },
      });
    case 'notifications.getDestination':
      return client.notifications.getDestination('3acafc7e-121b-45c1-8c7a-3b9cd5b8f4e5');
    case 'notifications.deleteDestination':
      return client.notifications.deleteDestination('3acafc7e-121b-45c1-8c7a-3b9cd5b8f4e5');
    default:
      throw new Error(`no sandbox driver for ${operation}`);
  }
}

/** What the client method returns for a case's response body (v0/notifications unwrap `payload`). */
export function expectedResult(operation: string, response: unknown): unknown {
  const body = response as Record<string, unknown> | undefined;
  if (operation === 'orders-2026-01-01.getOrder') {
    return body?.order;
  }
  if (operation === 'notifications.getSubscriptions') {
    const payload = body?.payload as Record<string, unknown> | undefined;
    return { subscriptions: payload?.subscriptions ?? [], nextToken: payload?.nextToken };
  }
  if (operation.startsWith('orders-v0.') || operation.startsWith('notifications.')) {
    return body?.payload;
  }
  return body;
}
