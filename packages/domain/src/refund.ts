/**
 * What a Commerce credit memo becomes on Amazon, and how much goes back per item.
 *
 * Amazon refunds per order item (POST_PAYMENT_ADJUSTMENT_DATA: one AdjustedItem per item with price
 * components), while a credit memo refunds item rows plus one shipping amount. The rows keep their amounts; the
 * shipping (and its tax) is spread over the refunded items in proportion to the shipping Amazon charged for each
 * line, to the minor unit, so the components add up to exactly what Commerce refunded.
 */
import { fromMinor, MoneyError, minorDigits, toMinor } from './money.js';
import type { AmazonOrderStatus, FulfillmentChannel } from './order/status.js';

export type RefundDecision =
  | { readonly action: 'refund' }
  /** Amazon has charged nothing for an unshipped order: refunding it means cancelling the refunded items. */
  | { readonly action: 'cancel' }
  | { readonly action: 'skip'; readonly reason: string };

/** What to tell Amazon for a credit memo of an order in this Amazon status (domain-features, allowed actions). */
export function decideRefund(order: {
  readonly amazonStatus: AmazonOrderStatus;
  readonly fulfillmentChannel: FulfillmentChannel;
}): RefundDecision {
  switch (order.amazonStatus) {
    case 'Pending':
    case 'PendingAvailability':
      return {
        action: 'skip',
        reason: 'Amazon has not charged the buyer yet (Pending), so there is nothing to refund',
      };
    case 'Canceled':
      return { action: 'skip', reason: 'the order is cancelled on Amazon, so the buyer was not charged' };
    case 'Unfulfillable':
      return {
        action: 'skip',
        reason: 'Amazon marks the order Unfulfillable; it cannot be refunded from here',
      };
    case 'Unshipped':
      return order.fulfillmentChannel === 'MFN'
        ? { action: 'cancel' }
        : { action: 'skip', reason: 'Amazon fulfils this order and has not shipped it; Amazon handles it' };
    case 'PartiallyShipped':
    case 'Shipped':
    case 'InvoiceUnconfirmed':
      return { action: 'refund' };
  }
}

export type CancelDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

/** Whether the seller may cancel the order on Amazon: only an Unshipped order the seller fulfils. */
export function decideCancel(order: {
  readonly amazonOrderId: string;
  readonly amazonStatus: AmazonOrderStatus;
  readonly fulfillmentChannel: FulfillmentChannel;
  readonly itemsShipped: number;
}): CancelDecision {
  const id = order.amazonOrderId;
  if (order.fulfillmentChannel === 'AFN') {
    return { allowed: false, reason: `order ${id} is fulfilled by Amazon; only Amazon can cancel it` };
  }
  switch (order.amazonStatus) {
    case 'Canceled':
      return { allowed: false, reason: `order ${id} is already cancelled on Amazon` };
    case 'Shipped':
    case 'PartiallyShipped':
    case 'InvoiceUnconfirmed':
      return {
        allowed: false,
        reason: `order ${id} is ${order.amazonStatus} on Amazon: a shipped order cannot be cancelled; refund it with a credit memo instead`,
      };
    case 'Pending':
    case 'PendingAvailability':
      return {
        allowed: false,
        reason: `order ${id} is ${order.amazonStatus} on Amazon: it can be cancelled only once Amazon has authorised the payment (Unshipped)`,
      };
    case 'Unfulfillable':
      return { allowed: false, reason: `order ${id} is Unfulfillable on Amazon and cannot be cancelled` };
    case 'Unshipped':
      return order.itemsShipped > 0
        ? {
            allowed: false,
            reason: `order ${id} has shipped items: a shipped order cannot be cancelled; refund it with a credit memo instead`,
          }
        : { allowed: true };
  }
}

/**
 * An amount as Commerce sends it (a JSON number with at most 4 decimals, Commerce's storage precision) as an
 * exact decimal string in the currency's precision, rounded half-up like Commerce rounds prices.
 */
export function amountFromCommerce(value: number | string | null | undefined, currency: string): string {
  const digits = minorDigits(currency);
  if (value === null || value === undefined || value === '') {
    return fromMinor(0n, currency);
  }
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) {
    throw new MoneyError(`"${String(value)}" is not an amount`);
  }
  // 4 decimals is what Commerce stores; toFixed gives the correctly rounded decimal of the double.
  const fixed = number.toFixed(4);
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction = ''] = fixed.replace('-', '').split('.');
  const scaled = BigInt(whole + fraction);
  const divisor = 10n ** BigInt(4 - digits);
  let minor = scaled / divisor;
  if ((scaled % divisor) * 2n >= divisor) {
    minor += 1n;
  }
  return fromMinor(negative ? -minor : minor, currency);
}

export interface CreditMemoLine {
  /** Amazon's OrderItemId of the line. */
  readonly orderItemId: string;
  readonly qty: number;
  /** Row total refunded, excluding tax (Commerce `row_total`). */
  readonly rowTotal: string;
  /** Tax refunded on the row. */
  readonly tax: string;
  /** Discount given back on the row (reduces the refund). */
  readonly discount: string;
}

export interface RefundComputationInput {
  readonly currency: string;
  /** Prices include VAT (EU, UK, JP…): Amazon's item price is gross, so the refund's principal is too. */
  readonly pricesIncludeTax: boolean;
  readonly lines: readonly CreditMemoLine[];
  /** Shipping refunded by the credit memo, excluding its tax (with the COD fee in it, as imported). */
  readonly shipping: string;
  readonly shippingTax: string;
  /** Shipping (and COD fee) discount given back by the credit memo, positive: it reduces those refunds. */
  readonly shippingDiscount?: string;
  /** The Amazon order's lines with what Amazon charged for shipping (and COD) on each, to spread a refund. */
  readonly orderLines: readonly RefundOrderLine[];
}

/** Amounts as Amazon charged them (tax included where prices include it); absent ones are zero. */
export interface RefundOrderLine {
  readonly orderItemId: string;
  readonly shippingPrice: string;
  readonly shippingTax?: string;
  readonly shippingDiscount?: string;
  readonly codFee?: string;
  readonly codFeeTax?: string;
  readonly codFeeDiscount?: string;
}

export type RefundComponentType = 'Principal' | 'Tax' | 'Shipping' | 'ShippingTax' | 'COD' | 'CODTax';

export interface RefundLine {
  readonly orderItemId: string;
  readonly components: readonly { readonly type: RefundComponentType; readonly amount: string }[];
}

export class RefundComputationError extends Error {
  override readonly name = 'RefundComputationError';
}

/** Splits `total` over `weights` to the minor unit: floor shares, the remainder to the heaviest weights first. */
function spread(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) {
    return [];
  }
  const sum = weights.reduce((a, b) => a + b, 0n);
  const effective = sum === 0n ? weights.map(() => 1n) : weights;
  const effectiveSum = sum === 0n ? BigInt(weights.length) : sum;
  const shares = effective.map((w) => (total * w) / effectiveSum);
  let rest = total - shares.reduce((a, b) => a + b, 0n);
  const order = effective
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (b.w > a.w ? 1 : b.w < a.w ? -1 : a.i - b.i));
  for (let k = 0; rest > 0n; k = (k + 1) % order.length) {
    const index = order[k]?.i ?? 0;
    shares[index] = (shares[index] ?? 0n) + 1n;
    rest -= 1n;
  }
  return shares;
}

/** The part of `amount` beyond `first` (what `first` cannot hold), at most `cap`; all of it goes first when cap is 0. */
function overflow(amount: bigint, first: bigint, cap: bigint): bigint {
  if (cap <= 0n || amount <= first) {
    return 0n;
  }
  return amount - first < cap ? amount - first : cap;
}

/**
 * The per-item refund for a credit memo: Principal (row total less discount), Tax, and the memo's Shipping and
 * ShippingTax spread over the refunded lines. An order's COD fee was imported into Commerce's shipping: the part
 * of a shipping refund beyond the shipping Amazon charged on those lines goes back as COD (and CODTax), up to the
 * fee; a refunded shipping discount reduces Shipping, and COD for the part beyond Amazon's shipping discounts.
 * Where prices include VAT, Principal, Shipping and COD are gross and no separate tax components are sent, so VAT
 * is never refunded twice. Components that are zero are left out; the components of all lines add up exactly to
 * the credit memo's amounts.
 */
export function refundLines(input: RefundComputationInput): RefundLine[] {
  const { currency } = input;
  const m = (amount: string) => toMinor(amount, currency);
  const lines = input.lines.filter((line) => line.qty > 0);
  const shipping = m(input.shipping);
  const shippingTax = m(input.shippingTax);
  // Shipping goes to the refunded lines; a shipping-only credit memo spreads it over the whole order.
  const shippingTargets =
    lines.length > 0 ? lines.map((line) => line.orderItemId) : input.orderLines.map((l) => l.orderItemId);
  const targets = [...new Set(shippingTargets)];
  if (targets.length === 0 && (shipping > 0n || shippingTax > 0n)) {
    throw new RefundComputationError(
      'the credit memo refunds shipping, but the order has no items to put it on',
    );
  }
  const charged = targets.map((id) => {
    const line = input.orderLines.find((l) => l.orderItemId === id);
    const v = (amount: string | undefined) => (amount ? m(amount) : 0n);
    const shippingTax = v(line?.shippingTax);
    const codTax = v(line?.codFeeTax);
    return {
      shippingDiscount: v(line?.shippingDiscount),
      codDiscount: v(line?.codFeeDiscount),
      shipping: v(line?.shippingPrice),
      // Commerce holds both without their tax where prices include it.
      shippingNet: v(line?.shippingPrice) - (input.pricesIncludeTax ? shippingTax : 0n),
      shippingTax,
      cod: v(line?.codFee),
      codNet: v(line?.codFee) - (input.pricesIncludeTax ? codTax : 0n),
      codTax,
    };
  });
  const total = (pick: (line: (typeof charged)[number]) => bigint) =>
    charged.reduce((sum, line) => sum + pick(line), 0n);
  const cod = overflow(
    shipping,
    total((l) => l.shippingNet),
    total((l) => l.codNet),
  );
  const codTax = overflow(
    shippingTax,
    total((l) => l.shippingTax),
    total((l) => l.codTax),
  );
  const discount = input.shippingDiscount ? m(input.shippingDiscount) : 0n;
  const codDiscount = overflow(
    discount,
    total((l) => l.shippingDiscount),
    total((l) => l.codDiscount),
  );
  const weights = charged.map((line) => line.shipping);
  const shippingShares = spread(shipping - cod, weights);
  const shippingTaxShares = spread(shippingTax - codTax, weights);
  const codWeights = charged.map((line) => line.cod);
  const codShares = spread(cod, codWeights);
  const codTaxShares = spread(codTax, codWeights);
  const discountShares = spread(discount - codDiscount, weights);
  const codDiscountShares = spread(codDiscount, codWeights);

  const byItem = new Map<
    string,
    { principal: bigint; tax: bigint; shipping: bigint; shippingTax: bigint; cod: bigint; codTax: bigint }
  >();
  const entry = (id: string) => {
    let found = byItem.get(id);
    if (!found) {
      found = { principal: 0n, tax: 0n, shipping: 0n, shippingTax: 0n, cod: 0n, codTax: 0n };
      byItem.set(id, found);
    }
    return found;
  };
  for (const line of lines) {
    const e = entry(line.orderItemId);
    e.principal += m(line.rowTotal) - m(line.discount);
    e.tax += m(line.tax);
  }
  targets.forEach((id, index) => {
    const e = entry(id);
    e.shipping += shippingShares[index] ?? 0n;
    e.shippingTax += shippingTaxShares[index] ?? 0n;
    e.cod += codShares[index] ?? 0n;
    e.codTax += codTaxShares[index] ?? 0n;
    // Discounts are as Amazon states them: with the tax where prices include it, else without.
    e.shipping -= discountShares[index] ?? 0n;
    e.cod -= codDiscountShares[index] ?? 0n;
  });

  const result: RefundLine[] = [];
  for (const [orderItemId, e] of byItem) {
    const amounts: [RefundComponentType, bigint][] = input.pricesIncludeTax
      ? [
          ['Principal', e.principal + e.tax],
          ['Shipping', e.shipping + e.shippingTax],
          ['COD', e.cod + e.codTax],
        ]
      : [
          ['Principal', e.principal],
          ['Tax', e.tax],
          ['Shipping', e.shipping],
          ['ShippingTax', e.shippingTax],
          ['COD', e.cod],
          ['CODTax', e.codTax],
        ];
    for (const [type, amount] of amounts) {
      if (amount < 0n) {
        throw new RefundComputationError(
          `item ${orderItemId}: the ${type} refund would be negative (${fromMinor(amount, currency)} ${currency})`,
        );
      }
    }
    const components = amounts
      .filter(([, amount]) => amount > 0n)
      .map(([type, amount]) => ({ type, amount: fromMinor(amount, currency) }));
    if (components.length > 0) {
      result.push({ orderItemId, components });
    }
  }
  if (result.length === 0) {
    throw new RefundComputationError(
      'the credit memo refunds nothing Amazon can refund (all amounts are zero)',
    );
  }
  return result;
}
