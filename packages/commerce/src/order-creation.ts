/**
 * Turning an Amazon order into a Commerce order.
 *
 * `OrderCreationStrategy` is the seam: the default "order entity" strategy (`POST /V1/orders`) carries
 * Amazon's exact totals; an inventory-exact cart strategy (admin cart + out-of-process payment and shipping
 * methods) can plug in beside it. `importOrder` wraps any strategy with the idempotency rule: look the order up
 * by `ext_order_id` before every attempt, so a retried create never produces a second order.
 */
import { fromMinor, toMinor } from '@saleschannel/domain';
import type { CommerceClient } from './client.js';
import { decimalToJson } from './client.js';
import { CommerceError } from './errors.js';
import type { Order, OrderAddress, OrderItem } from './types.js';

export interface AddressInput {
  readonly firstname: string;
  readonly lastname: string;
  readonly company?: string;
  readonly street: readonly string[];
  readonly city: string;
  readonly region?: string;
  readonly regionCode?: string;
  readonly postcode: string;
  readonly countryId: string;
  readonly telephone: string;
  readonly email?: string;
}

export interface ImportItemInput {
  readonly sku: string;
  readonly name: string;
  readonly qty: number;
  /** Amazon's OrderItemId, stored as `ext_order_item_id`. */
  readonly externalItemId?: string;
  /** Amazon's ItemPrice: the price of the row (all units), decimal string. */
  readonly itemPrice: string;
  /** Amazon's ItemTax for the row. */
  readonly itemTax: string;
  /** Amazon's PromotionDiscount for the row, positive. */
  readonly itemDiscount?: string;
  readonly giftWrapPrice?: string;
  readonly giftWrapTax?: string;
  readonly shippingPrice?: string;
  readonly shippingTax?: string;
  /** Amazon's ShippingDiscount for the row, positive. */
  readonly shippingDiscount?: string;
  /**
   * Amazon's cash-on-delivery fee for the row, its tax and its discount (positive). Commerce has no COD fee
   * field: the fee is carried in the shipping amount and named in the shipping description.
   */
  readonly codFee?: string;
  readonly codFeeTax?: string;
  readonly codFeeDiscount?: string;
  readonly productId?: number;
  readonly productType?: string;
}

export interface ImportOrderInput {
  /** Amazon order id ("111-2223334-5556667"): `ext_order_id`, and the order number shown in the payment. */
  readonly amazonOrderId: string;
  readonly marketplaceName?: string;
  readonly fulfillmentChannel?: 'MFN' | 'AFN';
  /** Amazon's ShipServiceLevel / shipment service level category, named in the shipping description. */
  readonly shipServiceLevel: string;
  readonly currency: string;
  /** True on marketplaces whose item and shipping prices include tax (EU, UK, JP). */
  readonly pricesIncludeTax: boolean;
  readonly storeId: number;
  /** The buyer; with `id` the order belongs to that customer account, otherwise it is a guest order. */
  readonly customer: {
    readonly email: string;
    readonly firstname: string;
    readonly lastname: string;
    readonly id?: number;
    readonly groupId?: number;
  };
  readonly billingAddress: AddressInput;
  readonly shippingAddress: AddressInput;
  readonly items: readonly ImportItemInput[];
  /** Amazon's OrderTotal: when given, the order is refused unless the computed grand total equals it. */
  readonly orderTotal?: string;
  /** The increment id to use (e.g. prefix + Amazon order id); absent lets Commerce assign one. */
  readonly incrementId?: string;
  readonly state?: 'new' | 'processing';
  readonly status?: string;
  readonly purchaseDate?: string;
}

export interface OrderEntityOptions {
  /** Payment method code stored on the order (never charged). Default `checkmo`. */
  readonly paymentMethod?: string;
  /** Shipping method code in the shipping assignment. Default `flatrate_flatrate`. */
  readonly shippingMethod?: string;
  /**
   * Where gift wrap goes: `gw_fields` (Adobe Commerce's gift wrapping attributes) or `shipping` (added to the
   * shipping amount and tax, for Magento Open Source which has no gift wrapping fields). Default `gw_fields`.
   */
  readonly giftWrap?: 'gw_fields' | 'shipping';
}

/** The amounts of an order, in minor units, as Amazon gave them. */
export interface OrderTotals {
  readonly subtotal: bigint;
  readonly subtotalInclTax: bigint;
  /** Shipping, with the COD fee in it (shipping tax and discount likewise). */
  readonly shipping: bigint;
  readonly shippingTax: bigint;
  readonly shippingDiscount: bigint;
  readonly itemTax: bigint;
  readonly itemDiscount: bigint;
  readonly giftWrap: bigint;
  readonly giftWrapTax: bigint;
  /** The COD fee as charged (tax included where prices include tax), less its discount; part of `shipping`. */
  readonly codFee: bigint;
  readonly tax: bigint;
  readonly discount: bigint;
  readonly grandTotal: bigint;
}

export class OrderTotalsMismatchError extends Error {
  override readonly name = 'OrderTotalsMismatchError';
}

/** Exact totals of an Amazon order; every amount in minor units of the order currency. */
export function computeTotals(input: ImportOrderInput): OrderTotals {
  const c = input.currency;
  const m = (amount: string | undefined) => (amount === undefined ? 0n : toMinor(amount, c));
  let subtotal = 0n;
  let itemTax = 0n;
  let itemDiscount = 0n;
  let shipping = 0n;
  let shippingTax = 0n;
  let shippingDiscount = 0n;
  let giftWrap = 0n;
  let giftWrapTax = 0n;
  let codFee = 0n;
  for (const item of input.items) {
    const tax = m(item.itemTax);
    subtotal += m(item.itemPrice) - (input.pricesIncludeTax ? tax : 0n);
    itemTax += tax;
    itemDiscount += m(item.itemDiscount);
    const shipTax = m(item.shippingTax);
    shipping += m(item.shippingPrice) - (input.pricesIncludeTax ? shipTax : 0n);
    shippingTax += shipTax;
    shippingDiscount += m(item.shippingDiscount);
    const wrapTax = m(item.giftWrapTax);
    giftWrap += m(item.giftWrapPrice) - (input.pricesIncludeTax ? wrapTax : 0n);
    giftWrapTax += wrapTax;
    const codTax = m(item.codFeeTax);
    shipping += m(item.codFee) - (input.pricesIncludeTax ? codTax : 0n);
    shippingTax += codTax;
    shippingDiscount += m(item.codFeeDiscount);
    codFee += m(item.codFee) + (input.pricesIncludeTax ? 0n : codTax) - m(item.codFeeDiscount);
  }
  const tax = itemTax + shippingTax + giftWrapTax;
  const discount = itemDiscount + shippingDiscount;
  const grandTotal = subtotal + shipping + giftWrap + tax - discount;
  return {
    subtotal,
    subtotalInclTax: subtotal + itemTax,
    shipping,
    shippingTax,
    shippingDiscount,
    itemTax,
    itemDiscount,
    giftWrap,
    giftWrapTax,
    codFee,
    tax,
    discount,
    grandTotal,
  };
}

function address(input: AddressInput, type: 'billing' | 'shipping', email: string): OrderAddress {
  return {
    address_type: type,
    firstname: input.firstname,
    lastname: input.lastname,
    ...(input.company ? { company: input.company } : {}),
    street: [...input.street],
    city: input.city,
    ...(input.region ? { region: input.region } : {}),
    ...(input.regionCode ? { region_code: input.regionCode } : {}),
    postcode: input.postcode,
    country_id: input.countryId,
    telephone: input.telephone,
    email: input.email ?? email,
  };
}

/** Round-half-up division of minor units (for the display-only unit price). */
function divideRounded(amount: bigint, by: bigint): bigint {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const result = (abs * 2n + by) / (by * 2n);
  return negative ? -result : result;
}

/** Commerce's `increment_id` column holds at most 32 characters. */
export const INCREMENT_ID_MAX = 32;

/**
 * The "order number from Amazon" setting: prefix + Amazon order id ("AMZ-" + "111-2223334-5556667"). Without it,
 * leave `incrementId` out and Commerce assigns the next number of its sequence.
 */
export function incrementIdFromAmazon(amazonOrderId: string, prefix = ''): string {
  const incrementId = `${prefix}${amazonOrderId}`;
  if (incrementId.length > INCREMENT_ID_MAX) {
    throw new Error(`increment id "${incrementId}" is longer than Commerce's ${INCREMENT_ID_MAX} characters`);
  }
  return incrementId;
}

/** The shipping description shown in the order view's "Payment & Shipping Method" section. */
export function shippingDescription(
  input: ImportOrderInput,
  totals: OrderTotals = computeTotals(input),
): string {
  const cod =
    totals.codFee !== 0n
      ? ` (incl. cash on delivery fee ${fromMinor(totals.codFee, input.currency)} ${input.currency})`
      : '';
  return `Amazon - ${input.shipServiceLevel}${cod}`;
}

/** The payment's additional information: shown by Commerce with the payment method. */
export function paymentAdditionalInformation(input: ImportOrderInput): string[] {
  return [
    `Amazon Order #${input.amazonOrderId}`,
    ...(input.marketplaceName ? [`Marketplace: ${input.marketplaceName}`] : []),
    `Fulfilled by: ${input.fulfillmentChannel === 'AFN' ? 'Amazon' : 'Merchant'}`,
  ];
}

/** Builds the `sales-data-order-interface` entity carrying Amazon's exact totals. */
export function buildOrderEntity(input: ImportOrderInput, options: OrderEntityOptions = {}): Order {
  const c = input.currency;
  if (input.items.length === 0) {
    throw new Error(`Amazon order ${input.amazonOrderId} has no items`);
  }
  const totals = computeTotals(input);
  if (input.orderTotal !== undefined && toMinor(input.orderTotal, c) !== totals.grandTotal) {
    throw new OrderTotalsMismatchError(
      `Amazon order ${input.amazonOrderId}: items, shipping, COD fee, tax, gift wrap and discounts add up to ` +
        `${fromMinor(totals.grandTotal, c)} ${c}, but Amazon's order total is ${input.orderTotal} ${c}`,
    );
  }
  const giftWrapAsShipping = options.giftWrap === 'shipping';
  const shipping = totals.shipping + (giftWrapAsShipping ? totals.giftWrap : 0n);
  const shippingTax = totals.shippingTax + (giftWrapAsShipping ? totals.giftWrapTax : 0n);
  const n = (minor: bigint) => decimalToJson(fromMinor(minor, c));
  const m = (amount: string | undefined) => (amount === undefined ? 0n : toMinor(amount, c));

  let totalQty = 0;
  const items: OrderItem[] = input.items.map((item) => {
    if (!Number.isSafeInteger(item.qty) || item.qty < 1) {
      throw new Error(`${item.sku}: quantity ${item.qty} is not a whole number ≥ 1`);
    }
    totalQty += item.qty;
    const tax = m(item.itemTax);
    const row = m(item.itemPrice) - (input.pricesIncludeTax ? tax : 0n);
    const discount = m(item.itemDiscount);
    const unit = divideRounded(row, BigInt(item.qty));
    const unitInclTax = divideRounded(row + tax, BigInt(item.qty));
    const taxPercent = row === 0n ? 0 : Number((tax * 10000n) / row) / 100;
    return {
      sku: item.sku,
      name: item.name,
      product_type: item.productType ?? 'simple',
      ...(item.productId !== undefined ? { product_id: item.productId } : {}),
      ...(item.externalItemId ? { ext_order_item_id: item.externalItemId } : {}),
      store_id: input.storeId,
      is_virtual: 0,
      qty_ordered: item.qty,
      price: n(unit),
      base_price: n(unit),
      original_price: n(unit),
      base_original_price: n(unit),
      price_incl_tax: n(unitInclTax),
      base_price_incl_tax: n(unitInclTax),
      row_total: n(row),
      base_row_total: n(row),
      row_total_incl_tax: n(row + tax),
      base_row_total_incl_tax: n(row + tax),
      tax_amount: n(tax),
      base_tax_amount: n(tax),
      tax_percent: taxPercent,
      discount_amount: n(discount),
      base_discount_amount: n(discount),
    };
  });

  const email = input.customer.email;
  const shippingAddress = address(input.shippingAddress, 'shipping', email);
  const entity: Order = {
    ...(input.incrementId ? { increment_id: input.incrementId } : {}),
    ext_order_id: input.amazonOrderId,
    state: input.state ?? 'new',
    status: input.status ?? (input.state === 'processing' ? 'processing' : 'pending'),
    store_id: input.storeId,
    customer_email: email,
    customer_firstname: input.customer.firstname,
    customer_lastname: input.customer.lastname,
    ...(input.customer.id === undefined
      ? { customer_is_guest: 1, customer_group_id: 0 }
      : {
          customer_id: input.customer.id,
          customer_is_guest: 0,
          customer_group_id: input.customer.groupId ?? 1,
        }),
    base_currency_code: c,
    global_currency_code: c,
    order_currency_code: c,
    store_currency_code: c,
    base_to_global_rate: 1,
    base_to_order_rate: 1,
    store_to_base_rate: 0,
    store_to_order_rate: 0,
    subtotal: n(totals.subtotal),
    base_subtotal: n(totals.subtotal),
    subtotal_incl_tax: n(totals.subtotalInclTax),
    base_subtotal_incl_tax: n(totals.subtotalInclTax),
    shipping_amount: n(shipping),
    base_shipping_amount: n(shipping),
    shipping_tax_amount: n(shippingTax),
    base_shipping_tax_amount: n(shippingTax),
    shipping_incl_tax: n(shipping + shippingTax),
    base_shipping_incl_tax: n(shipping + shippingTax),
    shipping_discount_amount: n(totals.shippingDiscount),
    base_shipping_discount_amount: n(totals.shippingDiscount),
    shipping_description: shippingDescription(input, totals),
    tax_amount: n(totals.tax),
    base_tax_amount: n(totals.tax),
    // Commerce stores the order's discount as a negative amount.
    discount_amount: n(-totals.discount),
    base_discount_amount: n(-totals.discount),
    ...(totals.discount > 0n ? { discount_description: 'Amazon promotion' } : {}),
    grand_total: n(totals.grandTotal),
    base_grand_total: n(totals.grandTotal),
    total_due: n(totals.grandTotal),
    base_total_due: n(totals.grandTotal),
    total_qty_ordered: totalQty,
    total_item_count: items.length,
    is_virtual: 0,
    items,
    billing_address: address(input.billingAddress, 'billing', email),
    payment: {
      method: options.paymentMethod ?? 'checkmo',
      account_status: null,
      cc_last4: null,
      additional_information: paymentAdditionalInformation(input),
      amount_ordered: n(totals.grandTotal),
      base_amount_ordered: n(totals.grandTotal),
      shipping_amount: n(shipping),
      base_shipping_amount: n(shipping),
    },
    status_histories: [
      {
        comment: `Imported from Amazon order ${input.amazonOrderId}${input.marketplaceName ? ` (${input.marketplaceName})` : ''}.`,
        is_customer_notified: 0,
        is_visible_on_front: 0,
        parent_id: 0,
        status: input.status ?? (input.state === 'processing' ? 'processing' : 'pending'),
      },
    ],
    extension_attributes: {
      shipping_assignments: [
        {
          shipping: {
            address: shippingAddress,
            method: options.shippingMethod ?? 'flatrate_flatrate',
          },
          items: [],
        },
      ],
      ...(!giftWrapAsShipping && (totals.giftWrap > 0n || totals.giftWrapTax > 0n)
        ? {
            gw_price: fromMinor(totals.giftWrap, c),
            gw_base_price: fromMinor(totals.giftWrap, c),
            gw_tax_amount: fromMinor(totals.giftWrapTax, c),
            gw_base_tax_amount: fromMinor(totals.giftWrapTax, c),
          }
        : {}),
    },
  };
  return entity;
}

/** How an order gets created in Commerce. Called only after a lookup by `ext_order_id` found nothing. */
export interface OrderCreationStrategy {
  readonly name: string;
  /** Creates the order once. May throw an error whose `maybeProcessed` says the order may exist now. */
  place(client: CommerceClient, input: ImportOrderInput): Promise<Order>;
}

/** `POST /V1/orders`: persists Amazon's exact totals; makes no MSI placement reservation. */
export class OrderEntityStrategy implements OrderCreationStrategy {
  readonly name = 'order_entity';
  constructor(private readonly options: OrderEntityOptions = {}) {}

  async place(client: CommerceClient, input: ImportOrderInput): Promise<Order> {
    return await client.postOrderEntity(buildOrderEntity(input, this.options));
  }
}

export interface ImportedOrder {
  readonly order: Order;
  /** False when the order already existed (a retried import). */
  readonly created: boolean;
}

/**
 * Creates the order unless it exists. Before every attempt the order is looked up by `ext_order_id`; an
 * attempt that failed in a way that may have created it (lost answer, timeout, 5xx) is followed by another
 * lookup, never by a blind repeat.
 */
export async function importOrder(
  client: CommerceClient,
  strategy: OrderCreationStrategy,
  input: ImportOrderInput,
  maxAttempts = 3,
): Promise<ImportedOrder> {
  // True once an attempt failed in a way that may have created the order: finding it then means we made it.
  let mayHaveCreated = false;
  for (let attempt = 1; ; attempt++) {
    const existing = await client.findOrderByExtOrderId(input.amazonOrderId);
    if (existing) {
      return { order: existing, created: mayHaveCreated };
    }
    try {
      const order = await strategy.place(client, input);
      return { order, created: true };
    } catch (error) {
      if (error instanceof CommerceError && error.maybeProcessed && attempt < maxAttempts) {
        mayHaveCreated = true;
        continue;
      }
      if (error instanceof CommerceError && error.maybeProcessed) {
        // Last chance: the failed attempt may have created it.
        const created = await client.findOrderByExtOrderId(input.amazonOrderId);
        if (created) {
          return { order: created, created: true };
        }
      }
      throw error;
    }
  }
}
