import { describe, expect, it } from 'vitest';
import { amazonCarrierFor } from '../src/carriers.js';
import { MoneyError } from '../src/money.js';
import { AMAZON_ORDER_STATUSES } from '../src/order/status.js';
import {
  amountFromCommerce,
  decideCancel,
  decideRefund,
  RefundComputationError,
  refundLines,
} from '../src/refund.js';

describe('amazonCarrierFor', () => {
  it('maps the Commerce core carrier codes', () => {
    expect(amazonCarrierFor('ups', 'United Parcel Service')).toEqual({ carrierCode: 'UPS' });
    expect(amazonCarrierFor('usps', 'United States Postal Service')).toEqual({ carrierCode: 'USPS' });
    expect(amazonCarrierFor('fedex', 'Federal Express')).toEqual({ carrierCode: 'FedEx' });
    expect(amazonCarrierFor('dhl', 'DHL')).toEqual({ carrierCode: 'DHL' });
  });

  it('recognises a custom carrier by its title, case and punctuation ignored', () => {
    expect(amazonCarrierFor('custom', 'Royal Mail')).toEqual({ carrierCode: 'Royal Mail' });
    expect(amazonCarrierFor('custom', 'canada-post')).toEqual({ carrierCode: 'Canada Post' });
    expect(amazonCarrierFor('custom', 'U.S. Postal Service')).toEqual({ carrierCode: 'USPS' });
  });

  it('sends anything else as Other with the carrier name', () => {
    expect(amazonCarrierFor('custom', 'Speedy Couriers Ltd')).toEqual({
      carrierCode: 'Other',
      carrierName: 'Speedy Couriers Ltd',
    });
    expect(amazonCarrierFor('acme_freight', '')).toEqual({
      carrierCode: 'Other',
      carrierName: 'acme_freight',
    });
    expect(amazonCarrierFor('custom', null)).toEqual({ carrierCode: 'Other', carrierName: 'Other carrier' });
  });
});

describe('decideRefund / decideCancel', () => {
  it('refunds shipped orders, cancels unshipped seller-fulfilled ones, skips the rest', () => {
    const decisions = Object.fromEntries(
      AMAZON_ORDER_STATUSES.map((s) => [
        s,
        decideRefund({ amazonStatus: s, fulfillmentChannel: 'MFN' }).action,
      ]),
    );
    expect(decisions).toEqual({
      PendingAvailability: 'skip',
      Pending: 'skip',
      Unshipped: 'cancel',
      PartiallyShipped: 'refund',
      Shipped: 'refund',
      InvoiceUnconfirmed: 'refund',
      Canceled: 'skip',
      Unfulfillable: 'skip',
    });
    expect(decideRefund({ amazonStatus: 'Shipped', fulfillmentChannel: 'AFN' }).action).toBe('refund');
    expect(decideRefund({ amazonStatus: 'Unshipped', fulfillmentChannel: 'AFN' }).action).toBe('skip');
  });

  it('allows a cancel only for an Unshipped MFN order with nothing shipped', () => {
    const base = {
      amazonOrderId: '111-0000000-0000001',
      fulfillmentChannel: 'MFN' as const,
      itemsShipped: 0,
    };
    const allowed = AMAZON_ORDER_STATUSES.filter((s) => decideCancel({ ...base, amazonStatus: s }).allowed);
    expect(allowed).toEqual(['Unshipped']);
    const shipped = decideCancel({ ...base, amazonStatus: 'Shipped' });
    expect(shipped).toEqual({
      allowed: false,
      reason:
        'order 111-0000000-0000001 is Shipped on Amazon: a shipped order cannot be cancelled; refund it with a credit memo instead',
    });
    expect(decideCancel({ ...base, amazonStatus: 'Unshipped', fulfillmentChannel: 'AFN' }).allowed).toBe(
      false,
    );
    expect(decideCancel({ ...base, amazonStatus: 'Unshipped', itemsShipped: 1 }).allowed).toBe(false);
  });
});

describe('amountFromCommerce', () => {
  it('turns Commerce JSON numbers into exact decimals of the currency', () => {
    expect(amountFromCommerce(12.99, 'USD')).toBe('12.99');
    expect(amountFromCommerce(0.1 + 0.2, 'USD')).toBe('0.30');
    expect(amountFromCommerce(1500, 'JPY')).toBe('1500');
    expect(amountFromCommerce(10.005, 'USD')).toBe('10.01');
    expect(amountFromCommerce(null, 'EUR')).toBe('0.00');
    expect(amountFromCommerce(-3.5, 'USD')).toBe('-3.50');
    expect(() => amountFromCommerce(Number.NaN, 'USD')).toThrow(MoneyError);
  });
});

describe('refundLines', () => {
  const orderLines = [
    { orderItemId: '11', shippingPrice: '4.00' },
    { orderItemId: '22', shippingPrice: '2.00' },
  ];

  it('refunds each row with its tax and spreads shipping by Amazon shipping charge, exactly', () => {
    const lines = refundLines({
      currency: 'USD',
      pricesIncludeTax: false,
      lines: [
        { orderItemId: '11', qty: 1, rowTotal: '39.99', tax: '3.20', discount: '0' },
        { orderItemId: '22', qty: 2, rowTotal: '20.00', tax: '1.60', discount: '2.00' },
      ],
      shipping: '5.00',
      shippingTax: '0.01',
      orderLines,
    });
    expect(lines).toEqual([
      {
        orderItemId: '11',
        components: [
          { type: 'Principal', amount: '39.99' },
          { type: 'Tax', amount: '3.20' },
          { type: 'Shipping', amount: '3.34' },
          { type: 'ShippingTax', amount: '0.01' },
        ],
      },
      {
        orderItemId: '22',
        components: [
          { type: 'Principal', amount: '18.00' },
          { type: 'Tax', amount: '1.60' },
          { type: 'Shipping', amount: '1.66' },
        ],
      },
    ]);
  });

  it('sends gross amounts without separate tax where prices include VAT', () => {
    const lines = refundLines({
      currency: 'EUR',
      pricesIncludeTax: true,
      lines: [{ orderItemId: '11', qty: 1, rowTotal: '10.00', tax: '1.90', discount: '0' }],
      shipping: '0',
      shippingTax: '0',
      orderLines,
    });
    expect(lines).toEqual([{ orderItemId: '11', components: [{ type: 'Principal', amount: '11.90' }] }]);
  });

  it('puts a shipping-only refund on the order lines', () => {
    const lines = refundLines({
      currency: 'JPY',
      pricesIncludeTax: true,
      lines: [],
      shipping: '301',
      shippingTax: '0',
      orderLines: [
        { orderItemId: '11', shippingPrice: '0' },
        { orderItemId: '22', shippingPrice: '0' },
      ],
    });
    expect(lines).toEqual([
      { orderItemId: '11', components: [{ type: 'Shipping', amount: '151' }] },
      { orderItemId: '22', components: [{ type: 'Shipping', amount: '150' }] },
    ]);
  });

  it('gives a COD fee imported into shipping back as COD, never as more shipping than Amazon charged', () => {
    // JP: shipping 500 (45 tax in it) and a COD fee of 330 (30 tax in it) on the first line; Commerce holds
    // shipping 755 and shipping tax 75 without tax.
    const codLines = [
      { orderItemId: '11', shippingPrice: '500', shippingTax: '45', codFee: '330', codFeeTax: '30' },
      { orderItemId: '22', shippingPrice: '0' },
    ];
    const refund = (shipping: string, shippingTax: string) =>
      refundLines({
        currency: 'JPY',
        pricesIncludeTax: true,
        lines: [{ orderItemId: '11', qty: 1, rowTotal: '1364', tax: '136', discount: '0' }],
        shipping,
        shippingTax,
        orderLines: codLines,
      });
    expect(refund('755', '75')).toEqual([
      {
        orderItemId: '11',
        components: [
          { type: 'Principal', amount: '1500' },
          { type: 'Shipping', amount: '500' },
          { type: 'COD', amount: '330' },
        ],
      },
    ]);
    // The credit memo also gives back the discounts Amazon gave on shipping (250) and on the fee (200).
    const discounted = refundLines({
      currency: 'JPY',
      pricesIncludeTax: true,
      lines: [],
      shipping: '755',
      shippingTax: '75',
      shippingDiscount: '450',
      orderLines: [
        {
          orderItemId: '11',
          shippingPrice: '500',
          shippingTax: '45',
          shippingDiscount: '250',
          codFee: '330',
          codFeeTax: '30',
          codFeeDiscount: '200',
        },
      ],
    });
    expect(discounted).toEqual([
      {
        orderItemId: '11',
        components: [
          { type: 'Shipping', amount: '250' },
          { type: 'COD', amount: '130' },
        ],
      },
    ]);
    // A partial shipping refund is shipping first.
    expect(refund('400', '40')[0]?.components).toEqual([
      { type: 'Principal', amount: '1500' },
      { type: 'Shipping', amount: '440' },
    ]);
    // Where tax is added (US), COD and its tax are separate components.
    const us = refundLines({
      currency: 'USD',
      pricesIncludeTax: false,
      lines: [],
      shipping: '9.99',
      shippingTax: '0.82',
      orderLines: [
        { orderItemId: '11', shippingPrice: '4.99', shippingTax: '0.41', codFee: '5.00', codFeeTax: '0.41' },
      ],
    });
    expect(us).toEqual([
      {
        orderItemId: '11',
        components: [
          { type: 'Shipping', amount: '4.99' },
          { type: 'ShippingTax', amount: '0.41' },
          { type: 'COD', amount: '5.00' },
          { type: 'CODTax', amount: '0.41' },
        ],
      },
    ]);
  });

  it('refuses a credit memo with nothing to refund', () => {
    expect(() =>
      refundLines({
        currency: 'USD',
        pricesIncludeTax: false,
        lines: [{ orderItemId: '11', qty: 1, rowTotal: '0', tax: '0', discount: '0' }],
        shipping: '0',
        shippingTax: '0',
        orderLines,
      }),
    ).toThrow(RefundComputationError);
  });
});
