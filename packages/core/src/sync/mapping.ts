import type { AddressInput, ImportItemInput, ImportOrderInput } from '@saleschannel/commerce';
import type { AmazonOrderItemRow, AmazonOrderRow } from '@saleschannel/db';
import {
  type AmazonAddress,
  type AmazonBuyer,
  commerceOrderNumber,
  type OrderSettings,
} from '@saleschannel/domain';

/**
 * Placeholders for what Amazon withholds (FBA orders, sellers without the PII roles, buyers who chose not to
 * share): the order is still created, never failed for it. Documented in the README.
 */
export const PLACEHOLDERS = {
  firstname: 'Amazon',
  lastname: 'Customer',
  street: 'Address not provided by Amazon',
  city: 'Not provided',
  postcode: '00000',
  telephone: '0000000000',
  /** `<amazon order id>@marketplace.amazon.invalid`: unique per order, and never deliverable. */
  email: (amazonOrderId: string) => `${amazonOrderId}@marketplace.amazon.invalid`,
} as const;

/** Marketplaces whose prices exclude tax (sales tax is added at checkout); elsewhere prices include VAT/GST. */
const TAX_EXCLUSIVE_COUNTRIES = new Set(['US', 'CA']);

export class OrderDataError extends Error {
  override readonly name = 'OrderDataError';
  constructor(
    readonly code: 'missing_sku' | 'unpriced' | 'no_items',
    message: string,
  ) {
    super(message);
  }
}

export function splitName(name: string | null | undefined): { firstname: string; lastname: string } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) {
    return { firstname: PLACEHOLDERS.firstname, lastname: PLACEHOLDERS.lastname };
  }
  if (parts.length === 1) {
    return { firstname: parts[0] ?? PLACEHOLDERS.firstname, lastname: parts[0] ?? PLACEHOLDERS.lastname };
  }
  return { firstname: parts.slice(0, -1).join(' '), lastname: parts.at(-1) ?? PLACEHOLDERS.lastname };
}

function address(
  shipTo: AmazonAddress | null,
  buyer: AmazonBuyer | null,
  countryFallback: string,
  email: string,
): AddressInput {
  const { firstname, lastname } = splitName(shipTo?.name ?? buyer?.name);
  const company = shipTo?.companyName ?? buyer?.companyName;
  const region = shipTo?.stateOrRegion;
  return {
    firstname,
    lastname,
    ...(company ? { company } : {}),
    street: shipTo?.lines.length ? shipTo.lines : [PLACEHOLDERS.street],
    city: shipTo?.city ?? PLACEHOLDERS.city,
    ...(region ? { region } : {}),
    postcode: shipTo?.postalCode ?? PLACEHOLDERS.postcode,
    countryId: shipTo?.countryCode ?? countryFallback,
    telephone: shipTo?.phone ?? PLACEHOLDERS.telephone,
    email,
  };
}

export interface StoredOrder {
  readonly row: AmazonOrderRow;
  readonly items: readonly AmazonOrderItemRow[];
  readonly buyer: AmazonBuyer | null;
  readonly shippingAddress: AmazonAddress | null;
}

export interface MappingContext {
  readonly settings: OrderSettings;
  readonly storeId: number;
  /** ISO country of the marketplace (US, DE, JP…). */
  readonly marketplaceCountry: string;
  /** Whether the order is created already shipped (FBA): then it starts in processing. */
  readonly shipped: boolean;
  /** The Commerce customer the order belongs to ("Customer Creation"); absent for a guest order. */
  readonly customerId?: number;
}

/** The Commerce order for a stored Amazon order, with Amazon's exact amounts. */
export function toImportOrderInput(order: StoredOrder, ctx: MappingContext): ImportOrderInput {
  const { row, buyer, shippingAddress } = order;
  if (order.items.length === 0) {
    throw new OrderDataError('no_items', 'Amazon sent the order without any items');
  }
  const currency = row.currencyCode;
  if (!currency) {
    throw new OrderDataError('unpriced', 'Amazon has not priced the order yet');
  }
  const items: ImportItemInput[] = order.items.map((item) => {
    if (!item.sellerSku) {
      throw new OrderDataError(
        'missing_sku',
        `item ${item.orderItemId} (ASIN ${item.asin}) has no seller SKU`,
      );
    }
    if (item.lineTotal === null) {
      throw new OrderDataError('unpriced', `item ${item.sellerSku} has no price yet`);
    }
    return {
      sku: item.sellerSku,
      name: item.title ?? item.sellerSku,
      qty: item.quantityOrdered,
      externalItemId: item.orderItemId,
      itemPrice: item.lineTotal,
      itemTax: item.itemTax,
      itemDiscount: item.promotionDiscount,
      shippingPrice: item.shippingPrice,
      shippingTax: item.shippingTax,
      shippingDiscount: item.shippingDiscount,
      giftWrapPrice: item.giftWrapPrice,
      giftWrapTax: item.giftWrapTax,
      codFee: item.codFee,
      codFeeTax: item.codFeeTax,
      codFeeDiscount: item.codFeeDiscount,
    };
  });
  const email = buyer?.email ?? PLACEHOLDERS.email(row.amazonOrderId);
  const name = splitName(buyer?.name ?? shippingAddress?.name);
  const shipTo = address(shippingAddress, buyer, ctx.marketplaceCountry, email);
  const incrementId = commerceOrderNumber(
    {
      amazonOrderId: row.amazonOrderId,
      fulfillmentChannel: row.fulfillmentChannel as 'AFN' | 'MFN',
      isPrime: row.isPrime,
      isBusinessOrder: row.isBusinessOrder,
    },
    ctx.settings,
  );
  const custom = ctx.settings.orderStatusMode === 'custom' && ctx.settings.processingStatus;
  return {
    amazonOrderId: row.amazonOrderId,
    ...(row.salesChannel ? { marketplaceName: row.salesChannel } : {}),
    fulfillmentChannel: row.fulfillmentChannel as 'AFN' | 'MFN',
    shipServiceLevel:
      row.shipServiceLevel ?? (row.fulfillmentChannel === 'AFN' ? 'Fulfilled by Amazon' : 'Standard'),
    currency,
    pricesIncludeTax: !TAX_EXCLUSIVE_COUNTRIES.has(ctx.marketplaceCountry),
    storeId: ctx.storeId,
    customer: { email, ...name, ...(ctx.customerId === undefined ? {} : { id: ctx.customerId }) },
    billingAddress: shipTo,
    shippingAddress: shipTo,
    items,
    ...(row.orderTotal !== null ? { orderTotal: row.orderTotal } : {}),
    ...(incrementId ? { incrementId } : {}),
    ...(custom
      ? { state: 'processing' as const, status: custom }
      : ctx.shipped
        ? { state: 'processing' as const }
        : {}),
    purchaseDate: row.purchaseDate.toISOString(),
  };
}
