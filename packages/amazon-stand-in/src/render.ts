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

/** A line's amounts in minor units: what it charges, its taxes by what they are on, and its discounts. */
function amounts(order: OrderRecord, item: Item) {
  const m = (amount: string | undefined) => (amount ? toMinor(amount, order.currency) : 0n);
  const c = item.charges ?? {};
  const amounts = {
    item: m(lineTotal(item, order.currency)),
    shipping: m(item.shipping),
    giftWrap: m(c.giftWrap),
    codFee: m(c.codFee),
    itemTax: m(item.lineTax),
    shippingTax: m(c.shippingTax),
    giftWrapTax: m(c.giftWrapTax),
    codFeeTax: m(c.codFeeTax),
    promotionDiscount: m(c.promotionDiscount),
    shippingDiscount: m(c.shippingDiscount),
  };
  const tax = amounts.itemTax + amounts.shippingTax + amounts.giftWrapTax + amounts.codFeeTax;
  const total =
    amounts.item +
    amounts.shipping +
    amounts.giftWrap +
    amounts.codFee -
    amounts.promotionDiscount -
    amounts.shippingDiscount +
    (order.pricesIncludeTax ? 0n : tax);
  return { ...amounts, tax, total };
}

export function orderTotal(order: OrderRecord): string {
  let total = 0n;
  for (const item of order.items) {
    total += amounts(order, item).total;
  }
  return fromMinor(total, order.currency);
}

/** 2026-01-01 proceeds breakdowns of amounts (one line's, or the order's sums). */
function proceedsBreakdowns(a: ReturnType<typeof amounts>, money: (minor: bigint) => unknown) {
  const detailed = (parts: [string, bigint][]) =>
    parts.filter(([, value]) => value !== 0n).map(([subtype, value]) => ({ subtype, value: money(value) }));
  const discount = a.promotionDiscount + a.shippingDiscount;
  return [
    { type: 'ITEM', subtotal: money(a.item) },
    { type: 'SHIPPING', subtotal: money(a.shipping) },
    ...(a.giftWrap ? [{ type: 'GIFT_WRAP', subtotal: money(a.giftWrap) }] : []),
    ...(a.codFee ? [{ type: 'COD_FEE', subtotal: money(a.codFee) }] : []),
    {
      type: 'TAX',
      subtotal: money(a.tax),
      detailedBreakdowns: detailed([
        ['ITEM', a.itemTax],
        ['SHIPPING', a.shippingTax],
        ['GIFT_WRAP', a.giftWrapTax],
        ['COD_FEE', a.codFeeTax],
      ]),
    },
    ...(discount
      ? [
          {
            type: 'DISCOUNT',
            subtotal: money(-discount),
            detailedBreakdowns: detailed([
              ['ITEM', -a.promotionDiscount],
              ['SHIPPING', -a.shippingDiscount],
            ]),
          },
        ]
      : []),
  ];
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
export function renderV0Item(
  order: OrderRecord,
  item: Item,
  pii: PiiGrant = NO_PII,
): Record<string, unknown> {
  const money = (amount: string) => ({ CurrencyCode: order.currency, Amount: amount });
  const charges = amounts(order, item);
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
          // v0 has no COD fee tax: Amazon counts it in the item tax.
          ItemTax: money(fromMinor(charges.itemTax + charges.codFeeTax, order.currency)),
          ShippingTax: money(fromMinor(charges.shippingTax, order.currency)),
          ShippingDiscount: money(fromMinor(charges.shippingDiscount, order.currency)),
          PromotionDiscount: money(fromMinor(charges.promotionDiscount, order.currency)),
          ...(charges.codFee ? { CODFee: money(fromMinor(charges.codFee, order.currency)) } : {}),
          // Gift wrap is in the item's BuyerInfo, which Amazon sends only with a Restricted Data Token.
          ...(charges.giftWrap && pii.buyerInfo
            ? {
                BuyerInfo: {
                  GiftWrapPrice: money(fromMinor(charges.giftWrap, order.currency)),
                  GiftWrapTax: money(fromMinor(charges.giftWrapTax, order.currency)),
                },
              }
            : {}),
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
    const lines = order.items.map((item) => amounts(order, item));
    const sum = Object.fromEntries(
      Object.keys(lines[0] ?? {}).map((key) => [
        key,
        lines.reduce((n, line) => n + line[key as keyof typeof line], 0n),
      ]),
    ) as ReturnType<typeof amounts>;
    const f = (m: bigint) => money(fromMinor(m, order.currency));
    out.proceeds = {
      grandTotal: money(orderTotal(order)),
      // The order's breakdowns are the lines' aggregated by type (the model lists no detail at order level).
      breakdowns: proceedsBreakdowns(sum, f).map(({ type, subtotal }) => ({ type, subtotal })),
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
      const line = amounts(order, item);
      const f = (m: bigint) => money(fromMinor(m, order.currency));
      rendered.proceeds = { proceedsTotal: f(line.total), breakdowns: proceedsBreakdowns(line, f) };
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
