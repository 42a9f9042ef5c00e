/**
 * Maps both Orders API versions into the one order shape of @saleschannel/domain.
 *
 * The price trap: v0 `OrderItem.ItemPrice` is the LINE total (unit price × QuantityOrdered), while 2026-01-01
 * `product.price.unitPrice` is the UNIT price. Each mapper says which one it has and derives the other exactly.
 */
import {
  type AmazonAddress,
  type AmazonBuyer,
  type AmazonOrder,
  type AmazonOrderItem,
  type AmazonOrderStatus,
  FULFILLMENT_STATUS_TO_ORDER_STATUS,
  lineTotalFromUnitPrice,
  type Money,
  MoneyError,
  normalizeMoney,
  sumMoney,
  unitPriceFromLineTotal,
} from '@saleschannel/domain';
import type * as V2026 from './generated/orders-2026-01-01.js';
import type * as V0 from './generated/orders-v0.js';

export class OrderMappingError extends Error {
  override name = 'OrderMappingError';
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Amazon's amount as an exact decimal string in the currency's precision. An amount with more decimals than
 * the currency has (Amazon's own examples contain "25.99" JPY) is kept exactly as sent rather than rounded.
 */
function money(amount: string, currency: string): Money {
  if (!DECIMAL.test(amount.trim())) {
    throw new OrderMappingError(`"${amount}" ${currency} is not a decimal amount`);
  }
  try {
    return normalizeMoney({ amount: amount.trim(), currency });
  } catch (error) {
    if (error instanceof MoneyError) {
      return { amount: amount.trim(), currency };
    }
    throw error;
  }
}

function v0Money(value: V0.Money | undefined): Money | null {
  if (!value?.Amount || !value.CurrencyCode) {
    return null;
  }
  return money(value.Amount, value.CurrencyCode);
}

function v2026Money(value: V2026.Money | undefined): Money | null {
  if (!value?.amount || !value.currencyCode) {
    return null;
  }
  return money(value.amount, value.currencyCode);
}

/** Line total from a 2026 unit price; null when the unit price is not in the currency's precision. */
function lineFromUnit(unitPrice: Money | null, quantity: number): Money | null {
  if (!unitPrice) {
    return null;
  }
  try {
    return lineTotalFromUnitPrice(unitPrice, quantity);
  } catch (error) {
    if (error instanceof MoneyError) {
      return null;
    }
    throw error;
  }
}

function str(value: string | undefined | null): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

function abs(money: Money | null): Money | null {
  return money?.amount.startsWith('-') ? { ...money, amount: money.amount.slice(1) } : money;
}

/** Unit price from a v0 line total; null when the quantity is 0 or the total does not divide evenly. */
function unitFromLine(lineTotal: Money | null, quantity: number): Money | null {
  if (!lineTotal || quantity <= 0) {
    return null;
  }
  try {
    return unitPriceFromLineTotal(lineTotal, quantity);
  } catch (error) {
    if (error instanceof MoneyError) {
      return null;
    }
    throw error;
  }
}

const V0_STATUSES = new Set<string>(
  Object.values(FULFILLMENT_STATUS_TO_ORDER_STATUS).concat('InvoiceUnconfirmed'),
);

export interface V0OrderParts {
  readonly order: V0.Order;
  readonly items: readonly V0.OrderItem[];
  /** From getOrderAddress (RDT); falls back to order.ShippingAddress. */
  readonly address?: V0.OrderAddress;
  /** From getOrderBuyerInfo (RDT); falls back to order.BuyerInfo. */
  readonly buyerInfo?: V0.OrderBuyerInfo;
}

export function normalizeV0Order(parts: V0OrderParts): AmazonOrder {
  const { order } = parts;
  if (!V0_STATUSES.has(order.OrderStatus)) {
    throw new OrderMappingError(`order ${order.AmazonOrderId}: unknown status ${order.OrderStatus}`);
  }
  const address = parts.address?.ShippingAddress ?? order.ShippingAddress;
  const buyer = parts.buyerInfo ?? order.BuyerInfo;
  return {
    source: 'orders-v0',
    amazonOrderId: order.AmazonOrderId,
    sellerOrderId: str(order.SellerOrderId),
    marketplaceId: str(order.MarketplaceId),
    salesChannel: str(order.SalesChannel),
    status: order.OrderStatus as AmazonOrderStatus,
    fulfillmentChannel: order.FulfillmentChannel ?? null,
    purchasedAt: order.PurchaseDate,
    lastUpdatedAt: order.LastUpdateDate,
    orderTotal: v0Money(order.OrderTotal),
    shipServiceLevel: str(order.ShipServiceLevel),
    earliestShipDate: str(order.EarliestShipDate),
    latestShipDate: str(order.LatestShipDate),
    isBusinessOrder: order.IsBusinessOrder === true,
    isPrime: order.IsPrime === true,
    isReplacementOrder: order.IsReplacementOrder === true || String(order.IsReplacementOrder) === 'true',
    buyer: buyer
      ? ({
          name: str(buyer.BuyerName),
          email: str(buyer.BuyerEmail),
          companyName: str(parts.address?.BuyerCompanyName),
          purchaseOrderNumber: str(buyer.PurchaseOrderNumber),
        } satisfies AmazonBuyer)
      : null,
    shippingAddress: address
      ? ({
          name: str(address.Name),
          companyName: str(address.CompanyName),
          lines: [address.AddressLine1, address.AddressLine2, address.AddressLine3].filter(
            (line): line is string => !!line,
          ),
          city: str(address.City),
          county: str(address.County),
          stateOrRegion: str(address.StateOrRegion),
          postalCode: str(address.PostalCode),
          countryCode: str(address.CountryCode),
          phone: str(address.Phone),
          addressType: str(address.AddressType),
        } satisfies AmazonAddress)
      : null,
    items: parts.items.map((item): AmazonOrderItem => {
      // v0 ItemPrice is the price of the whole line.
      const lineTotal = v0Money(item.ItemPrice);
      const cancel = item.BuyerRequestedCancel;
      const cancelRequested =
        cancel?.IsBuyerRequestedCancel === 'true' || String(cancel?.IsBuyerRequestedCancel) === 'true';
      return {
        orderItemId: item.OrderItemId,
        asin: str(item.ASIN),
        sellerSku: str(item.SellerSKU),
        title: str(item.Title),
        quantityOrdered: item.QuantityOrdered,
        quantityShipped: item.QuantityShipped ?? 0,
        unitPrice: unitFromLine(lineTotal, item.QuantityOrdered),
        lineTotal,
        itemTax: v0Money(item.ItemTax),
        shippingPrice: v0Money(item.ShippingPrice),
        promotionDiscount: abs(v0Money(item.PromotionDiscount)),
        shippingTax: v0Money(item.ShippingTax),
        shippingDiscount: abs(v0Money(item.ShippingDiscount)),
        giftWrapPrice: v0Money(item.BuyerInfo?.GiftWrapPrice),
        giftWrapTax: v0Money(item.BuyerInfo?.GiftWrapTax),
        codFee: v0Money(item.CODFee),
        codFeeTax: null,
        codFeeDiscount: abs(v0Money(item.CODFeeDiscount)),
        buyerCancelRequest: cancelRequested ? { reason: str(cancel?.BuyerCancelReason) } : null,
      };
    }),
  };
}

function breakdown(
  breakdowns: readonly V2026.ItemProceedsBreakdown[] | undefined,
  type: string,
): Money | null {
  return v2026Money(breakdowns?.find((b) => b.type === type)?.subtotal);
}

/**
 * A TAX or DISCOUNT breakdown split by what it applies to (its detailed breakdowns' subtypes). The `rest` part
 * has every subtype not named in `parts`; without detailed breakdowns the whole subtotal is the rest.
 */
function split<Part extends string>(
  breakdowns: readonly V2026.ItemProceedsBreakdown[] | undefined,
  type: 'TAX' | 'DISCOUNT',
  parts: readonly Part[],
): Record<Part | 'rest', Money | null> {
  const entry = breakdowns?.find((b) => b.type === type);
  const out = { rest: v2026Money(entry?.subtotal) } as Record<Part | 'rest', Money | null>;
  for (const part of parts) {
    out[part] = null;
  }
  const details = entry?.detailedBreakdowns;
  const currency = entry?.subtotal.currencyCode;
  if (!details?.length || !currency) {
    return out;
  }
  const rest: Money[] = [];
  for (const detail of details) {
    const value = v2026Money(detail.value);
    if (!value) {
      continue;
    }
    const part = parts.find((candidate) => candidate === detail.subtype);
    if (part) {
      out[part] = sumMoney(currency, [out[part], value]);
    } else {
      rest.push(value);
    }
  }
  out.rest = rest.length > 0 ? sumMoney(currency, rest) : null;
  return out;
}

export function normalize2026Order(order: V2026.Order): AmazonOrder {
  const fulfillmentStatus = order.fulfillment?.fulfillmentStatus;
  const status = fulfillmentStatus ? FULFILLMENT_STATUS_TO_ORDER_STATUS[fulfillmentStatus] : undefined;
  if (!status) {
    throw new OrderMappingError(
      `order ${order.orderId}: no known fulfillment status (request includedData=FULFILLMENT), got ${String(fulfillmentStatus)}`,
    );
  }
  const fulfilledBy = order.fulfillment?.fulfilledBy;
  const address = order.recipient?.deliveryAddress;
  const buyer = order.buyer;
  const programs = new Set(order.programs ?? []);
  return {
    source: 'orders-2026-01-01',
    amazonOrderId: order.orderId,
    sellerOrderId: str(order.orderAliases?.find((a) => a.aliasType === 'SELLER_ORDER_ID')?.aliasId),
    marketplaceId: str(order.salesChannel.marketplaceId),
    salesChannel: str(order.salesChannel.marketplaceName ?? order.salesChannel.channelName),
    status,
    fulfillmentChannel: fulfilledBy === 'AMAZON' ? 'AFN' : fulfilledBy === 'MERCHANT' ? 'MFN' : null,
    purchasedAt: order.createdTime,
    lastUpdatedAt: order.lastUpdatedTime,
    orderTotal: v2026Money(order.proceeds?.grandTotal),
    shipServiceLevel: str(order.fulfillment?.fulfillmentServiceLevel),
    earliestShipDate: str(order.fulfillment?.shipByWindow?.earliestDateTime),
    latestShipDate: str(order.fulfillment?.shipByWindow?.latestDateTime),
    isBusinessOrder: programs.has('AMAZON_BUSINESS'),
    isPrime: programs.has('PRIME'),
    isReplacementOrder: (order.associatedOrders ?? []).some(
      (a) => a.associationType === 'REPLACEMENT_ORIGINAL_ID',
    ),
    buyer: buyer
      ? {
          name: str(buyer.buyerName),
          email: str(buyer.buyerEmail),
          companyName: str(buyer.buyerCompanyName),
          purchaseOrderNumber: str(buyer.buyerPurchaseOrderNumber),
        }
      : null,
    shippingAddress: address
      ? {
          name: str(address.name),
          companyName: str(address.companyName),
          lines: [address.addressLine1, address.addressLine2, address.addressLine3].filter(
            (line): line is string => !!line,
          ),
          city: str(address.city),
          county: str(address.districtOrCounty),
          stateOrRegion: str(address.stateOrRegion),
          postalCode: str(address.postalCode),
          countryCode: str(address.countryCode),
          phone: str(address.phone),
          addressType: str(address.addressType),
        }
      : null,
    items: order.orderItems.map((item): AmazonOrderItem => {
      // 2026-01-01 unitPrice is the price of ONE unit.
      const unitPrice = v2026Money(item.product.price?.unitPrice);
      const request = item.cancellation?.cancellationRequest;
      const breakdowns = item.proceeds?.breakdowns;
      // Item tax and discount are what is not for shipping, gift wrap or the COD fee.
      const tax = split(breakdowns, 'TAX', ['SHIPPING', 'GIFT_WRAP', 'COD_FEE']);
      const discount = split(breakdowns, 'DISCOUNT', ['SHIPPING', 'COD_FEE']);
      return {
        orderItemId: item.orderItemId,
        asin: str(item.product.asin),
        sellerSku: str(item.product.sellerSku),
        title: str(item.product.title),
        quantityOrdered: item.quantityOrdered,
        quantityShipped: item.fulfillment?.quantityFulfilled ?? 0,
        unitPrice,
        lineTotal: lineFromUnit(unitPrice, item.quantityOrdered),
        itemTax: tax.rest,
        shippingPrice: breakdown(breakdowns, 'SHIPPING'),
        promotionDiscount: abs(discount.rest),
        shippingTax: tax.SHIPPING,
        shippingDiscount: abs(discount.SHIPPING),
        giftWrapPrice: breakdown(breakdowns, 'GIFT_WRAP'),
        giftWrapTax: tax.GIFT_WRAP,
        codFee: breakdown(breakdowns, 'COD_FEE'),
        codFeeTax: tax.COD_FEE,
        codFeeDiscount: abs(discount.COD_FEE),
        buyerCancelRequest: request?.requester === 'BUYER' ? { reason: str(request.cancelReason) } : null,
      };
    }),
  };
}
