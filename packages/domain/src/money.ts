/**
 * Money as exact decimal strings and integer minor units — never floats.
 *
 * Amazon sends amounts as decimal strings ("12.99", "1500" for JPY); Commerce takes decimals. Everything in
 * between is done in bigint minor units of the order's currency, so a total is right to the minor unit.
 */

/** ISO 4217 currencies whose minor unit is not 2 digits. Every other currency has 2. */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Number of decimal digits of the currency's minor unit (JPY 0, USD 2, KWD 3). */
export function minorDigits(currency: string): number {
  if (!CURRENCY_CODE.test(currency)) {
    throw new MoneyError(`"${currency}" is not an ISO 4217 currency code`);
  }
  return MINOR_DIGITS[currency] ?? 2;
}

/**
 * Parses a decimal string into minor units of `currency`. Trailing zeros beyond the currency's precision are
 * accepted ("1500.00" JPY); any other extra precision is an error, never silently rounded.
 */
export function toMinor(amount: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const match = DECIMAL.exec(amount.trim());
  if (!match) {
    throw new MoneyError(`"${amount}" is not a decimal amount`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    throw new MoneyError(
      `${amount} ${currency} has more precision than ${currency} allows (${digits} decimals)`,
    );
  }
  const minor = BigInt(whole + significant.padEnd(digits, '0'));
  return sign ? -minor : minor;
}

/** Formats minor units of `currency` as a decimal string with exactly the currency's decimals. */
export function fromMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const fraction = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** A money amount: exact decimal string plus its currency. */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/** Normalises a money amount to the currency's precision ("12.5" USD → "12.50"). */
export function normalizeMoney(money: Money): Money {
  return {
    amount: fromMinor(toMinor(money.amount, money.currency), money.currency),
    currency: money.currency,
  };
}

/** Sums amounts of one currency exactly. Mixing currencies is an error. */
export function sumMoney(currency: string, amounts: readonly (Money | undefined | null)[]): Money {
  let total = 0n;
  for (const money of amounts) {
    if (!money) {
      continue;
    }
    if (money.currency !== currency) {
      throw new MoneyError(`cannot add ${money.currency} to a ${currency} total`);
    }
    total += toMinor(money.amount, currency);
  }
  return { amount: fromMinor(total, currency), currency };
}

/** True when both amounts are the same currency and the same value to the minor unit. */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && toMinor(a.amount, a.currency) === toMinor(b.amount, b.currency);
}
