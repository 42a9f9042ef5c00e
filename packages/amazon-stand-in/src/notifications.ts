/** ORDER_CHANGE notifications (payload version 1.0) for the changes recorded in the store. */
import { createHash } from 'node:crypto';
import { iso } from './render.js';
import type { OrderChangeEvent, ScenarioStore } from './store.js';

const DAY = 86_400_000;

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The notification Amazon would publish for one recorded change, shaped by OrderChangeNotification.json. */
export function renderOrderChangeNotification(
  store: ScenarioStore,
  event: OrderChangeEvent,
  subscriptionId: string,
  applicationId = 'amzn1.sp.solution.stand-in',
): Record<string, unknown> {
  const order = store.orders.get(event.amazonOrderId);
  if (!order) {
    throw new Error(`unknown order ${event.amazonOrderId}`);
  }
  const shipped = order.items.reduce((n, i) => n + i.quantityShipped, 0);
  const unshipped = order.items.reduce(
    (n, i) => n + i.quantityOrdered - i.quantityCancelled - i.quantityShipped,
    0,
  );
  const notificationId = uuidFrom(`${event.amazonOrderId}:${event.at}:${event.reason}`);
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: new Date(event.at).toISOString(),
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel',
        SellerId: event.sellerId,
        AmazonOrderId: event.amazonOrderId,
        OrderChangeType: event.changeType,
        OrderChangeTrigger: {
          TimeOfOrderChange: new Date(event.at).toISOString(),
          ChangeReason: event.reason,
        },
        Summary: {
          MarketplaceId: order.marketplaceId,
          OrderStatus: event.status,
          PurchaseDate: iso(order.createdAt),
          DestinationPostalCode: order.address?.postalCode ?? null,
          FulfillmentType: order.fulfillmentChannel,
          OrderType: 'StandardOrder',
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: event.status === 'Canceled' ? 0 : unshipped,
          EarliestDeliveryDate: iso(order.createdAt + 3 * DAY),
          LatestDeliveryDate: iso(order.createdAt + 7 * DAY),
          EarliestShipDate: iso(order.createdAt + DAY),
          LatestShipDate: iso(order.createdAt + 2 * DAY),
          OrderPrograms: [...(order.isBusiness ? ['Business'] : []), ...(order.isPrime ? ['Prime'] : [])],
          ShippingPrograms: [],
          ElectronicInvoiceStatus: 'NotRequired',
          OrderItems: order.items.map((item) => ({
            OrderItemId: item.orderItemId,
            SellerSKU: item.sellerSku,
            SupplySourceId: null,
            // The schema knows only these two item statuses; pending and cancelled items carry none.
            ...(item.quantityShipped > 0 &&
            item.quantityShipped >= item.quantityOrdered - item.quantityCancelled
              ? { OrderItemStatus: 'Shipped' }
              : event.status === 'Unshipped' || event.status === 'PartiallyShipped'
                ? { OrderItemStatus: 'Unshipped' }
                : {}),
            Quantity: item.quantityOrdered,
            QuantityShipped: item.quantityShipped,
            IsBuyerRequestedCancel: Boolean(item.buyerCancelRequest),
            ItemEarliestDeliveryDate: iso(order.createdAt + 3 * DAY),
            ItemLatestDeliveryDate: iso(order.createdAt + 7 * DAY),
          })),
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: applicationId,
      SubscriptionId: subscriptionId,
      PublishTime: new Date(event.at + 1000).toISOString(),
      NotificationId: notificationId,
    },
  };
}

/**
 * The ORDER_CHANGE notifications every ORDER_CHANGE subscription would have received so far, oldest first.
 * (Quantities are those of the order now; status and trigger are those of the moment of the change.)
 */
export function orderChangeNotifications(store: ScenarioStore): Record<string, unknown>[] {
  store.tick();
  const out: Record<string, unknown>[] = [];
  for (const subscription of store.subscriptions.values()) {
    if (subscription.notificationType !== 'ORDER_CHANGE') {
      continue;
    }
    for (const event of store.orderChanges) {
      if (event.sellerId === subscription.sellerId) {
        out.push(renderOrderChangeNotification(store, event, subscription.subscriptionId));
      }
    }
  }
  return out.sort((a, b) => String(a.EventTime).localeCompare(String(b.EventTime)));
}
