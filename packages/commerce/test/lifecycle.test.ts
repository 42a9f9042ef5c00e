import { afterEach, describe, expect, it } from 'vitest';
import { CommerceBadRequestError } from '../src/errors.js';
import { CommerceOrderFlow } from '../src/order-flow.js';
import { amazonOrder, type Pair, startPair } from './helpers.js';

let pair: Pair | undefined;
afterEach(async () => {
  await pair?.standIn.close();
  pair = undefined;
});

async function setup() {
  pair = await startPair();
  const flow = new CommerceOrderFlow(pair.client, {
    stock: { policy: 'deduct_on_shipment', inventory: 'msi' },
  });
  const { order } = await flow.importOrder(amazonOrder());
  return { ...pair, flow, orderId: order.entity_id as number };
}

describe('order lifecycle against the stand-in', () => {
  it('creates the order with Amazon totals, the Amazon order number and the service level', async () => {
    const { client, orderId } = await setup();
    const order = await client.getOrder(orderId);
    expect(order.state).toBe('new');
    expect(order.status).toBe('pending');
    expect(order.ext_order_id).toBe('111-2223334-5556667');
    expect(order.grand_total).toBe(57.34);
    expect(order.subtotal).toBe(45);
    expect(order.tax_amount).toBe(5.35);
    expect(order.discount_amount).toBe(-1);
    expect(order.shipping_amount).toBe(4.99);
    expect(order.shipping_description).toBe('Amazon - Std US D2D Dom');
    expect(order.payment?.additional_information).toContain('Amazon Order #111-2223334-5556667');
    expect(order.increment_id).toBe('000000001');
  });

  it('create → invoice → ship → complete', async () => {
    const { client, flow, orderId } = await setup();
    const invoiceId = await client.invoiceOrder(orderId);
    expect((await client.getOrder(orderId)).state).toBe('processing');
    expect((await client.getInvoice(invoiceId)).grand_total).toBe(57.34);
    const { shipmentId } = await flow.ship(orderId, {
      tracks: [{ trackNumber: '1Z999', title: 'UPS', carrierCode: 'ups' }],
    });
    const order = await client.getOrder(orderId);
    expect(order.state).toBe('complete');
    expect(order.status).toBe('complete');
    const shipment = await client.getShipment(shipmentId);
    expect(shipment.tracks.map((t) => t.track_number)).toEqual(['1Z999']);
  });

  it('cancel: a new order becomes canceled, and a second cancel answers false', async () => {
    const { client, orderId } = await setup();
    expect(await client.cancelOrder(orderId)).toBe(true);
    expect((await client.getOrder(orderId)).state).toBe('canceled');
    expect(await client.cancelOrder(orderId)).toBe(false);
  });

  it('refund → closed, with shipping amount and adjustments', async () => {
    const { client, flow, orderId } = await setup();
    await client.invoiceOrder(orderId);
    await flow.ship(orderId);
    const memoId = await flow.refund(orderId, {
      shippingAmount: '4.99',
      adjustmentPositive: '1.00',
      adjustmentNegative: '1.00',
    });
    const memo = await client.getCreditMemo(memoId);
    expect(memo.shipping_amount).toBe(4.99);
    expect(memo.adjustment_positive).toBe(1);
    expect(memo.adjustment_negative).toBe(1);
    const order = await client.getOrder(orderId);
    expect(order.state).toBe('closed');
    expect(order.total_refunded).toBe(memo.grand_total);
  });

  it('a refund above what was paid is refused in Commerce words', async () => {
    const { client, orderId } = await setup();
    await client.invoiceOrder(orderId);
    const error = await client
      .refundOrder(orderId, { adjustmentPositive: '100.00' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceBadRequestError);
    expect((error as CommerceBadRequestError).rawMessage).toBe(
      'Creditmemo Document Validation Error(s):\nThe most money available to refund is 57.34.',
    );
  });

  it('hold / unhold restores the previous state; hold twice is refused', async () => {
    const { client, orderId } = await setup();
    await client.invoiceOrder(orderId);
    expect(await client.holdOrder(orderId)).toBe(true);
    expect((await client.getOrder(orderId)).state).toBe('holded');
    await expect(client.holdOrder(orderId)).rejects.toThrow('A hold action is not available.');
    await expect(client.shipOrder(orderId)).rejects.toThrow(
      'Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.',
    );
    expect(await client.unholdOrder(orderId)).toBe(true);
    const order = await client.getOrder(orderId);
    expect(order.state).toBe('processing');
    expect(order.status).toBe('processing');
    await expect(client.unholdOrder(orderId)).rejects.toThrow('You cannot remove the hold.');
  });

  it('cancel is refused (false, no change) on a shipped order', async () => {
    const { client, flow, orderId } = await setup();
    await client.invoiceOrder(orderId);
    await flow.ship(orderId);
    expect(await client.cancelOrder(orderId)).toBe(false);
    expect((await client.getOrder(orderId)).state).toBe('complete');
  });

  it('refuses to ship more than was ordered, naming the SKU', async () => {
    const { client, orderId } = await setup();
    const order = await client.getOrder(orderId);
    const mug = order.items.find((item) => item.sku === 'MUG-1');
    const error = await client
      .shipOrder(orderId, { items: [{ orderItemId: mug?.item_id as number, qty: 3 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceBadRequestError);
    expect((error as Error).message).toContain(
      'The quantity to ship must not be greater than the unshipped quantity for product SKU "MUG-1".',
    );
  });

  it('comments, tracks added later, and documents found by updated_at', async () => {
    const { client, flow, orderId } = await setup();
    await client.addOrderComment(orderId, { comment: 'Checked by the merchant' });
    const comments = await client.listOrderComments(orderId);
    expect(comments.map((c) => c.comment)).toContain('Checked by the merchant');
    await client.invoiceOrder(orderId);
    const { shipmentId } = await flow.ship(orderId);
    const track = await client.addTrack({
      orderId,
      shipmentId,
      trackNumber: '9400111',
      title: 'USPS',
      carrierCode: 'usps',
    });
    expect(track.entity_id).toBeGreaterThan(0);
    const shipments = await client.shipmentsUpdatedSince('2000-01-01 00:00:00');
    expect(shipments.map((s) => s.entity_id)).toEqual([shipmentId]);
    expect(shipments[0]?.tracks.map((t) => t.track_number)).toEqual(['9400111']);
    expect(await client.shipmentsUpdatedSince('2999-01-01 00:00:00')).toEqual([]);
    expect((await client.invoicesUpdatedSince('2000-01-01 00:00:00', orderId)).length).toBe(1);
    expect(await client.creditMemosUpdatedSince('2000-01-01 00:00:00')).toEqual([]);
  });

  it('stores, products and increment ids from the Amazon order number', async () => {
    pair = await startPair();
    const { client } = pair;
    expect((await client.listWebsites()).map((w) => w.code)).toContain('base');
    expect((await client.listStoreViews()).map((s) => s.code)).toContain('default');
    expect((await client.listStoreGroups()).length).toBeGreaterThan(0);
    expect((await client.getProduct('MUG-1')).name).toBe('Mug');
    expect(await client.findProduct('NOPE')).toBeUndefined();
    const flow = new CommerceOrderFlow(client, { stock: { policy: 'none', inventory: 'msi' } });
    const { order } = await flow.importOrder(amazonOrder({ incrementId: 'AMZ-111-2223334-5556667' }));
    expect(order.increment_id).toBe('AMZ-111-2223334-5556667');
    expect((await client.findOrderByIncrementId('AMZ-111-2223334-5556667'))?.entity_id).toBe(order.entity_id);
  });
});
