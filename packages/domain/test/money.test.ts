import { describe, expect, it } from 'vitest';
import {
  fromMinor,
  MoneyError,
  minorDigits,
  moneyEquals,
  normalizeMoney,
  sumMoney,
  toMinor,
} from '../src/money.js';

describe('money', () => {
  it('knows each currency minor unit', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(() => minorDigits('usd')).toThrow(MoneyError);
  });

  it('parses decimal strings exactly', () => {
    expect(toMinor('12.99', 'USD')).toBe(1299n);
    expect(toMinor('0.1', 'USD')).toBe(10n);
    expect(toMinor('-3.50', 'EUR')).toBe(-350n);
    expect(toMinor('1500', 'JPY')).toBe(1500n);
    expect(toMinor('1500.00', 'JPY')).toBe(1500n);
    expect(toMinor('1.234', 'KWD')).toBe(1234n);
    expect(toMinor('12.9900', 'USD')).toBe(1299n);
  });

  it('refuses what is not an exact amount of the currency', () => {
    expect(() => toMinor('12.999', 'USD')).toThrow(/more precision/);
    expect(() => toMinor('1500.5', 'JPY')).toThrow(/more precision/);
    expect(() => toMinor('1e3', 'USD')).toThrow(/not a decimal/);
    expect(() => toMinor('', 'USD')).toThrow(/not a decimal/);
  });

  it('formats minor units with the currency decimals', () => {
    expect(fromMinor(1299n, 'USD')).toBe('12.99');
    expect(fromMinor(5n, 'USD')).toBe('0.05');
    expect(fromMinor(-5n, 'USD')).toBe('-0.05');
    expect(fromMinor(1500n, 'JPY')).toBe('1500');
    expect(fromMinor(1n, 'KWD')).toBe('0.001');
  });

  it('sums without float error', () => {
    const tenCents = Array.from({ length: 10 }, () => ({ amount: '0.10', currency: 'USD' }));
    expect(sumMoney('USD', tenCents)).toEqual({ amount: '1.00', currency: 'USD' });
    expect(
      sumMoney('USD', [{ amount: '0.1', currency: 'USD' }, null, { amount: '0.2', currency: 'USD' }]),
    ).toEqual({
      amount: '0.30',
      currency: 'USD',
    });
    expect(() => sumMoney('USD', [{ amount: '1', currency: 'EUR' }])).toThrow(/cannot add EUR/);
  });

  it('normalises and compares', () => {
    expect(normalizeMoney({ amount: '12.5', currency: 'USD' })).toEqual({ amount: '12.50', currency: 'USD' });
    expect(moneyEquals({ amount: '12.50', currency: 'USD' }, { amount: '12.5000', currency: 'USD' })).toBe(
      true,
    );
    expect(moneyEquals({ amount: '12.50', currency: 'USD' }, { amount: '12.50', currency: 'CAD' })).toBe(
      false,
    );
  });
});
