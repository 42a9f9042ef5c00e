import { describe, expect, it } from 'vitest';
import { MoneyError } from '../money.js';
import {
  FULFILLMENT_STATUS_TO_ORDER_STATUS,
  lineTotalFromUnitPrice,
  unitPriceFromLineTotal,
} from './amazon-order.js';
import { AMAZON_ORDER_STATUSES } from './status.js';

describe('item prices: v0 line totals vs 2026-01-01 unit prices', () => {
  it('derives the unit price from a v0 line total exactly', () => {
    expect(unitPriceFromLineTotal({ amount: '59.97', currency: 'USD' }, 3)).toEqual({
      amount: '19.99',
      currency: 'USD',
    });
    expect(unitPriceFromLineTotal({ amount: '3000', currency: 'JPY' }, 2)).toEqual({
      amount: '1500',
      currency: 'JPY',
    });
    expect(unitPriceFromLineTotal({ amount: '1.5', currency: 'KWD' }, 2)).toEqual({
      amount: '0.750',
      currency: 'KWD',
    });
  });

  it('refuses a line total that no unit price can produce instead of rounding', () => {
    expect(() => unitPriceFromLineTotal({ amount: '10.00', currency: 'USD' }, 3)).toThrow(MoneyError);
    expect(() => unitPriceFromLineTotal({ amount: '10.00', currency: 'USD' }, 0)).toThrow(MoneyError);
    expect(() => unitPriceFromLineTotal({ amount: '10.00', currency: 'USD' }, 1.5)).toThrow(MoneyError);
  });

  it('multiplies a 2026-01-01 unit price into a line total without float error', () => {
    // 0.1 * 3 in floats is 0.30000000000000004
    expect(lineTotalFromUnitPrice({ amount: '0.10', currency: 'EUR' }, 3)).toEqual({
      amount: '0.30',
      currency: 'EUR',
    });
    expect(lineTotalFromUnitPrice({ amount: '19.99', currency: 'GBP' }, 0)).toEqual({
      amount: '0.00',
      currency: 'GBP',
    });
  });

  it('round-trips unit → line → unit', () => {
    for (const quantity of [1, 2, 7, 100]) {
      const unit = { amount: '12.34', currency: 'USD' };
      expect(unitPriceFromLineTotal(lineTotalFromUnitPrice(unit, quantity), quantity)).toEqual(unit);
    }
  });
});

describe('2026-01-01 fulfillment statuses', () => {
  it('map onto known v0 statuses, CANCELLED onto Canceled', () => {
    for (const status of Object.values(FULFILLMENT_STATUS_TO_ORDER_STATUS)) {
      expect(AMAZON_ORDER_STATUSES).toContain(status);
    }
    expect(FULFILLMENT_STATUS_TO_ORDER_STATUS.CANCELLED).toBe('Canceled');
    expect(Object.keys(FULFILLMENT_STATUS_TO_ORDER_STATUS)).toHaveLength(7);
  });
});
