import { describe, expect, it } from 'vitest';
import { decimalToJson } from '../src/client.js';
import {
  buildOrderEntity,
  computeTotals,
  incrementIdFromAmazon,
  OrderTotalsMismatchError,
} from '../src/order-creation.js';
import { amazonOrder } from './helpers.js';

describe('order entity built from an Amazon order', () => {
  it('carries the exact totals (US: prices exclude tax)', () => {
    const entity = buildOrderEntity(amazonOrder());
    expect(entity.subtotal).toBe(45);
    expect(entity.shipping_amount).toBe(4.99);
    expect(entity.shipping_tax_amount).toBe(0.5);
    expect(entity.tax_amount).toBe(5.35);
    expect(entity.discount_amount).toBe(-1);
    expect(entity.grand_total).toBe(57.34);
    expect(entity.extension_attributes?.gw_price).toBe('3.00');
    expect(entity.extension_attributes?.gw_tax_amount).toBe('0.30');
    const mug = entity.items.find((item) => item.sku === 'MUG-1');
    expect(mug).toMatchObject({
      qty_ordered: 2,
      price: 12.5,
      row_total: 25,
      tax_amount: 2.53,
      row_total_incl_tax: 27.53,
      ext_order_item_id: '12345678901234',
    });
    expect(entity.ext_order_id).toBe('111-2223334-5556667');
    expect(entity.shipping_description).toBe('Amazon - Std US D2D Dom');
    expect(entity.payment?.additional_information).toEqual([
      'Amazon Order #111-2223334-5556667',
      'Marketplace: Amazon.com',
      'Fulfilled by: Merchant',
    ]);
    expect(entity.increment_id).toBeUndefined();
  });

  it('EU marketplaces: tax-inclusive prices are split into net amounts and tax', () => {
    const input = amazonOrder({
      currency: 'EUR',
      pricesIncludeTax: true,
      orderTotal: '34.70',
      items: [
        {
          sku: 'MUG-1',
          name: 'Mug',
          qty: 3,
          itemPrice: '29.75',
          itemTax: '4.75',
          shippingPrice: '4.95',
          shippingTax: '0.79',
        },
      ],
    });
    const totals = computeTotals(input);
    expect(totals.subtotal).toBe(2500n);
    expect(totals.tax).toBe(554n);
    expect(totals.grandTotal).toBe(3470n);
    const entity = buildOrderEntity(input);
    expect(entity.subtotal).toBe(25);
    expect(entity.subtotal_incl_tax).toBe(29.75);
    expect(entity.shipping_amount).toBe(4.16);
    expect(entity.shipping_incl_tax).toBe(4.95);
    expect(entity.grand_total).toBe(34.7);
    // 25.00 / 3 is not exact: the unit price is rounded for display, the row total stays exact.
    expect(entity.items[0]?.price).toBe(8.33);
    expect(entity.items[0]?.row_total).toBe(25);
  });

  it('JPY has no minor unit', () => {
    const entity = buildOrderEntity(
      amazonOrder({
        currency: 'JPY',
        pricesIncludeTax: true,
        orderTotal: '1500',
        items: [{ sku: 'MUG-1', name: 'Mug', qty: 1, itemPrice: '1500', itemTax: '136' }],
      }),
    );
    expect(entity.grand_total).toBe(1500);
    expect(entity.subtotal).toBe(1364);
  });

  it('cash on delivery (JP): the fee and its tax travel in shipping, named in the shipping description', () => {
    const entity = buildOrderEntity(
      amazonOrder({
        currency: 'JPY',
        pricesIncludeTax: true,
        orderTotal: '2130',
        shipServiceLevel: 'Std JP Dom',
        items: [
          {
            sku: 'MUG-1',
            name: 'Mug',
            qty: 1,
            itemPrice: '1500',
            itemTax: '136',
            shippingPrice: '500',
            shippingTax: '45',
            codFee: '330',
            codFeeTax: '30',
            codFeeDiscount: '200',
          },
        ],
      }),
    );
    expect(entity.grand_total).toBe(2130);
    expect(entity.subtotal).toBe(1364);
    expect(entity.shipping_amount).toBe(755); // (500 − 45) + (330 − 30)
    expect(entity.shipping_tax_amount).toBe(75);
    expect(entity.shipping_discount_amount).toBe(200);
    expect(entity.tax_amount).toBe(211);
    expect(entity.shipping_description).toBe('Amazon - Std JP Dom (incl. cash on delivery fee 130 JPY)');
  });

  it("refuses an order whose parts do not add up to Amazon's total", () => {
    expect(() => buildOrderEntity(amazonOrder({ orderTotal: '57.35' }))).toThrow(OrderTotalsMismatchError);
  });

  it('Magento Open Source: gift wrap folded into shipping', () => {
    const entity = buildOrderEntity(amazonOrder(), { giftWrap: 'shipping' });
    expect(entity.shipping_amount).toBe(7.99);
    expect(entity.shipping_tax_amount).toBe(0.8);
    expect(entity.grand_total).toBe(57.34);
    expect(entity.extension_attributes?.gw_price).toBeUndefined();
  });

  it('refuses fractional or zero quantities and empty orders', () => {
    const base = amazonOrder();
    const item = base.items[0];
    if (!item) {
      throw new Error('fixture');
    }
    expect(() =>
      buildOrderEntity({ ...base, orderTotal: undefined, items: [{ ...item, qty: 1.5 }] }),
    ).toThrow();
    expect(() =>
      buildOrderEntity({ ...base, orderTotal: undefined, items: [{ ...item, qty: 0 }] }),
    ).toThrow();
    expect(() => buildOrderEntity({ ...base, items: [] })).toThrow();
  });

  it('sends decimal strings as exact JSON numbers, or refuses', () => {
    expect(decimalToJson('4.99')).toBe(4.99);
    expect(decimalToJson('0.50')).toBe(0.5);
    expect(decimalToJson('-1.00')).toBe(-1);
    expect(decimalToJson('0.00')).toBe(0);
    expect(() => decimalToJson('12345678901234567.89')).toThrow();
    expect(() => decimalToJson('1e3')).toThrow();
  });

  it('builds the increment id from the Amazon order number within 32 characters', () => {
    expect(incrementIdFromAmazon('111-2223334-5556667', 'AMZ-')).toBe('AMZ-111-2223334-5556667');
    expect(() => incrementIdFromAmazon('111-2223334-5556667', 'A-VERY-LONG-PREFIX-')).toThrow();
    expect(
      buildOrderEntity(amazonOrder({ incrementId: incrementIdFromAmazon('111-2223334-5556667', 'AMZ-') }))
        .increment_id,
    ).toBe('AMZ-111-2223334-5556667');
  });
});
