/**
 * XML order feeds (POST_ORDER_ACKNOWLEDGEMENT_DATA, POST_ORDER_FULFILLMENT_DATA, POST_PAYMENT_ADJUSTMENT_DATA)
 * and their processing reports. Element names and order follow Amazon's XSDs (amzn-envelope.xsd,
 * OrderAcknowledgement.xsd, OrderFulfillment.xsd, OrderAdjustment.xsd). Every builder validates its input
 * and throws {@link FeedValidationError} instead of producing a feed Amazon would reject.
 */
import { type MoneyError, minorDigits, normalizeMoney } from '@saleschannel/domain';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export class FeedValidationError extends Error {
  override name = 'FeedValidationError';
}

export const CANCEL_REASONS = [
  'NoInventory',
  'ShippingAddressUndeliverable',
  'CustomerExchange',
  'BuyerCanceled',
  'GeneralAdjustment',
  'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid',
  'CarrierCoverageFailure',
  'CustomerReturn',
  'MerchandiseNotReceived',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const ADJUSTMENT_REASONS = [
  'NoInventory',
  'CustomerReturn',
  'GeneralAdjustment',
  'CouldNotShip',
  'DifferentItem',
  'Abandoned',
  'CustomerCancel',
  'PriceError',
  'ProductOutofStock',
  'CustomerAddressIncorrect',
  'Exchange',
  'Other',
  'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid',
  'CarrierCoverageFailure',
  'TransactionRecord',
  'Undeliverable',
  'RefusedDelivery',
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export const PRICE_COMPONENT_TYPES = [
  'Principal',
  'Shipping',
  'Tax',
  'ShippingTax',
  'RestockingFee',
  'RestockingFeeTax',
  'GiftWrap',
  'GiftWrapTax',
  'Surcharge',
  'ReturnShipping',
  'Goodwill',
  'ExportCharge',
  'COD',
  'CODTax',
  'Other',
  'FreeReplacementReturnShipping',
] as const;
export type PriceComponentType = (typeof PRICE_COMPONENT_TYPES)[number];

export const FEED_TYPES = {
  acknowledgement: 'POST_ORDER_ACKNOWLEDGEMENT_DATA',
  fulfillment: 'POST_ORDER_FULFILLMENT_DATA',
  adjustment: 'POST_PAYMENT_ADJUSTMENT_DATA',
} as const;

/** Content type to declare in createFeedDocument for XML feeds. */
export const XML_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export interface OrderAcknowledgementMessage {
  readonly amazonOrderId: string;
  readonly merchantOrderId?: string;
  /** `Failure` cancels the whole order; `Success` with item CancelReasons cancels those items. */
  readonly statusCode: 'Success' | 'Failure';
  readonly items?: readonly {
    readonly amazonOrderItemCode: string;
    readonly merchantOrderItemId?: string;
    readonly cancelReason?: CancelReason;
  }[];
}

export interface OrderFulfillmentMessage {
  readonly amazonOrderId: string;
  readonly merchantFulfillmentId?: string;
  readonly fulfillmentDate: Date | string;
  readonly fulfillmentData?: {
    /** One of Amazon's carrier codes; give `carrierName` instead for other carriers. */
    readonly carrierCode?: string;
    readonly carrierName?: string;
    readonly shippingMethod?: string;
    readonly shipperTrackingNumber?: string;
  };
  /** Items shipped; all items when omitted. */
  readonly items?: readonly { readonly amazonOrderItemCode: string; readonly quantity?: number }[];
}

export interface PriceComponent {
  readonly type: PriceComponentType;
  /** Decimal string, positive: the amount refunded. */
  readonly amount: string;
  readonly currency: string;
}

export interface OrderAdjustmentMessage {
  readonly amazonOrderId: string;
  readonly actionType?: 'Refund' | 'Cancel';
  readonly items: readonly {
    readonly amazonOrderItemCode: string;
    readonly merchantAdjustmentItemId?: string;
    readonly adjustmentReason: AdjustmentReason;
    readonly components: readonly PriceComponent[];
    readonly quantityCancelled?: number;
  }[];
}

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
const ITEM_CODE = /^\d{1,20}$/;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  suppressEmptyNode: true,
});

function envelope(
  merchantIdentifier: string,
  messageType: string,
  bodies: Record<string, unknown>[],
): string {
  if (!merchantIdentifier.trim()) {
    throw new FeedValidationError('merchantIdentifier (the seller id) is required');
  }
  if (bodies.length === 0) {
    throw new FeedValidationError('a feed needs at least one message');
  }
  const doc = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    AmazonEnvelope: {
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:noNamespaceSchemaLocation': 'amzn-envelope.xsd',
      Header: { DocumentVersion: '1.01', MerchantIdentifier: merchantIdentifier },
      MessageType: messageType,
      Message: bodies.map((body, index) => ({ MessageID: index + 1, [messageType]: body })),
    },
  };
  return builder.build(doc) as string;
}

function checkOrderId(id: string, where: string): void {
  if (!ORDER_ID.test(id)) {
    throw new FeedValidationError(`${where}: "${id}" is not an Amazon order id (3-7-7 digits)`);
  }
}

function checkItemCode(code: string, where: string): void {
  if (!ITEM_CODE.test(code)) {
    throw new FeedValidationError(`${where}: "${code}" is not an Amazon order item code`);
  }
}

function xmlDate(value: Date | string, where: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new FeedValidationError(`${where}: invalid date "${String(value)}"`);
  }
  return date.toISOString();
}

/** POST_ORDER_ACKNOWLEDGEMENT_DATA: acknowledge orders, or cancel them / some of their items. */
export function buildOrderAcknowledgementFeed(
  merchantIdentifier: string,
  messages: readonly OrderAcknowledgementMessage[],
): string {
  const bodies = messages.map((m, i) => {
    const where = `message ${i + 1}`;
    checkOrderId(m.amazonOrderId, where);
    if (m.statusCode !== 'Success' && m.statusCode !== 'Failure') {
      throw new FeedValidationError(`${where}: StatusCode must be Success or Failure`);
    }
    const items = (m.items ?? []).map((item) => {
      checkItemCode(item.amazonOrderItemCode, where);
      if (item.cancelReason !== undefined && !CANCEL_REASONS.includes(item.cancelReason)) {
        throw new FeedValidationError(`${where}: unknown CancelReason "${item.cancelReason}"`);
      }
      return {
        AmazonOrderItemCode: item.amazonOrderItemCode,
        MerchantOrderItemID: item.merchantOrderItemId,
        CancelReason: item.cancelReason,
      };
    });
    return {
      AmazonOrderID: m.amazonOrderId,
      MerchantOrderID: m.merchantOrderId,
      StatusCode: m.statusCode,
      ...(items.length ? { Item: items } : {}),
    };
  });
  return envelope(merchantIdentifier, 'OrderAcknowledgement', bodies);
}

/** Cancels whole orders or the listed items (POST_ORDER_ACKNOWLEDGEMENT_DATA with CancelReason). */
export function buildCancellationFeed(
  merchantIdentifier: string,
  cancellations: readonly {
    readonly amazonOrderId: string;
    readonly reason: CancelReason;
    /** Item codes to cancel; the order's items must all be listed to cancel the whole order. */
    readonly itemCodes: readonly string[];
  }[],
): string {
  return buildOrderAcknowledgementFeed(
    merchantIdentifier,
    cancellations.map((c) => {
      if (c.itemCodes.length === 0) {
        throw new FeedValidationError(`${c.amazonOrderId}: list the item codes to cancel`);
      }
      return {
        amazonOrderId: c.amazonOrderId,
        statusCode: 'Success' as const,
        items: c.itemCodes.map((code) => ({ amazonOrderItemCode: code, cancelReason: c.reason })),
      };
    }),
  );
}

/** POST_ORDER_FULFILLMENT_DATA: ship orders (carrier, method, tracking). */
export function buildOrderFulfillmentFeed(
  merchantIdentifier: string,
  messages: readonly OrderFulfillmentMessage[],
): string {
  const bodies = messages.map((m, i) => {
    const where = `message ${i + 1}`;
    checkOrderId(m.amazonOrderId, where);
    const data = m.fulfillmentData;
    if (data && Boolean(data.carrierCode) === Boolean(data.carrierName)) {
      throw new FeedValidationError(`${where}: give exactly one of carrierCode and carrierName`);
    }
    const items = (m.items ?? []).map((item) => {
      checkItemCode(item.amazonOrderItemCode, where);
      if (item.quantity !== undefined && (!Number.isInteger(item.quantity) || item.quantity < 1)) {
        throw new FeedValidationError(`${where}: Quantity must be a positive integer`);
      }
      return { AmazonOrderItemCode: item.amazonOrderItemCode, Quantity: item.quantity };
    });
    return {
      AmazonOrderID: m.amazonOrderId,
      MerchantFulfillmentID: m.merchantFulfillmentId,
      FulfillmentDate: xmlDate(m.fulfillmentDate, where),
      ...(data
        ? {
            FulfillmentData: {
              CarrierCode: data.carrierCode,
              CarrierName: data.carrierName,
              ShippingMethod: data.shippingMethod,
              ShipperTrackingNumber: data.shipperTrackingNumber,
            },
          }
        : {}),
      ...(items.length ? { Item: items } : {}),
    };
  });
  return envelope(merchantIdentifier, 'OrderFulfillment', bodies);
}

/** POST_PAYMENT_ADJUSTMENT_DATA: refunds per item with reason and price components. */
export function buildOrderAdjustmentFeed(
  merchantIdentifier: string,
  messages: readonly OrderAdjustmentMessage[],
): string {
  const bodies = messages.map((m, i) => {
    const where = `message ${i + 1}`;
    checkOrderId(m.amazonOrderId, where);
    if (m.items.length === 0) {
      throw new FeedValidationError(`${where}: at least one AdjustedItem is required`);
    }
    const items = m.items.map((item) => {
      checkItemCode(item.amazonOrderItemCode, where);
      if (!ADJUSTMENT_REASONS.includes(item.adjustmentReason)) {
        throw new FeedValidationError(`${where}: unknown AdjustmentReason "${item.adjustmentReason}"`);
      }
      if (item.components.length === 0) {
        throw new FeedValidationError(`${where}: at least one price Component is required`);
      }
      const seen = new Set<string>();
      const components = item.components.map((c) => {
        if (!PRICE_COMPONENT_TYPES.includes(c.type)) {
          throw new FeedValidationError(`${where}: unknown Component Type "${c.type}"`);
        }
        if (seen.has(c.type)) {
          throw new FeedValidationError(`${where}: Component ${c.type} appears twice for one item`);
        }
        seen.add(c.type);
        let money: { amount: string; currency: string };
        try {
          minorDigits(c.currency);
          money = normalizeMoney({ amount: c.amount, currency: c.currency });
        } catch (error) {
          throw new FeedValidationError(`${where}: ${(error as MoneyError).message}`);
        }
        if (money.amount.startsWith('-')) {
          throw new FeedValidationError(`${where}: refund amounts are positive, got ${c.amount}`);
        }
        return { Type: c.type, Amount: { '#text': money.amount, '@currency': money.currency } };
      });
      const currencies = new Set(item.components.map((c) => c.currency));
      if (currencies.size > 1) {
        throw new FeedValidationError(`${where}: all components of an item must use one currency`);
      }
      if (
        item.quantityCancelled !== undefined &&
        (!Number.isInteger(item.quantityCancelled) || item.quantityCancelled < 1)
      ) {
        throw new FeedValidationError(`${where}: QuantityCancelled must be a positive integer`);
      }
      return {
        AmazonOrderItemCode: item.amazonOrderItemCode,
        MerchantAdjustmentItemID: item.merchantAdjustmentItemId,
        AdjustmentReason: item.adjustmentReason,
        ItemPriceAdjustments: { Component: components },
        QuantityCancelled: item.quantityCancelled,
      };
    });
    return { AmazonOrderID: m.amazonOrderId, ActionType: m.actionType, AdjustedItem: items };
  });
  return envelope(merchantIdentifier, 'OrderAdjustment', bodies);
}

export interface ProcessingResult {
  readonly messageId: number;
  readonly resultCode: 'Error' | 'Warning' | string;
  readonly resultMessageCode: string;
  readonly description: string;
  readonly amazonOrderId?: string;
  readonly amazonOrderItemCode?: string;
}

export interface ProcessingReport {
  readonly documentTransactionId: string;
  readonly statusCode: string;
  readonly messagesProcessed: number;
  readonly messagesSuccessful: number;
  readonly messagesWithError: number;
  readonly messagesWithWarning: number;
  readonly results: readonly ProcessingResult[];
}

export interface MessageOutcome {
  readonly messageId: number;
  readonly ok: boolean;
  readonly errors: readonly ProcessingResult[];
  readonly warnings: readonly ProcessingResult[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'Result' || name === 'Message',
});

/** Number of `Message` elements in an XML feed envelope (0 when it is not one). */
export function countFeedMessages(xml: string): number {
  try {
    const doc = parser.parse(xml) as { AmazonEnvelope?: { Message?: unknown[] } };
    return doc.AmazonEnvelope?.Message?.length ?? 0;
  } catch {
    return 0;
  }
}

/** Parses an XML processing report (the result document of an XML feed). */
export function parseProcessingReport(xml: string): ProcessingReport {
  const doc = parser.parse(xml) as Record<string, unknown>;
  const envelopeNode = doc.AmazonEnvelope as { Message?: { ProcessingReport?: unknown }[] } | undefined;
  const report = (envelopeNode?.Message?.[0]?.ProcessingReport ?? doc.ProcessingReport) as
    | Record<string, unknown>
    | undefined;
  if (!report) {
    throw new FeedValidationError('not a processing report: no ProcessingReport element');
  }
  const summary = (report.ProcessingSummary ?? {}) as Record<string, string>;
  const num = (v: string | undefined) => Number.parseInt(v ?? '0', 10) || 0;
  const results = ((report.Result ?? []) as Record<string, unknown>[]).map((r) => {
    const info = (r.AdditionalInfo ?? {}) as Record<string, string>;
    return {
      messageId: num(r.MessageID as string),
      resultCode: String(r.ResultCode ?? ''),
      resultMessageCode: String(r.ResultMessageCode ?? ''),
      description: String(r.ResultDescription ?? ''),
      ...(info.AmazonOrderID ? { amazonOrderId: info.AmazonOrderID } : {}),
      ...(info.AmazonOrderItemCode ? { amazonOrderItemCode: info.AmazonOrderItemCode } : {}),
    };
  });
  return {
    documentTransactionId: String(report.DocumentTransactionID ?? ''),
    statusCode: String(report.StatusCode ?? ''),
    messagesProcessed: num(summary.MessagesProcessed),
    messagesSuccessful: num(summary.MessagesSuccessful),
    messagesWithError: num(summary.MessagesWithError),
    messagesWithWarning: num(summary.MessagesWithWarning),
    results,
  };
}

/**
 * One outcome per message id 1…count: ok unless the report lists an error for it. A document-level error
 * (MessageID 0) fails every message.
 */
export function messageOutcomes(report: ProcessingReport, count: number): MessageOutcome[] {
  const documentErrors = report.results.filter((r) => r.messageId === 0 && r.resultCode === 'Error');
  const outcomes: MessageOutcome[] = [];
  for (let id = 1; id <= count; id++) {
    const mine = report.results.filter((r) => r.messageId === id);
    const errors = [...documentErrors, ...mine.filter((r) => r.resultCode === 'Error')];
    outcomes.push({
      messageId: id,
      ok: errors.length === 0,
      errors,
      warnings: mine.filter((r) => r.resultCode === 'Warning'),
    });
  }
  return outcomes;
}
