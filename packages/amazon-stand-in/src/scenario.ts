/** Deterministic scenarios: seller accounts and orders that appear and change over virtual time. */
import { fromMinor } from '@saleschannel/domain';
import type { Account, OrderRecord, ScenarioStore } from './store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_ACCOUNT: Account = {
  sellerId: 'A3STANDINSELLER',
  clientId: 'amzn1.application-oa2-client.standin',
  clientSecret: 'stand-in-client-secret',
  refreshToken: 'Atzr|stand-in-refresh-token',
  marketplaceIds: ['ATVPDKIKX0DER'],
  piiRoles: true,
};

/** mulberry32: a small seeded PRNG, so a scenario is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface OrdersScenario {
  /** How many orders. @default 50 */
  readonly count?: number;
  readonly seed?: number;
  readonly sellerId?: string;
  readonly marketplaceId?: string;
  readonly currency?: string;
  /** Orders are created from `now - historyMs` … `now + futureMs` (virtual ms); future ones appear later. */
  readonly historyMs?: number;
  readonly futureMs?: number;
  /** Share of FBA (AFN) orders. @default 0.3 */
  readonly afnShare?: number;
  /** Share of orders with no buyer details at all. @default 0.15 */
  readonly piiLessShare?: number;
  /** Share of MFN orders whose buyer asks to cancel. @default 0.1 */
  readonly buyerCancelShare?: number;
  /** Share of orders Amazon cancels before payment. @default 0.05 */
  readonly canceledShare?: number;
  /**
   * Share of orders whose first line also has taxed shipping, gift wrap, a cash-on-delivery fee and promotion
   * and shipping discounts. @default 0
   */
  readonly chargesShare?: number;
}

/** Marketplaces whose prices exclude tax (United States, Canada). */
export const TAX_EXCLUSIVE_MARKETPLACES = new Set(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']);

const PRODUCTS = [
  { asin: 'B07FZ8S74R', sku: 'ECHO-DOT-3-CHARCOAL', title: 'Echo Dot (3rd Gen) - Charcoal', price: 3999 },
  { asin: 'B08N5WRWNW', sku: 'ECHO-DOT-4-BLUE', title: 'Echo Dot (4th Gen) - Twilight Blue', price: 4999 },
  { asin: 'B0C1H26C46', sku: 'KINDLE-PAPERWHITE-16', title: 'Kindle Paperwhite 16 GB', price: 14999 },
  { asin: 'B09B8V1LZ3', sku: 'FIRE-TV-STICK-4K', title: 'Fire TV Stick 4K', price: 4999 },
  { asin: 'B0BP9SNVH9', sku: 'MUG-CERAMIC-350', title: 'Ceramic mug 350 ml', price: 1299 },
  { asin: 'B0CHWRXH8B', sku: 'SOCKS-WOOL-3PK', title: 'Wool socks, 3 pack', price: 1950 },
] as const;

const NAMES = ['Jane Doe', 'John Roe', 'Ana Silva', 'Kenji Sato', 'Marie Curie', 'Alan Smithee'];
const CITIES = [
  { city: 'Seattle', state: 'WA', zip: '98101' },
  { city: 'Austin', state: 'TX', zip: '73301' },
  { city: 'Portland', state: 'OR', zip: '97201' },
  { city: 'Denver', state: 'CO', zip: '80202' },
];

const digits = (rand: () => number, n: number) =>
  Array.from({ length: n }, (_, i) => String(Math.floor(rand() * 10) || (i === 0 ? 1 : 0))).join('');

/** Adds `count` orders to the store, spread over time, and returns them in creation order. */
export function seedOrders(store: ScenarioStore, scenario: OrdersScenario = {}): OrderRecord[] {
  const rand = prng(scenario.seed ?? 42);
  const count = scenario.count ?? 50;
  const now = store.clock.now();
  const history = scenario.historyMs ?? 7 * 24 * HOUR;
  const future = scenario.futureMs ?? 0;
  const currency = scenario.currency ?? 'USD';
  const marketplaceId = scenario.marketplaceId ?? 'ATVPDKIKX0DER';
  const sellerId = scenario.sellerId ?? DEFAULT_ACCOUNT.sellerId;
  const created: OrderRecord[] = [];
  const pricesIncludeTax = !TAX_EXCLUSIVE_MARKETPLACES.has(marketplaceId);
  const includedRate = currency === 'JPY' ? 1_000n : 1_900n;
  const span = history + future;
  for (let n = 0; n < count; n++) {
    // Evenly spread with jitter, oldest first; never two orders at the same millisecond.
    const createdAt = Math.floor(now - history + (span * (n + rand() * 0.5)) / count);
    const afn = rand() < (scenario.afnShare ?? 0.3);
    const piiLess = rand() < (scenario.piiLessShare ?? 0.15);
    const itemCount = 1 + Math.floor(rand() * 3);
    const orderId = `${String(111 + Math.floor(rand() * 800))}-${digits(rand, 7)}-${digits(rand, 7)}`;
    if (store.orders.has(orderId)) {
      continue;
    }
    const name = NAMES[Math.floor(rand() * NAMES.length)] ?? 'Jane Doe';
    const place = CITIES[Math.floor(rand() * CITIES.length)] ?? {
      city: 'Seattle',
      state: 'WA',
      zip: '98101',
    };
    // Drawn only when asked for, so the other scenarios keep their orders.
    const charged = scenario.chargesShare ? rand() < scenario.chargesShare : false;
    const items = Array.from({ length: itemCount }, (_, i) => {
      const product = PRODUCTS[Math.floor(rand() * PRODUCTS.length)] ?? PRODUCTS[0];
      const quantity = 1 + Math.floor(rand() * 3);
      const unitMinor = BigInt(currency === 'JPY' ? Math.round(product.price / 100) * 100 : product.price);
      const lineMinor = unitMinor * BigInt(quantity);
      // US and CA add sales tax (8.25 % here) on top of the price; elsewhere the price includes VAT/GST (here
      // 10 % in JP, 19 % in Europe) and Amazon reports the tax contained in it. Truncated to the minor unit.
      const taxOf = (minor: bigint) =>
        pricesIncludeTax ? (minor * includedRate) / (10_000n + includedRate) : (minor * 825n) / 10_000n;
      const taxMinor = taxOf(lineMinor);
      const shippingMinor = afn ? 0n : BigInt(currency === 'JPY' ? 500 : 499);
      const m = (minor: bigint) => fromMinor(minor, currency);
      const whole = (jpy: number, cents: number) => BigInt(currency === 'JPY' ? jpy : cents);
      return {
        orderItemId: `${digits(rand, 13)}${i}`,
        asin: product.asin,
        sellerSku: product.sku,
        title: product.title,
        quantityOrdered: quantity,
        quantityShipped: 0,
        quantityCancelled: 0,
        unitPrice: fromMinor(unitMinor, currency),
        lineTax: fromMinor(taxMinor, currency),
        shipping: m(shippingMinor),
        ...(charged && i === 0
          ? {
              charges: {
                shippingTax: m(taxOf(shippingMinor)),
                giftWrap: m(whole(300, 399)),
                giftWrapTax: m(taxOf(whole(300, 399))),
                codFee: m(whole(330, 500)),
                codFeeTax: m(taxOf(whole(330, 500))),
                promotionDiscount: m(whole(200, 250)),
                shippingDiscount: m(shippingMinor / 2n),
              },
            }
          : {}),
      };
    });
    const timeline: OrderRecord['timeline'] = [];
    const roll = rand();
    if (roll < (scenario.canceledShare ?? 0.05)) {
      timeline.push({ at: createdAt + 20 * MINUTE, change: 'cancel' });
    } else {
      timeline.push({ at: createdAt + 30 * MINUTE, change: 'unshipped' });
      if (!afn && roll < (scenario.canceledShare ?? 0.05) + (scenario.buyerCancelShare ?? 0.1)) {
        timeline.push({ at: createdAt + 45 * MINUTE, change: 'buyer-cancel-request' });
      }
      if (afn) {
        timeline.push({ at: createdAt + 4 * HOUR, change: 'amazon-ships' });
      }
    }
    created.push(
      store.addOrder({
        amazonOrderId: orderId,
        sellerId,
        marketplaceId,
        salesChannel: 'Amazon.com',
        currency,
        fulfillmentChannel: afn ? 'AFN' : 'MFN',
        createdAt,
        lastUpdatedAt: createdAt,
        status: 'Pending',
        items,
        buyer: piiLess ? null : { name, email: `${orderId.replace(/-/g, '')}@marketplace.amazon.com` },
        address: piiLess
          ? null
          : {
              name,
              addressLine1: `${1 + Math.floor(rand() * 9000)} Main St`,
              city: place.city,
              stateOrRegion: place.state,
              postalCode: place.zip,
              countryCode: 'US',
              phone: '+1 206-555-0100',
              addressType: 'Residential',
            },
        isPrime: rand() < 0.4,
        isBusiness: rand() < 0.1,
        pricesIncludeTax,
        timeline,
        shipments: [],
        refunds: [],
        acknowledged: false,
      }),
    );
  }
  return created;
}
