/**
 * The stand-in's state: seller accounts, orders that appear and change over (virtual) time, shipments, refunds,
 * feeds, documents, destinations and subscriptions. Orders are stored once and rendered in the shape of either
 * Orders API version by render.ts.
 */
import type { StandInClock } from './clock.js';

export type Status =
  | 'PendingAvailability'
  | 'Pending'
  | 'Unshipped'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'Canceled'
  | 'Unfulfillable';

export interface Account {
  readonly sellerId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly marketplaceIds: readonly string[];
  /** Whether the application holds the PII roles (buyer info, shipping address). */
  readonly piiRoles: boolean;
}

export interface Address {
  name: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  stateOrRegion?: string;
  postalCode: string;
  countryCode: string;
  phone?: string;
  addressType?: 'Residential' | 'Commercial';
}

export interface Item {
  readonly orderItemId: string;
  readonly asin: string;
  readonly sellerSku: string;
  readonly title: string;
  readonly quantityOrdered: number;
  quantityShipped: number;
  quantityCancelled: number;
  /** Unit price, decimal string. */
  readonly unitPrice: string;
  /** Tax for the whole line. */
  readonly lineTax: string;
  /** Shipping for the whole line. */
  readonly shipping: string;
  /** More charges of the line, decimal strings (absent: none); taxes are within the prices where they include tax. */
  readonly charges?: ItemCharges;
  buyerCancelRequest?: { reason: string };
}

export interface ItemCharges {
  readonly shippingTax?: string;
  readonly giftWrap?: string;
  readonly giftWrapTax?: string;
  readonly codFee?: string;
  readonly codFeeTax?: string;
  /** Discounts, as positive amounts. */
  readonly promotionDiscount?: string;
  readonly shippingDiscount?: string;
}

export interface Shipment {
  readonly at: number;
  readonly carrier: string;
  readonly shippingMethod?: string;
  readonly trackingNumber?: string;
  readonly packageReferenceId?: string;
  readonly items: { orderItemId: string; quantity: number }[];
  readonly via: 'confirmShipment' | 'feed' | 'amazon';
}

export interface Refund {
  readonly at: number;
  readonly reason: string;
  readonly items: { orderItemId: string; components: { type: string; amount: string; currency: string }[] }[];
}

export interface OrderRecord {
  readonly amazonOrderId: string;
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly salesChannel: string;
  readonly currency: string;
  readonly fulfillmentChannel: 'AFN' | 'MFN';
  readonly createdAt: number;
  lastUpdatedAt: number;
  status: Status;
  readonly items: Item[];
  /** null: the buyer's details are never available (e.g. a PII-less order). */
  readonly buyer: { name: string; email: string } | null;
  readonly address: Address | null;
  readonly isPrime: boolean;
  readonly isBusiness: boolean;
  /** Whether item and shipping prices include the tax (VAT/GST marketplaces); US and CA add it on top. */
  readonly pricesIncludeTax?: boolean;
  readonly sellerOrderId?: string;
  /** Scheduled changes Amazon makes by itself, applied when their time comes. */
  timeline: { at: number; change: 'unshipped' | 'amazon-ships' | 'buyer-cancel-request' | 'cancel' }[];
  shipments: Shipment[];
  refunds: Refund[];
  acknowledged: boolean;
  cancelReason?: string;
}

export interface FeedRecord {
  readonly feedId: string;
  readonly sellerId: string;
  readonly feedType: string;
  readonly marketplaceIds: string[];
  readonly inputFeedDocumentId: string;
  readonly createdAt: number;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
  processingStartAt?: number;
  processingEndAt?: number;
  resultFeedDocumentId?: string;
}

export interface DocumentRecord {
  readonly id: string;
  readonly sellerId: string;
  readonly contentType: string;
  readonly createdAt: number;
  content?: Buffer;
  compression?: 'GZIP';
}

export interface OrderChangeEvent {
  readonly at: number;
  readonly amazonOrderId: string;
  readonly sellerId: string;
  readonly changeType: 'OrderStatusChange' | 'BuyerRequestedChange';
  readonly reason: string;
  /** The order's status right after the change. */
  readonly status: Status;
}

export class ScenarioStore {
  readonly accounts = new Map<string, Account>();
  readonly orders = new Map<string, OrderRecord>();
  readonly feeds = new Map<string, FeedRecord>();
  readonly documents = new Map<string, DocumentRecord>();
  readonly destinations = new Map<string, { destinationId: string; name: string; resource: unknown }>();
  readonly subscriptions = new Map<
    string,
    {
      subscriptionId: string;
      notificationType: string;
      sellerId: string;
      payloadVersion: string;
      destinationId: string;
      processingDirective?: unknown;
      /** When it was created (virtual ms): it delivers the changes from then on. */
      createdAt?: number;
    }
  >();
  /** ORDER_CHANGE events in the order they happened (what a subscription would deliver). */
  readonly orderChanges: OrderChangeEvent[] = [];
  #sequence = 0;

  constructor(readonly clock: StandInClock) {}

  nextId(prefix: string): string {
    this.#sequence += 1;
    return `${prefix}${String(this.#sequence).padStart(8, '0')}`;
  }

  addAccount(account: Account): Account {
    this.accounts.set(account.sellerId, account);
    return account;
  }

  accountByRefreshToken(refreshToken: string): Account | undefined {
    return [...this.accounts.values()].find((a) => a.refreshToken === refreshToken);
  }

  accountByClient(clientId: string, clientSecret: string): Account | undefined {
    return [...this.accounts.values()].find(
      (a) => a.clientId === clientId && a.clientSecret === clientSecret,
    );
  }

  addOrder(order: OrderRecord): OrderRecord {
    if (this.orders.has(order.amazonOrderId)) {
      throw new Error(`order ${order.amazonOrderId} already exists`);
    }
    order.timeline.sort((a, b) => a.at - b.at);
    this.orders.set(order.amazonOrderId, order);
    return order;
  }

  /** Applies every scheduled change whose time has come, for all orders. */
  tick(): void {
    const now = this.clock.now();
    for (const order of this.orders.values()) {
      this.#apply(order, now);
    }
  }

  /** The order as it is now, if it exists yet and belongs to the seller. */
  visibleOrder(sellerId: string, amazonOrderId: string): OrderRecord | undefined {
    const order = this.orders.get(amazonOrderId);
    if (!order || order.sellerId !== sellerId || order.createdAt > this.clock.now()) {
      return undefined;
    }
    this.#apply(order, this.clock.now());
    return order;
  }

  /** Orders of a seller that exist at this moment. */
  visibleOrders(sellerId: string): OrderRecord[] {
    this.tick();
    const now = this.clock.now();
    return [...this.orders.values()].filter((o) => o.sellerId === sellerId && o.createdAt <= now);
  }

  /** Records a change made by the seller or Amazon. */
  touch(
    order: OrderRecord,
    changeType: OrderChangeEvent['changeType'],
    reason: string,
    at = this.clock.now(),
  ): void {
    order.lastUpdatedAt = Math.max(order.lastUpdatedAt, at);
    this.orderChanges.push({
      at,
      amazonOrderId: order.amazonOrderId,
      sellerId: order.sellerId,
      changeType,
      reason,
      status: order.status,
    });
  }

  /** Ships quantities of items; the order becomes PartiallyShipped or Shipped. */
  ship(order: OrderRecord, shipment: Shipment): void {
    for (const line of shipment.items) {
      const item = order.items.find((i) => i.orderItemId === line.orderItemId);
      if (item) {
        item.quantityShipped = Math.min(
          item.quantityOrdered - item.quantityCancelled,
          item.quantityShipped + line.quantity,
        );
      }
    }
    order.shipments.push(shipment);
    const open = order.items.some((i) => i.quantityShipped < i.quantityOrdered - i.quantityCancelled);
    order.status = open ? 'PartiallyShipped' : 'Shipped';
    this.touch(
      order,
      'OrderStatusChange',
      shipment.via === 'amazon' ? 'FulfilledByAmazon' : 'SellerShipped',
      shipment.at,
    );
  }

  /** Cancels items (all when none given); the order becomes Canceled when nothing is left to ship. */
  cancel(order: OrderRecord, reason: string, itemIds?: readonly string[]): void {
    for (const item of order.items) {
      if (!itemIds || itemIds.includes(item.orderItemId)) {
        item.quantityCancelled = item.quantityOrdered - item.quantityShipped;
      }
    }
    const remaining = order.items.some((i) => i.quantityOrdered - i.quantityCancelled > 0);
    const shippedAny = order.items.some((i) => i.quantityShipped > 0);
    if (!remaining) {
      order.status = 'Canceled';
      order.cancelReason = reason;
    } else if (shippedAny) {
      const open = order.items.some((i) => i.quantityShipped < i.quantityOrdered - i.quantityCancelled);
      order.status = open ? 'PartiallyShipped' : 'Shipped';
    }
    order.timeline = order.timeline.filter((t) => t.change !== 'amazon-ships' && t.change !== 'unshipped');
    this.touch(order, 'OrderStatusChange', `Canceled:${reason}`);
  }

  #apply(order: OrderRecord, now: number): void {
    while (order.timeline.length > 0 && (order.timeline[0]?.at ?? Number.POSITIVE_INFINITY) <= now) {
      const step = order.timeline.shift();
      if (!step) {
        break;
      }
      switch (step.change) {
        case 'unshipped':
          if (order.status === 'Pending' || order.status === 'PendingAvailability') {
            order.status = 'Unshipped';
            this.touch(order, 'OrderStatusChange', 'PaymentAuthorized', step.at);
          }
          break;
        case 'amazon-ships':
          if (order.status === 'Unshipped' || order.status === 'PartiallyShipped') {
            this.ship(order, {
              at: step.at,
              carrier: 'AMZN_US',
              items: order.items.map((i) => ({
                orderItemId: i.orderItemId,
                quantity: i.quantityOrdered - i.quantityCancelled - i.quantityShipped,
              })),
              via: 'amazon',
            });
          }
          break;
        case 'buyer-cancel-request':
          if (order.status === 'Pending' || order.status === 'Unshipped') {
            for (const item of order.items) {
              item.buyerCancelRequest = { reason: 'Order Created In Error' };
            }
            this.touch(order, 'BuyerRequestedChange', 'BuyerRequestedCancel', step.at);
          }
          break;
        case 'cancel':
          if (order.status === 'Pending' || order.status === 'Unshipped') {
            order.lastUpdatedAt = step.at;
            this.cancel(order, 'BuyerCanceled');
          }
          break;
      }
    }
  }
}
