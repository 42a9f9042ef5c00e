import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings, validateOrderSettings } from '../src/settings.js';

const valid = (overrides: Partial<OrderSettings>): OrderSettings => ({
  ...DEFAULT_ORDER_SETTINGS,
  ...overrides,
});

describe('order settings', () => {
  it('defaults are valid and match what merchants know ("Import Amazon Orders" Enabled, guest, Commerce numbers)', () => {
    expect(validateOrderSettings(DEFAULT_ORDER_SETTINGS)).toEqual([]);
    expect(DEFAULT_ORDER_SETTINGS).toMatchObject({
      importOrders: 'enabled',
      customerCreation: 'guest',
      orderNumberSource: 'commerce',
      orderStatusMode: 'default',
      syncFrequencyMinutes: 5,
    });
  });

  it('a custom order status needs its processing status', () => {
    expect(validateOrderSettings(valid({ orderStatusMode: 'custom', processingStatus: ' ' }))).toEqual([
      {
        field: 'processingStatus',
        message: 'a Processing Order Status is required when Order Status is Custom',
      },
    ]);
    expect(
      validateOrderSettings(valid({ orderStatusMode: 'custom', processingStatus: 'amazon_new' })),
    ).toEqual([]);
  });

  it('bounds the sync frequency and reservation days', () => {
    expect(validateOrderSettings(valid({ syncFrequencyMinutes: 0 })).map((p) => p.field)).toEqual([
      'syncFrequencyMinutes',
    ]);
    expect(validateOrderSettings(valid({ syncFrequencyMinutes: 2.5 })).map((p) => p.field)).toEqual([
      'syncFrequencyMinutes',
    ]);
    expect(validateOrderSettings(valid({ reservationDays: 15 })).map((p) => p.field)).toEqual([
      'reservationDays',
    ]);
  });

  it('checks order number prefixes', () => {
    const problems = validateOrderSettings(
      valid({ orderNumberPrefixes: { general: 'AMZ-', fba: 'FBA/', prime: 'P'.repeat(13), business: '' } }),
    );
    expect(problems.map((p) => p.field)).toEqual(['orderNumberPrefixes.fba', 'orderNumberPrefixes.prime']);
  });
});
