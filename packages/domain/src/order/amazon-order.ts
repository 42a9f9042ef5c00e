import { fromMinor, type Money, MoneyError, toMinor } from '../money.js';
import type { AmazonOrderStatus, FulfillmentChannel } from './status.js';

/**
 * One Amazon order, whichever Orders API version it came from (v0 or 2026-01-01).
 *
 * Money is always an exact decimal string plus its currency. Item prices are given both ways because the two
 * APIs disagree: v0's `ItemPrice` is the LINE total (unit price × quantity) while 2026-01-01's
 * `product.price.unitPrice` is the UNIT price. The mappers fill both fields explicitly with
 * {@link unitPriceFromLineTotal} / {@link lineTotalFromUnitPrice}, so nothing downstream has to know which API
 * an order came from.
 */
export interface AmazonOrder {
  /** Which Orders API produced this record. */
  readonly source: 'orders-v0' | 'orders-2026-01-01';
  readonly amazonOrderId: string;
  readonly sellerOrderId: string | null;
  readonly marketplaceId: string | null;
  /** e.g. "Amazon.com". */
  readonly salesChannel: string | null;
  readonly status: AmazonOrderStatus;
  /** AFN (Amazon fulfils) or MFN (the seller fulfils); null when Amazon did not say. */
  readonly fulfillmentChannel: FulfillmentChannel | null;
  readonly purchasedAt: string;
  readonly lastUpdatedAt: string;
  /** Order total as Amazon reports it; null for Pending orders, which carry no pricing. */
  readonly orderTotal: Money | null;
  readonly shipServiceLevel: string | null;
  readonly earliestShipDate: string | null;
  readonly latestShipDate: string | null;
  readonly isBusinessOrder: boolean;
  readonly isPrime: boolean;
  readonly isReplacementOrder: boolean;
  /** Buyer data; null when Amazon withheld it (no PII role, not requested, or not yet available). */
  readonly buyer: AmazonBuyer | null;
  /** Delivery address; null when withheld (PII) or not yet available (Pending orders). */
  readonly shippingAddress: AmazonAddress | null;
  readonly items: readonly AmazonOrderItem[];
}

export interface AmazonBuyer {
  readonly name: string | null;
  readonly email: string | null;
  readonly companyName: string | null;
  readonly purchaseOrderNumber: string | null;
}

export interface AmazonAddress {
  readonly name: string | null;
  readonly companyName: string | null;
  readonly lines: readonly string[];
  readonly city: string | null;
  readonly county: string | null;
  readonly stateOrRegion: string | null;
  readonly postalCode: string | null;
  readonly countryCode: string | null;
  readonly phone: string | null;
  readonly addressType: string | null;
}

export interface AmazonOrderItem {
  readonly orderItemId: string;
  readonly asin: string | null;
  readonly sellerSku: string | null;
  readonly title: string | null;
  readonly quantityOrdered: number;
  readonly quantityShipped: number;
  /** Price of one unit. */
  readonly unitPrice: Money | null;
  /** unitPrice × quantityOrdered. */
  readonly lineTotal: Money | null;
  /** Tax on the whole line. */
  readonly itemTax: Money | null;
  /** Shipping charged for the whole line. */
  readonly shippingPrice: Money | null;
  /** Promotion discount on the whole line, as a positive amount. */
  readonly promotionDiscount: Money | null;
  /** Tax on the line's shipping (included in `itemTax` when Amazon does not break its tax down). */
  readonly shippingTax: Money | null;
  /** Discount on the line's shipping, as a positive amount. */
  readonly shippingDiscount: Money | null;
  readonly giftWrapPrice: Money | null;
  readonly giftWrapTax: Money | null;
  /** Cash-on-delivery fee charged for the line, its tax (2026-01-01 only) and its discount (positive). */
  readonly codFee: Money | null;
  readonly codFeeTax: Money | null;
  readonly codFeeDiscount: Money | null;
  /** Set when the buyer asked to cancel this item. */
  readonly buyerCancelRequest: { readonly reason: string | null } | null;
}

/**
 * The unit price of a line whose total Amazon gave (v0 `ItemPrice`). A total that does not divide evenly by the
 * quantity cannot come from one unit price; that is reported instead of being rounded away.
 */
export function unitPriceFromLineTotal(lineTotal: Money, quantity: number): Money {
  assertQuantity(quantity);
  if (quantity === 0) {
    throw new MoneyError('a line with quantity 0 has no unit price');
  }
  const minor = toMinor(lineTotal.amount, lineTotal.currency);
  const count = BigInt(quantity);
  if (minor % count !== 0n) {
    throw new MoneyError(
      `line total ${lineTotal.amount} ${lineTotal.currency} is not divisible by quantity ${quantity}`,
    );
  }
  return { amount: fromMinor(minor / count, lineTotal.currency), currency: lineTotal.currency };
}

/** The total of a line whose unit price Amazon gave (2026-01-01 `unitPrice`). */
export function lineTotalFromUnitPrice(unitPrice: Money, quantity: number): Money {
  assertQuantity(quantity);
  const minor = toMinor(unitPrice.amount, unitPrice.currency) * BigInt(quantity);
  return { amount: fromMinor(minor, unitPrice.currency), currency: unitPrice.currency };
}

function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new MoneyError(`quantity ${quantity} is not a non-negative integer`);
  }
}

/** Orders 2026-01-01 `fulfillmentStatus` → the v0 status vocabulary the rest of saleschannel uses. */
export const FULFILLMENT_STATUS_TO_ORDER_STATUS: Readonly<Record<string, AmazonOrderStatus>> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
};
