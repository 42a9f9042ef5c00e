/** Cancellation, fulfillment and refund feeds round-trip through the stand-in, error reports included. */
import type { OrderRecord } from '@saleschannel/amazon-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCancellationFeed,
  buildOrderAdjustmentFeed,
  buildOrderFulfillmentFeed,
  FEED_TYPES,
  XML_CONTENT_TYPE,
} from '../src/feed-xml.js';
import { type Pair, startPair, US } from './helpers.js';

let pair: Pair;
beforeAll(async () => {
  // Feeds wait 10 s in the queue and process for 30 s (virtual); at 500× a round trip takes ~0.1 s.
  pair = await startPair({
    speed: 500,
    orders: { count: 60, seed: 21, piiLessShare: 0, canceledShare: 0, buyerCancelShare: 0 },
  });
});
afterAll(() => pair.standIn.close());

const wait = { pollIntervalMs: 5_000 };
const seller = () => pair.standIn.account.sellerId;

function orders(filter: (o: OrderRecord) => boolean): OrderRecord[] {
  pair.standIn.store.tick();
  return [...pair.standIn.store.orders.values()]
    .filter((o) => o.createdAt <= pair.standIn.clock.now())
    .filter(filter);
}

const unshippedMfn = () => orders((o) => o.fulfillmentChannel === 'MFN' && o.status === 'Unshipped');

describe('order feeds through the stand-in', () => {
  it('cancels an unshipped order, and reports an error for a shipped one and for an unknown item', async () => {
    const [toCancel] = unshippedMfn();
    const [shipped] = orders((o) => o.status === 'Shipped');
    const [other] = unshippedMfn().slice(1);
    if (!toCancel || !shipped || !other) {
      throw new Error('scenario lacks orders');
    }
    const xml = buildCancellationFeed(seller(), [
      {
        amazonOrderId: toCancel.amazonOrderId,
        reason: 'NoInventory',
        itemCodes: toCancel.items.map((i) => i.orderItemId),
      },
      {
        amazonOrderId: shipped.amazonOrderId,
        reason: 'BuyerCanceled',
        itemCodes: shipped.items.map((i) => i.orderItemId),
      },
      { amazonOrderId: other.amazonOrderId, reason: 'NoInventory', itemCodes: ['99999999999999'] },
    ]);
    const outcome = await pair.client.feeds.submitFeed(
      {
        feedType: FEED_TYPES.acknowledgement,
        marketplaceIds: [US],
        content: xml,
        contentType: XML_CONTENT_TYPE,
      },
      wait,
    );
    expect(outcome.feed.processingStatus).toBe('DONE');
    expect(outcome.report?.messagesProcessed).toBe(3);
    expect(outcome.report?.messagesSuccessful).toBe(1);
    expect(outcome.report?.messagesWithError).toBe(2);
    expect(outcome.messages.map((m) => m.ok)).toEqual([true, false, false]);
    expect(outcome.messages[1]?.errors[0]?.description).toContain('cannot be canceled');
    expect(outcome.messages[1]?.errors[0]?.amazonOrderId).toBe(shipped.amazonOrderId);
    expect(outcome.messages[2]?.errors[0]?.description).toContain('99999999999999');

    expect(toCancel.status).toBe('Canceled');
    expect(shipped.status).toBe('Shipped');
    expect(other.status).toBe('Unshipped');
    // The client sees the cancellation through the Orders API too.
    const seen = await pair.client.orders.getOrder(toCancel.amazonOrderId, ['FULFILLMENT', 'CANCELLATION']);
    expect(seen.fulfillment?.fulfillmentStatus).toBe('CANCELLED');
  });

  it('ships an order with carrier and tracking, and rejects shipping a canceled order', async () => {
    const [toShip] = unshippedMfn();
    const [canceled] = orders((o) => o.status === 'Canceled');
    if (!toShip || !canceled) {
      throw new Error('scenario lacks orders');
    }
    const xml = buildOrderFulfillmentFeed(seller(), [
      {
        amazonOrderId: toShip.amazonOrderId,
        fulfillmentDate: new Date(pair.standIn.clock.now() - 60_000),
        fulfillmentData: {
          carrierCode: 'UPS',
          shippingMethod: 'Ground',
          shipperTrackingNumber: '1Z999AA10123456784',
        },
        items: toShip.items.map((i) => ({ amazonOrderItemCode: i.orderItemId, quantity: i.quantityOrdered })),
      },
      {
        amazonOrderId: canceled.amazonOrderId,
        fulfillmentDate: new Date(pair.standIn.clock.now() - 60_000),
        fulfillmentData: { carrierCode: 'UPS', shipperTrackingNumber: '1Z999AA10123456785' },
      },
    ]);
    const outcome = await pair.client.feeds.submitFeed(
      { feedType: FEED_TYPES.fulfillment, marketplaceIds: [US], content: xml, contentType: XML_CONTENT_TYPE },
      wait,
    );
    expect(outcome.messages.map((m) => m.ok)).toEqual([true, false]);
    expect(outcome.messages[1]?.errors[0]?.description).toContain('canceled');
    expect(toShip.status).toBe('Shipped');
    expect(toShip.shipments.at(-1)?.trackingNumber).toBe('1Z999AA10123456784');
    const seen = await pair.client.orders.getOrder(toShip.amazonOrderId, ['PACKAGES', 'FULFILLMENT']);
    expect(seen.packages?.[0]?.trackingNumber).toBe('1Z999AA10123456784');
    expect(seen.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  });

  it('records a refund, and rejects one larger than what was paid', async () => {
    const [order] = orders((o) => o.status === 'Shipped' && o.refunds.length === 0);
    const item = order?.items[0];
    if (!order || !item) {
      throw new Error('scenario lacks orders');
    }
    const paid = (BigInt(item.unitPrice.replace('.', '')) * BigInt(item.quantityOrdered)).toString();
    const tooMuch = `${(BigInt(paid) + 1n).toString().slice(0, -2)}.${(BigInt(paid) + 1n).toString().slice(-2)}`;
    const xml = buildOrderAdjustmentFeed(seller(), [
      {
        amazonOrderId: order.amazonOrderId,
        actionType: 'Refund',
        items: [
          {
            amazonOrderItemCode: item.orderItemId,
            adjustmentReason: 'CustomerReturn',
            components: [
              { type: 'Principal', amount: item.unitPrice, currency: 'USD' },
              { type: 'Tax', amount: '0.50', currency: 'USD' },
            ],
          },
        ],
      },
      {
        amazonOrderId: order.amazonOrderId,
        items: [
          {
            amazonOrderItemCode: item.orderItemId,
            adjustmentReason: 'PriceError',
            components: [{ type: 'Principal', amount: tooMuch, currency: 'USD' }],
          },
        ],
      },
    ]);
    const outcome = await pair.client.feeds.submitFeed(
      { feedType: FEED_TYPES.adjustment, marketplaceIds: [US], content: xml, contentType: XML_CONTENT_TYPE },
      wait,
    );
    expect(outcome.messages.map((m) => m.ok)).toEqual([true, false]);
    expect(outcome.messages[1]?.errors[0]?.description).toContain('exceeds');
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]?.items[0]?.components).toEqual([
      { type: 'Principal', amount: item.unitPrice, currency: 'USD' },
      { type: 'Tax', amount: '0.50', currency: 'USD' },
    ]);
  });

  it('a document that is not an envelope comes back as a document-level error', async () => {
    const outcome = await pair.client.feeds.submitFeed(
      {
        feedType: FEED_TYPES.fulfillment,
        marketplaceIds: [US],
        content: '<Nope/>',
        contentType: XML_CONTENT_TYPE,
      },
      wait,
    );
    expect(outcome.report?.messagesProcessed).toBe(0);
    expect(outcome.report?.results[0]).toMatchObject({ messageId: 0, resultCode: 'Error' });
  });

  it('downloads the gzip-compressed report and reports GZIP', async () => {
    const feeds = await pair.client.feeds.getFeeds({
      feedTypes: [FEED_TYPES.fulfillment],
      processingStatuses: ['DONE'],
    });
    const done = feeds.feeds[0];
    const doc = await pair.client.feeds.getFeedDocument(done?.resultFeedDocumentId ?? '');
    expect(doc.compressionAlgorithm).toBe('GZIP');
    const raw = new Uint8Array(await (await fetch(doc.url)).arrayBuffer());
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]);
    expect(await pair.client.feeds.downloadFeedDocument(doc)).toContain('<ProcessingReport>');
  });
});
