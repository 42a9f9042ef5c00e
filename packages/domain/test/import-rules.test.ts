import { describe, expect, it } from 'vitest';
import { commerceOrderNumber, decideImport } from '../src/order/import-rules.js';
import {
  AMAZON_ORDER_STATUSES,
  type AmazonOrderStatus,
  type FulfillmentChannel,
} from '../src/order/status.js';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from '../src/settings.js';

const settings = (overrides: Partial<OrderSettings> = {}): OrderSettings => ({
  ...DEFAULT_ORDER_SETTINGS,
  ...overrides,
});
const decide = (amazonStatus: AmazonOrderStatus, fulfillmentChannel: FulfillmentChannel, s = settings()) =>
  decideImport({ amazonStatus, fulfillmentChannel }, s).action;

describe('decideImport', () => {
  it.each([
    ['PendingAvailability', 'MFN', 'wait'],
    ['Pending', 'MFN', 'wait'],
    ['Unshipped', 'MFN', 'create'],
    ['PartiallyShipped', 'MFN', 'create'],
    ['Shipped', 'MFN', 'create'],
    ['InvoiceUnconfirmed', 'MFN', 'create'],
    ['Canceled', 'MFN', 'skip'],
    ['Unfulfillable', 'MFN', 'skip'],
    ['Pending', 'AFN', 'wait'],
    ['Unshipped', 'AFN', 'wait'],
    ['PartiallyShipped', 'AFN', 'wait'],
    ['Shipped', 'AFN', 'create'],
    ['InvoiceUnconfirmed', 'AFN', 'create'],
    ['Canceled', 'AFN', 'skip'],
    ['Unfulfillable', 'AFN', 'skip'],
  ] as const)('%s %s → %s (defaults)', (status, channel, expected) => {
    expect(decide(status, channel)).toBe(expected);
  });

  it('covers every Amazon status', () => {
    for (const status of AMAZON_ORDER_STATUSES) {
      for (const channel of ['MFN', 'AFN'] as const) {
        expect(['create', 'wait', 'skip']).toContain(decide(status, channel));
      }
    }
  });

  it('Import Amazon Orders Disabled: every order is stored and shown only', () => {
    for (const status of AMAZON_ORDER_STATUSES) {
      expect(
        decideImport(
          { amazonStatus: status, fulfillmentChannel: 'MFN' },
          settings({ importOrders: 'disabled' }),
        ),
      ).toEqual({
        action: 'skip',
        reason: 'Import Amazon Orders is Disabled: the order is stored and shown only',
      });
    }
  });

  it('FBA import off skips FBA orders only', () => {
    const off = settings({ importFbaOrders: false });
    expect(decide('Shipped', 'AFN', off)).toBe('skip');
    expect(decide('Unshipped', 'MFN', off)).toBe('create');
  });

  it('marks already shipped orders, and reserves pending MFN quantity only when the setting says so', () => {
    expect(decideImport({ amazonStatus: 'Shipped', fulfillmentChannel: 'AFN' }, settings())).toEqual({
      action: 'create',
      shipped: true,
    });
    expect(decideImport({ amazonStatus: 'Unshipped', fulfillmentChannel: 'MFN' }, settings())).toEqual({
      action: 'create',
      shipped: false,
    });
    const reserve = settings({ pendingOrders: 'reserve' });
    expect(decideImport({ amazonStatus: 'Pending', fulfillmentChannel: 'MFN' }, reserve)).toMatchObject({
      action: 'wait',
      reserve: true,
    });
    expect(decideImport({ amazonStatus: 'Pending', fulfillmentChannel: 'MFN' }, settings())).toMatchObject({
      reserve: false,
    });
    expect(decideImport({ amazonStatus: 'Pending', fulfillmentChannel: 'AFN' }, reserve)).toMatchObject({
      reserve: false,
    });
  });
});

describe('commerceOrderNumber', () => {
  const order = {
    amazonOrderId: '111-2223334-5556667',
    fulfillmentChannel: 'MFN',
    isPrime: false,
    isBusinessOrder: false,
  } as const;
  const amazon = settings({
    orderNumberSource: 'amazon',
    orderNumberPrefixes: { general: 'AMZ-', fba: 'FBA-', prime: 'PRI-', business: 'B2B-' },
  });

  it('leaves numbering to Commerce by default', () => {
    expect(commerceOrderNumber(order, settings())).toBeUndefined();
  });

  it('uses the Amazon order number behind the prefix of its kind', () => {
    expect(commerceOrderNumber(order, amazon)).toBe('AMZ-111-2223334-5556667');
    expect(commerceOrderNumber({ ...order, isPrime: true }, amazon)).toBe('PRI-111-2223334-5556667');
    expect(commerceOrderNumber({ ...order, isPrime: true, isBusinessOrder: true }, amazon)).toBe(
      'B2B-111-2223334-5556667',
    );
    expect(commerceOrderNumber({ ...order, fulfillmentChannel: 'AFN', isPrime: true }, amazon)).toBe(
      'FBA-111-2223334-5556667',
    );
    expect(commerceOrderNumber(order, settings({ orderNumberSource: 'amazon' }))).toBe('111-2223334-5556667');
  });
});
