import {
  type CommerceStandIn,
  type StandInOptions,
  startCommerceStandIn,
} from '@saleschannel/commerce-stand-in';
import { CommerceClient, type CommerceClientOptions } from '../src/client.js';
import type { ImportOrderInput } from '../src/order-creation.js';

export interface Pair {
  readonly standIn: CommerceStandIn;
  readonly client: CommerceClient;
}

/** A stand-in and a client signing with its integration (OAuth 1.0a, HMAC-SHA256). */
export async function startPair(
  options: StandInOptions = {},
  client: Partial<CommerceClientOptions> = {},
): Promise<Pair> {
  const standIn = await startCommerceStandIn({
    products: [
      { sku: 'MUG-1', name: 'Mug', price: '12.50', qty: 10 },
      { sku: 'TEE-2', name: 'T-shirt', price: '20.00', qty: 10 },
    ],
    ...options,
  });
  return {
    standIn,
    client: new CommerceClient({
      baseUrl: standIn.url,
      auth: { type: 'oauth1', ...standIn.integration },
      // Never wait in tests: retries happen at once.
      sleep: async () => {},
      ...client,
    }),
  };
}

const address = {
  firstname: 'Jane',
  lastname: 'Doe',
  street: ['1 Main St', 'Apt 2'],
  city: 'Seattle',
  region: 'Washington',
  regionCode: 'WA',
  postcode: '98101',
  countryId: 'US',
  telephone: '+1 206 555 0100',
};

/** An Amazon US order: 2 mugs at 12.50 and a T-shirt, shipping, tax, a promotion and gift wrap. */
export function amazonOrder(overrides: Partial<ImportOrderInput> = {}): ImportOrderInput {
  return {
    amazonOrderId: '111-2223334-5556667',
    marketplaceName: 'Amazon.com',
    fulfillmentChannel: 'MFN',
    shipServiceLevel: 'Std US D2D Dom',
    currency: 'USD',
    pricesIncludeTax: false,
    storeId: 1,
    customer: { email: 'abc123@marketplace.amazon.com', firstname: 'Jane', lastname: 'Doe' },
    billingAddress: address,
    shippingAddress: address,
    items: [
      {
        sku: 'MUG-1',
        name: 'Mug',
        qty: 2,
        externalItemId: '12345678901234',
        itemPrice: '25.00',
        itemTax: '2.53',
        itemDiscount: '1.00',
        shippingPrice: '4.99',
        shippingTax: '0.50',
        giftWrapPrice: '3.00',
        giftWrapTax: '0.30',
      },
      {
        sku: 'TEE-2',
        name: 'T-shirt',
        qty: 1,
        externalItemId: '12345678901235',
        itemPrice: '20.00',
        itemTax: '2.02',
        shippingPrice: '0.00',
        shippingTax: '0.00',
      },
    ],
    // 25.00 + 20.00 + 4.99 + 3.00 + (2.53 + 2.02 + 0.50 + 0.30) − 1.00
    orderTotal: '57.34',
    ...overrides,
  };
}
