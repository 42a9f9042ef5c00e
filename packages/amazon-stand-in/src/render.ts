/** Renders stored orders in the shape of Orders API v0 and 2026-01-01 (checked against the models in tests). */
import { fromMinor, toMinor } from '@saleschannel/domain';
import type { Item, OrderRecord } from './store.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const STATUS_2026: Record<OrderRecord['status'], string> = {
  PendingAvailability: 'PENDING_AVAILABILITY',
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
  Unfulfillable: 'UNFULFILLABLE',
};

const MARKETPLACE_NAMES: Record<string, string> = {
  ATVPDKIKX0DER: 'Amazon.com',
  A1F83G8C2ARO7P: 'Amazon.co.uk',
  A1PA6795UKMFR9: 'Amazon.de',
  A1VC38T7YXB528: 'Amazon.co.jp',
  A2EUQ1WTGCTBG2: 'Amazon.ca',
};

export function marketplaceName(id: string): string {
  return MARKETPLACE_NAMES[id] ?? 'Amazon';
}

function mul(amount: string, quantity: number, currency: string): string {
  return fromMinor(toMinor(amount, currency) * BigInt(quantity), currency);
}

function lineTotal(item: Item, currency: string): string {
  return mul(item.unitPrice, item.quantityOrdered, currency);
}

export function orderTotal(order: OrderRecord): string {
  let total = 0n;
  for (const item of order.items) {
    total +=
      toMinor(lineTotal(item, order.currency), order.currency) +
      toMinor(item.shipping, order.currency) +
      addedTax(order, item.lineTax);
  }
  return fromMinor(total, order.currency);
}

/** The tax an item adds to the total: all of it where tax comes on top, none where prices include it. */
function addedTax(order: OrderRecord, tax: string): bigint {
  return order.pricesIncludeTax ? 0n : toMinor(tax, order.currency);
}

const hasAddress = (o: OrderRecord) =>
  o.status === 'Unshipped' || o.status === 'PartiallyShipped' || o.status === 'Shipped';
const isPending = (o: OrderRecord) => o.status === 'Pending' || o.status === 'PendingAvailability';

export interface PiiGrant {
  readonly buyerInfo: boolean;
  readonly shippingAddress: boolean;
}

const NO_PII: PiiGrant = { buyerInfo: false, shippingAddress: false };

/** v0 `Order`. Without an RDT the address is reduced to its non-PII parts and BuyerInfo is empty. */
export function renderV0Order(order: OrderRecord, pii: PiiGrant = NO_PII): Record<string, unknown> {
  const money = (amount: string) => ({ CurrencyCode: order.currency, Amount: amount });
  const shipped = order.items.reduce((n, i) => n + i.quantityShipped, 0);
  const unshipped = order.items.reduce(
    (n, i) => n + i.quantityOrdered - i.quantityCancelled - i.quantityShipped,
    0,
  );
  const out: Record<string, unknown> = {
    AmazonOrderId: order.amazonOrderId,
    ...(order.sellerOrderId ? { SellerOrderId: order.sellerOrderId } : {}),
    PurchaseDate: iso(order.createdAt),
    LastUpdateDate: iso(order.lastUpdatedAt),
    OrderStatus: order.status,
    FulfillmentChannel: order.fulfillmentChannel,
    SalesChannel: order.salesChannel,
    ShipServiceLevel: 'Std US D2D Dom',
    ...(isPending(order) ? {} : { OrderTotal: money(orderTotal(order)) }),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: order.status === 'Canceled' ? 0 : unshipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    ...(order.fulfillmentChannel === 'MFN'
      ? { EarliestShipDate: iso(order.createdAt + DAY), LatestShipDate: iso(order.createdAt + 2 * DAY) }
      : {}),
    IsBusinessOrder: order.isBusiness,
    IsPrime: order.isPrime,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    BuyerInfo:
      pii.buyerInfo && order.buyer ? { BuyerEmail: order.buyer.email, BuyerName: order.buyer.name } : {},
  };
  if (order.address && hasAddress(order)) {
    const a = order.address;
    out.ShippingAddress = pii.shippingAddress
      ? {
          Name: a.name,
          AddressLine1: a.addressLine1,
          ...(a.addressLine2 ? { AddressLine2: a.addressLine2 } : {}),
          City: a.city,
          ...(a.stateOrRegion ? { StateOrRegion: a.stateOrRegion } : {}),
          PostalCode: a.postalCode,
          CountryCode: a.countryCode,
          ...(a.phone && order.fulfillmentChannel === 'MFN' ? { Phone: a.phone } : {}),
          ...(a.addressType ? { AddressType: a.addressType } : {}),
        }
      : {
          City: a.city,
          ...(a.stateOrRegion ? { StateOrRegion: a.stateOrRegion } : {}),
          PostalCode: a.postalCode,
          CountryCode: a.countryCode,
        };
  }
  return out;
}

/** v0 `OrderItem`: ItemPrice is the LINE total (unit price × QuantityOrdered). Pending orders carry no prices. */
export function renderV0Item(order: OrderRecord, item: Item): Record<string, unknown> {
  const money = (amount: string) => ({ CurrencyCode: order.currency, Amount: amount });
  const zero = fromMinor(0n, order.currency);
  return {
    ASIN: item.asin,
    SellerSKU: item.sellerSku,
    OrderItemId: item.orderItemId,
    Title: item.title,
    QuantityOrdered: item.quantityOrdered,
    QuantityShipped: item.quantityShipped,
    ProductInfo: { NumberOfItems: '1' },
    ...(isPending(order)
      ? {}
      : {
          ItemPrice: money(lineTotal(item, order.currency)),
          ShippingPrice: money(item.shipping),
          ItemTax: money(item.lineTax),
          ShippingTax: money(zero),
          ShippingDiscount: money(zero),
          PromotionDiscount: money(zero),
        }),
    IsGift: 'false',
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
    IsTransparency: false,
    BuyerRequestedCancel: {
      IsBuyerRequestedCancel: item.buyerCancelRequest ? 'true' : 'false',
      BuyerCancelReason: item.buyerCancelRequest?.reason ?? '',
    },
  };
}

/** 2026-01-01 `Order`: item prices are UNIT prices; optional datasets only when `includedData` asks. */
export function render2026Order(
  order: OrderRecord,
  included: ReadonlySet<string>,
  piiRoles: boolean,
): Record<string, unknown> {
  const money = (amount: string) => ({ amount, currencyCode: order.currency });
  const piiAllowed = piiRoles && order.fulfillmentChannel === 'MFN' && hasAddress(order);
  const programs = [...(order.isPrime ? ['PRIME'] : []), ...(order.isBusiness ? ['AMAZON_BUSINESS'] : [])];
  const out: Record<string, unknown> = {
    orderId: order.amazonOrderId,
    ...(order.sellerOrderId
      ? { orderAliases: [{ aliasId: order.sellerOrderId, aliasType: 'SELLER_ORDER_ID' }] }
      : {}),
    createdTime: iso(order.createdAt),
    lastUpdatedTime: iso(order.lastUpdatedAt),
    ...(programs.length ? { programs } : {}),
    salesChannel: {
      channelName: 'AMAZON',
      marketplaceId: order.marketplaceId,
      marketplaceName: marketplaceName(order.marketplaceId),
    },
  };
  if (included.has('BUYER') && piiAllowed && order.buyer) {
    out.buyer = { buyerName: order.buyer.name, buyerEmail: order.buyer.email };
  }
  if (included.has('RECIPIENT') && piiAllowed && order.address) {
    const a = order.address;
    out.recipient = {
      deliveryAddress: {
        name: a.name,
        addressLine1: a.addressLine1,
        ...(a.addressLine2 ? { addressLine2: a.addressLine2 } : {}),
        city: a.city,
        ...(a.stateOrRegion ? { stateOrRegion: a.stateOrRegion } : {}),
        postalCode: a.postalCode,
        countryCode: a.countryCode,
        ...(a.phone ? { phone: a.phone } : {}),
        addressType: a.addressType === 'Commercial' ? 'COMMERCIAL' : 'RESIDENTIAL',
      },
    };
  }
  if (included.has('PROCEEDS') && !isPending(order)) {
    let items = 0n;
    let shipping = 0n;
    let tax = 0n;
    for (const item of order.items) {
      items += toMinor(lineTotal(item, order.currency), order.currency);
      shipping += toMinor(item.shipping, order.currency);
      tax += toMinor(item.lineTax, order.currency);
    }
    const f = (m: bigint) => money(fromMinor(m, order.currency));
    out.proceeds = {
      grandTotal: money(orderTotal(order)),
      breakdowns: [
        { type: 'ITEM', subtotal: f(items) },
        { type: 'SHIPPING', subtotal: f(shipping) },
        { type: 'TAX', subtotal: f(tax) },
      ],
    };
  }
  if (included.has('FULFILLMENT')) {
    out.fulfillment = {
      fulfillmentStatus: STATUS_2026[order.status],
      fulfilledBy: order.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT',
      fulfillmentServiceLevel: 'STANDARD',
      ...(order.fulfillmentChannel === 'MFN'
        ? {
            shipByWindow: {
              earliestDateTime: iso(order.createdAt + DAY),
              latestDateTime: iso(order.createdAt + 2 * DAY),
            },
          }
        : {}),
    };
  }
  out.orderItems = order.items.map((item) => {
    const rendered: Record<string, unknown> = {
      orderItemId: item.orderItemId,
      quantityOrdered: item.quantityOrdered,
      product: {
        asin: item.asin,
        title: item.title,
        sellerSku: item.sellerSku,
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
        price: { unitPrice: money(item.unitPrice) },
      },
    };
    if (included.has('PROCEEDS') && !isPending(order)) {
      const line = lineTotal(item, order.currency);
      const total = fromMinor(
        toMinor(line, order.currency) +
          toMinor(item.shipping, order.currency) +
          addedTax(order, item.lineTax),
        order.currency,
      );
      rendered.proceeds = {
        proceedsTotal: money(total),
        breakdowns: [
          { type: 'ITEM', subtotal: money(line) },
          { type: 'SHIPPING', subtotal: money(item.shipping) },
          { type: 'TAX', subtotal: money(item.lineTax) },
        ],
      };
    }
    if (included.has('CANCELLATION') && (item.buyerCancelRequest || item.quantityCancelled > 0)) {
      rendered.cancellation = {
        ...(item.buyerCancelRequest
          ? { cancellationRequest: { requester: 'BUYER', cancelReason: item.buyerCancelRequest.reason } }
          : {}),
        ...(item.quantityCancelled > 0
          ? {
              cancellationExecution: {
                cancelledBy: order.cancelReason === 'BuyerCanceled' ? 'BUYER' : 'MERCHANT',
              },
            }
          : {}),
      };
    }
    if (included.has('FULFILLMENT')) {
      rendered.fulfillment = {
        quantityFulfilled: item.quantityShipped,
        quantityUnfulfilled: item.quantityOrdered - item.quantityCancelled - item.quantityShipped,
      };
    }
    return rendered;
  });
  if (included.has('PACKAGES') && order.fulfillmentChannel === 'MFN' && order.shipments.length > 0) {
    out.packages = order.shipments.map((s, index) => ({
      packageReferenceId: s.packageReferenceId ?? String(index + 1),
      createdTime: iso(s.at),
      packageStatus: { status: 'SHIPPED' },
      carrier: s.carrier,
      shipTime: iso(s.at),
      ...(s.shippingMethod ? { shippingService: s.shippingMethod } : {}),
      ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
      packageItems: s.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
    }));
  }
  return out;
}

export { iso };
