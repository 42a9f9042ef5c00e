import type { OrderSettings } from '../settings.js';
import type { AmazonOrderStatus, FulfillmentChannel } from './status.js';

/** The facts about an Amazon order that decide what happens to it in Commerce. */
export interface ImportFacts {
  readonly amazonStatus: AmazonOrderStatus;
  readonly fulfillmentChannel: FulfillmentChannel;
}

export type ImportDecision =
  /** Create the Commerce order now; `shipped` when Amazon already shipped everything (FBA, or a late MFN import). */
  | { readonly action: 'create'; readonly shipped: boolean }
  /** Keep it stored and wait for Amazon to move it on; `reserve` when its quantity should be held meanwhile. */
  | { readonly action: 'wait'; readonly reason: string; readonly reserve: boolean }
  /** Never create it; the reason is shown on the order. */
  | { readonly action: 'skip'; readonly reason: string };

const SHIPPED: readonly AmazonOrderStatus[] = ['Shipped', 'InvoiceUnconfirmed'];

/**
 * Whether a stored Amazon order that has no Commerce order yet should get one, following the account's order
 * settings:
 * - "Import Amazon Orders" Disabled: stored and shown only.
 * - Canceled before creation: never created. Unfulfillable (Amazon-fulfilled, placed off Amazon): never created.
 * - Pending / PendingAvailability: payment not authorised yet — wait (holding the quantity when "Pending Orders"
 *   says Reserve Quantity).
 * - Merchant-fulfilled (MFN): created from Unshipped / PartiallyShipped on; one that is Shipped already (an import
 *   that came late, a backfill) is created too, as shipped.
 * - Amazon-fulfilled (FBA/AFN): created once Shipped, as complete; skipped when FBA import is off.
 */
export function decideImport(facts: ImportFacts, settings: OrderSettings): ImportDecision {
  const { amazonStatus: status, fulfillmentChannel: channel } = facts;
  if (settings.importOrders === 'disabled') {
    return { action: 'skip', reason: 'Import Amazon Orders is Disabled: the order is stored and shown only' };
  }
  if (status === 'Canceled') {
    return { action: 'skip', reason: 'Canceled on Amazon before a Commerce order was created' };
  }
  if (status === 'Unfulfillable') {
    return {
      action: 'skip',
      reason: 'Unfulfillable on Amazon: it cannot be fulfilled, so no Commerce order is created',
    };
  }
  if (status === 'Pending' || status === 'PendingAvailability') {
    return {
      action: 'wait',
      reason: 'Pending on Amazon: payment is not authorised yet',
      reserve: settings.pendingOrders === 'reserve' && channel === 'MFN',
    };
  }
  if (channel === 'AFN') {
    if (!settings.importFbaOrders) {
      return { action: 'skip', reason: 'Fulfilled by Amazon and FBA order import is off' };
    }
    return SHIPPED.includes(status)
      ? { action: 'create', shipped: true }
      : { action: 'wait', reason: 'Fulfilled by Amazon: created once Amazon has shipped it', reserve: false };
  }
  return { action: 'create', shipped: SHIPPED.includes(status) };
}

export interface OrderNumberFacts {
  readonly amazonOrderId: string;
  readonly fulfillmentChannel: FulfillmentChannel;
  readonly isPrime: boolean;
  readonly isBusinessOrder: boolean;
}

/**
 * The Commerce increment id for "Order Number Source" = Amazon: the Amazon order number behind the prefix of the
 * order's kind (FBA first, then Business, then Prime, else General). Undefined when Commerce numbers its orders.
 */
export function commerceOrderNumber(order: OrderNumberFacts, settings: OrderSettings): string | undefined {
  if (settings.orderNumberSource === 'commerce') {
    return undefined;
  }
  const { fba, business, prime, general } = settings.orderNumberPrefixes;
  const prefix =
    order.fulfillmentChannel === 'AFN'
      ? fba
      : order.isBusinessOrder
        ? business
        : order.isPrime
          ? prime
          : general;
  return `${prefix}${order.amazonOrderId}`;
}
