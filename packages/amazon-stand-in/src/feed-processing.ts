/**
 * Processes order feeds the way Amazon does: a cancellation acknowledgement cancels an unshipped order, a
 * fulfillment feed ships it, a payment adjustment records a refund; each invalid message becomes an Error
 * result in the XML processing report while the valid ones are applied.
 */
import { fromMinor, toMinor } from '@saleschannel/domain';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { OrderRecord, ScenarioStore } from './store.js';

interface Result {
  messageId: number;
  code: 'Error' | 'Warning';
  messageCode: string;
  description: string;
  orderId?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['Message', 'Item', 'AdjustedItem', 'Component'].includes(name),
});

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, attributeNamePrefix: '@' });

const FEED_MESSAGE_TYPES: Record<string, string> = {
  POST_ORDER_ACKNOWLEDGEMENT_DATA: 'OrderAcknowledgement',
  POST_ORDER_FULFILLMENT_DATA: 'OrderFulfillment',
  POST_PAYMENT_ADJUSTMENT_DATA: 'OrderAdjustment',
};

type Node = Record<string, unknown>;
const text = (v: unknown) =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

export interface FeedResult {
  /** FATAL: the document could not be processed at all (no report of messages). */
  readonly fatal: boolean;
  readonly report: string;
}

export function processFeed(
  store: ScenarioStore,
  sellerId: string,
  feedType: string,
  content: string,
  transactionId: string,
): FeedResult {
  const expectedType = FEED_MESSAGE_TYPES[feedType];
  const results: Result[] = [];
  let messages: Node[] = [];
  let fatalReason: string | undefined;
  try {
    const doc = parser.parse(content, true) as Node;
    const envelope = doc.AmazonEnvelope as Node | undefined;
    if (!envelope) {
      fatalReason = 'The XML document has no AmazonEnvelope root element.';
    } else if (!expectedType) {
      fatalReason = `Feed type ${feedType} is not processed by this stand-in.`;
    } else if (text(envelope.MessageType) !== expectedType) {
      fatalReason = `MessageType ${String(text(envelope.MessageType))} does not match feed type ${feedType} (expected ${expectedType}).`;
    } else if (text((envelope.Header as Node | undefined)?.MerchantIdentifier) !== sellerId) {
      fatalReason = 'The MerchantIdentifier in the Header does not match the submitting seller.';
    } else {
      messages = (envelope.Message as Node[] | undefined) ?? [];
    }
  } catch (error) {
    fatalReason = `XML parsing error: ${(error as Error).message.split('\n')[0]}`;
  }
  if (fatalReason) {
    results.push({ messageId: 0, code: 'Error', messageCode: '5001', description: fatalReason });
    return { fatal: false, report: report(transactionId, 0, 0, results) };
  }
  const seen = new Set<number>();
  let ok = 0;
  for (const message of messages) {
    const messageId = Number.parseInt(text(message.MessageID) ?? '', 10);
    if (!Number.isInteger(messageId) || messageId < 1 || seen.has(messageId)) {
      results.push({
        messageId: Number.isInteger(messageId) ? messageId : 0,
        code: 'Error',
        messageCode: '5000',
        description: 'MessageID must be a unique positive integer.',
      });
      continue;
    }
    seen.add(messageId);
    const body = message[expectedType as string] as Node | undefined;
    const error = body
      ? apply(store, sellerId, expectedType as string, body)
      : fail('5000', `Message has no ${expectedType} element.`);
    if (error) {
      results.push({
        messageId,
        code: 'Error',
        messageCode: error.code,
        description: error.description,
        orderId: text(body?.AmazonOrderID),
      });
    } else {
      ok += 1;
    }
  }
  return { fatal: false, report: report(transactionId, messages.length, ok, results) };
}

function report(transactionId: string, processed: number, successful: number, results: Result[]): string {
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    AmazonEnvelope: {
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:noNamespaceSchemaLocation': 'amzn-envelope.xsd',
      Header: { DocumentVersion: '1.02', MerchantIdentifier: 'M_STANDIN' },
      MessageType: 'ProcessingReport',
      Message: {
        MessageID: 1,
        ProcessingReport: {
          DocumentTransactionID: transactionId,
          StatusCode: 'Complete',
          ProcessingSummary: {
            MessagesProcessed: processed,
            MessagesSuccessful: successful,
            MessagesWithError: results.filter((r) => r.code === 'Error').length,
            MessagesWithWarning: results.filter((r) => r.code === 'Warning').length,
          },
          Result: results.map((r) => ({
            MessageID: r.messageId,
            ResultCode: r.code,
            ResultMessageCode: r.messageCode,
            ResultDescription: r.description,
            ...(r.orderId ? { AdditionalInfo: { AmazonOrderID: r.orderId } } : {}),
          })),
        },
      },
    },
  }) as string;
}

type Failure = { code: string; description: string } | undefined;
const fail = (code: string, description: string): Failure => ({ code, description });

function findOrder(store: ScenarioStore, sellerId: string, body: Node): OrderRecord | Failure {
  const id = text(body.AmazonOrderID);
  if (!id) {
    return fail('5000', 'AmazonOrderID is required.');
  }
  const order = store.visibleOrder(sellerId, id);
  return order ?? fail('18028', `The order id ${id} was not found for this merchant.`);
}

function apply(store: ScenarioStore, sellerId: string, type: string, body: Node): Failure {
  const found = findOrder(store, sellerId, body);
  if (!found || !('amazonOrderId' in found)) {
    return found as Failure;
  }
  const order = found;
  const items = (body.Item ?? []) as Node[];
  const unknown = (code: string | undefined) => !order.items.some((i) => i.orderItemId === code);
  switch (type) {
    case 'OrderAcknowledgement': {
      const status = text(body.StatusCode);
      if (status !== 'Success' && status !== 'Failure') {
        return fail('5000', 'StatusCode must be Success or Failure.');
      }
      for (const item of items) {
        if (unknown(text(item.AmazonOrderItemCode))) {
          return fail(
            '18030',
            `AmazonOrderItemCode ${String(text(item.AmazonOrderItemCode))} is not part of order ${order.amazonOrderId}.`,
          );
        }
      }
      const cancelItems = items.filter((i) => text(i.CancelReason));
      if (status === 'Failure' || cancelItems.length > 0) {
        if (order.status === 'Canceled') {
          return fail('18032', `Order ${order.amazonOrderId} is already canceled.`);
        }
        if (order.status === 'Shipped' || order.items.some((i) => i.quantityShipped > 0)) {
          return fail('18033', `Order ${order.amazonOrderId} has shipped items and cannot be canceled.`);
        }
        if (order.fulfillmentChannel === 'AFN') {
          return fail(
            '18034',
            `Order ${order.amazonOrderId} is fulfilled by Amazon; the seller cannot cancel it.`,
          );
        }
        const reason = text(cancelItems[0]?.CancelReason) ?? 'GeneralAdjustment';
        store.cancel(
          order,
          reason,
          status === 'Failure' ? undefined : cancelItems.map((i) => text(i.AmazonOrderItemCode) ?? ''),
        );
        return undefined;
      }
      order.acknowledged = true;
      return undefined;
    }
    case 'OrderFulfillment': {
      if (order.fulfillmentChannel === 'AFN') {
        return fail('18035', `Order ${order.amazonOrderId} is fulfilled by Amazon.`);
      }
      if (order.status === 'Canceled') {
        return fail('18036', `Order ${order.amazonOrderId} is canceled and cannot be shipped.`);
      }
      if (order.status === 'Pending' || order.status === 'PendingAvailability') {
        return fail('18037', `Order ${order.amazonOrderId} is pending and cannot be shipped yet.`);
      }
      const data = (body.FulfillmentData ?? {}) as Node;
      const carrier = text(data.CarrierCode) ?? text(data.CarrierName);
      if (!carrier) {
        return fail('5000', 'FulfillmentData needs a CarrierCode or CarrierName.');
      }
      if (!text(body.FulfillmentDate) || Number.isNaN(Date.parse(text(body.FulfillmentDate) ?? ''))) {
        return fail('5000', 'FulfillmentDate must be a date-time.');
      }
      const lines: { orderItemId: string; quantity: number }[] = [];
      for (const item of items) {
        const code = text(item.AmazonOrderItemCode);
        const line = order.items.find((i) => i.orderItemId === code);
        if (!line) {
          return fail(
            '18030',
            `AmazonOrderItemCode ${String(code)} is not part of order ${order.amazonOrderId}.`,
          );
        }
        const open = line.quantityOrdered - line.quantityCancelled - line.quantityShipped;
        const quantity = text(item.Quantity) ? Number(text(item.Quantity)) : open;
        if (!Number.isInteger(quantity) || quantity < 1 || quantity > open) {
          return fail('18040', `Quantity ${quantity} of item ${code} exceeds the ${open} left to ship.`);
        }
        lines.push({ orderItemId: line.orderItemId, quantity });
      }
      const all =
        lines.length > 0
          ? lines
          : order.items
              .map((i) => ({
                orderItemId: i.orderItemId,
                quantity: i.quantityOrdered - i.quantityCancelled - i.quantityShipped,
              }))
              .filter((l) => l.quantity > 0);
      if (all.length === 0) {
        return fail('18041', `Order ${order.amazonOrderId} has nothing left to ship.`);
      }
      store.ship(order, {
        at: store.clock.now(),
        carrier,
        shippingMethod: text(data.ShippingMethod),
        trackingNumber: text(data.ShipperTrackingNumber),
        items: all,
        via: 'feed',
      });
      return undefined;
    }
    case 'OrderAdjustment': {
      const adjusted = (body.AdjustedItem ?? []) as Node[];
      if (adjusted.length === 0) {
        return fail('5000', 'At least one AdjustedItem is required.');
      }
      if (order.status === 'Pending' || order.status === 'PendingAvailability') {
        return fail('18050', `Order ${order.amazonOrderId} has not been charged yet; nothing to refund.`);
      }
      const refund: {
        orderItemId: string;
        components: { type: string; amount: string; currency: string }[];
      }[] = [];
      for (const entry of adjusted) {
        const code = text(entry.AmazonOrderItemCode);
        const line = order.items.find((i) => i.orderItemId === code);
        if (!line) {
          return fail(
            '18030',
            `AmazonOrderItemCode ${String(code)} is not part of order ${order.amazonOrderId}.`,
          );
        }
        if (!text(entry.AdjustmentReason)) {
          return fail('5000', 'AdjustmentReason is required.');
        }
        const components = (((entry.ItemPriceAdjustments ?? {}) as Node).Component ?? []) as Node[];
        if (components.length === 0) {
          return fail('5000', 'ItemPriceAdjustments needs at least one Component.');
        }
        const parsed: { type: string; amount: string; currency: string }[] = [];
        for (const c of components) {
          const amountNode = c.Amount as Node | string | undefined;
          const amount = typeof amountNode === 'object' ? text(amountNode['#text']) : text(amountNode);
          const currency = typeof amountNode === 'object' ? text(amountNode['@currency']) : undefined;
          if (!amount || currency !== order.currency) {
            return fail(
              '18051',
              `Component ${String(text(c.Type))} must have an amount in ${order.currency}.`,
            );
          }
          parsed.push({ type: text(c.Type) ?? 'Other', amount, currency });
        }
        // Principal, Shipping and COD refunds cannot exceed what the buyer paid for them on the line, including
        // earlier refunds (amounts as charged: with the tax where prices include it, without where it is added).
        const m = (amount: string | undefined) => (amount ? toMinor(amount, order.currency) : 0n);
        const caps: [type: string, label: string, paid: bigint][] = [
          ['Principal', '', m(line.unitPrice) * BigInt(line.quantityOrdered)],
          ['Shipping', 'shipping ', m(line.shipping)],
          ['COD', 'COD fee ', m(line.charges?.codFee)],
        ];
        const earlier = order.refunds
          .flatMap((r) => r.items)
          .filter((i) => i.orderItemId === line.orderItemId)
          .flatMap((i) => i.components);
        for (const [capped, label, paid] of caps) {
          const refunded = [...earlier, ...parsed]
            .filter((c) => c.type === capped)
            .reduce((sum, c) => sum + toMinor(c.amount, order.currency), 0n);
          if (refunded > paid) {
            return fail(
              '18052',
              `Refund of ${fromMinor(refunded, order.currency)} ${order.currency} exceeds the ${label}${fromMinor(paid, order.currency)} paid for item ${line.orderItemId}.`,
            );
          }
        }
        refund.push({ orderItemId: line.orderItemId, components: parsed });
      }
      order.refunds.push({
        at: store.clock.now(),
        reason: text(adjusted[0]?.AdjustmentReason) ?? 'Other',
        items: refund,
      });
      store.touch(order, 'OrderStatusChange', 'Refund');
      return undefined;
    }
    default:
      return fail('5000', `Unsupported message type ${type}.`);
  }
}
