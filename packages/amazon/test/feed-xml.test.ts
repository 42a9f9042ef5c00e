import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  buildCancellationFeed,
  buildOrderAcknowledgementFeed,
  buildOrderAdjustmentFeed,
  buildOrderFulfillmentFeed,
  type CancelReason,
  FeedValidationError,
  messageOutcomes,
  parseProcessingReport,
} from '../src/feed-xml.js';

const ORDER = '114-1234567-1234567';
const ITEM = '12345678901234';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  preserveOrder: true,
});

/** Element names in document order under a path, from the preserveOrder tree. */
function childNames(xml: string, path: string[]): string[] {
  let nodes = parser.parse(xml) as Record<string, unknown>[];
  for (const name of path) {
    const found = nodes.find((n) => name in n);
    nodes = (found?.[name] ?? []) as Record<string, unknown>[];
  }
  return nodes.map((n) => Object.keys(n).find((k) => k !== ':@') ?? '').filter((k) => k !== '#text');
}

describe('POST_ORDER_ACKNOWLEDGEMENT_DATA', () => {
  it('builds the envelope and a cancellation with CancelReason, in XSD element order', () => {
    const xml = buildCancellationFeed('A3SELLER', [
      { amazonOrderId: ORDER, reason: 'NoInventory', itemCodes: [ITEM] },
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(childNames(xml, ['AmazonEnvelope'])).toEqual(['Header', 'MessageType', 'Message']);
    expect(childNames(xml, ['AmazonEnvelope', 'Header'])).toEqual(['DocumentVersion', 'MerchantIdentifier']);
    expect(childNames(xml, ['AmazonEnvelope', 'Message'])).toEqual(['MessageID', 'OrderAcknowledgement']);
    expect(childNames(xml, ['AmazonEnvelope', 'Message', 'OrderAcknowledgement'])).toEqual([
      'AmazonOrderID',
      'StatusCode',
      'Item',
    ]);
    expect(childNames(xml, ['AmazonEnvelope', 'Message', 'OrderAcknowledgement', 'Item'])).toEqual([
      'AmazonOrderItemCode',
      'CancelReason',
    ]);
    expect(xml).toContain('<MessageType>OrderAcknowledgement</MessageType>');
    expect(xml).toContain('<CancelReason>NoInventory</CancelReason>');
  });

  it('validates its input', () => {
    expect(() => buildOrderAcknowledgementFeed('A3SELLER', [])).toThrow(FeedValidationError);
    expect(() =>
      buildOrderAcknowledgementFeed('', [{ amazonOrderId: ORDER, statusCode: 'Success' }]),
    ).toThrow(/merchantIdentifier/);
    expect(() =>
      buildOrderAcknowledgementFeed('S', [{ amazonOrderId: '114-123', statusCode: 'Success' }]),
    ).toThrow(/not an Amazon order id/);
    expect(() =>
      buildOrderAcknowledgementFeed('S', [
        {
          amazonOrderId: ORDER,
          statusCode: 'Success',
          items: [{ amazonOrderItemCode: ITEM, cancelReason: 'Bored' as CancelReason }],
        },
      ]),
    ).toThrow(/unknown CancelReason/);
    expect(() =>
      buildCancellationFeed('S', [{ amazonOrderId: ORDER, reason: 'NoInventory', itemCodes: [] }]),
    ).toThrow(/item codes/);
  });

  it('escapes text', () => {
    const xml = buildOrderAcknowledgementFeed('S&<M>', [
      { amazonOrderId: ORDER, merchantOrderId: 'A&B<1>', statusCode: 'Success' },
    ]);
    expect(xml).toContain('<MerchantIdentifier>S&amp;&lt;M&gt;</MerchantIdentifier>');
    expect(xml).toContain('<MerchantOrderID>A&amp;B&lt;1&gt;</MerchantOrderID>');
  });
});

describe('POST_ORDER_FULFILLMENT_DATA', () => {
  it('builds fulfillment data and items in XSD order, numbering messages', () => {
    const xml = buildOrderFulfillmentFeed('S', [
      {
        amazonOrderId: ORDER,
        merchantFulfillmentId: '77',
        fulfillmentDate: '2026-11-20T10:00:00Z',
        fulfillmentData: { carrierCode: 'UPS', shippingMethod: 'Ground', shipperTrackingNumber: '1Z9' },
        items: [{ amazonOrderItemCode: ITEM, quantity: 2 }],
      },
      {
        amazonOrderId: '114-7654321-7654321',
        fulfillmentDate: new Date('2026-11-20T11:00:00Z'),
        fulfillmentData: { carrierName: 'Local Courier' },
      },
    ]);
    expect(childNames(xml, ['AmazonEnvelope', 'Message', 'OrderFulfillment'])).toEqual([
      'AmazonOrderID',
      'MerchantFulfillmentID',
      'FulfillmentDate',
      'FulfillmentData',
      'Item',
    ]);
    expect(childNames(xml, ['AmazonEnvelope', 'Message', 'OrderFulfillment', 'FulfillmentData'])).toEqual([
      'CarrierCode',
      'ShippingMethod',
      'ShipperTrackingNumber',
    ]);
    expect(xml).toContain('<FulfillmentDate>2026-11-20T10:00:00.000Z</FulfillmentDate>');
    expect(xml.match(/<MessageID>(\d+)<\/MessageID>/g)).toEqual([
      '<MessageID>1</MessageID>',
      '<MessageID>2</MessageID>',
    ]);
    expect(xml).toContain('<CarrierName>Local Courier</CarrierName>');
  });

  it('validates its input', () => {
    const base = { amazonOrderId: ORDER, fulfillmentDate: '2026-11-20T10:00:00Z' };
    expect(() =>
      buildOrderFulfillmentFeed('S', [
        { ...base, fulfillmentData: { carrierCode: 'UPS', carrierName: 'UPS' } },
      ]),
    ).toThrow(/exactly one/);
    expect(() => buildOrderFulfillmentFeed('S', [{ ...base, fulfillmentDate: 'soon' }])).toThrow(
      /invalid date/,
    );
    expect(() =>
      buildOrderFulfillmentFeed('S', [{ ...base, items: [{ amazonOrderItemCode: ITEM, quantity: 0 }] }]),
    ).toThrow(/Quantity/);
    expect(() =>
      buildOrderFulfillmentFeed('S', [{ ...base, items: [{ amazonOrderItemCode: 'abc' }] }]),
    ).toThrow(/item code/);
  });
});

describe('POST_PAYMENT_ADJUSTMENT_DATA', () => {
  it('builds a refund with reason and price components, amounts exact in the currency’s precision', () => {
    const xml = buildOrderAdjustmentFeed('S', [
      {
        amazonOrderId: ORDER,
        actionType: 'Refund',
        items: [
          {
            amazonOrderItemCode: ITEM,
            adjustmentReason: 'CustomerReturn',
            components: [
              { type: 'Principal', amount: '19.9', currency: 'USD' },
              { type: 'Tax', amount: '1.64', currency: 'USD' },
            ],
          },
        ],
      },
    ]);
    expect(childNames(xml, ['AmazonEnvelope', 'Message', 'OrderAdjustment'])).toEqual([
      'AmazonOrderID',
      'ActionType',
      'AdjustedItem',
    ]);
    expect(childNames(xml, ['AmazonEnvelope', 'Message', 'OrderAdjustment', 'AdjustedItem'])).toEqual([
      'AmazonOrderItemCode',
      'AdjustmentReason',
      'ItemPriceAdjustments',
    ]);
    expect(xml).toContain('<Amount currency="USD">19.90</Amount>');
    expect(xml).toContain('<Amount currency="USD">1.64</Amount>');
    const yen = buildOrderAdjustmentFeed('S', [
      {
        amazonOrderId: ORDER,
        items: [
          {
            amazonOrderItemCode: ITEM,
            adjustmentReason: 'PriceError',
            components: [{ type: 'Principal', amount: '1500.00', currency: 'JPY' }],
          },
        ],
      },
    ]);
    expect(yen).toContain('<Amount currency="JPY">1500</Amount>');
  });

  it('validates its input', () => {
    const item = { amazonOrderItemCode: ITEM, adjustmentReason: 'CustomerReturn' as const };
    const build = (components: { type: 'Principal' | 'Tax'; amount: string; currency: string }[]) =>
      buildOrderAdjustmentFeed('S', [{ amazonOrderId: ORDER, items: [{ ...item, components }] }]);
    expect(() => build([])).toThrow(/at least one price Component/);
    expect(() => build([{ type: 'Principal', amount: '1.999', currency: 'USD' }])).toThrow(/precision/);
    expect(() => build([{ type: 'Principal', amount: '-1.00', currency: 'USD' }])).toThrow(/positive/);
    expect(() => build([{ type: 'Principal', amount: 'ten', currency: 'USD' }])).toThrow(/decimal/);
    expect(() => build([{ type: 'Principal', amount: '1.00', currency: 'usd' }])).toThrow(/currency/);
    expect(() =>
      build([
        { type: 'Principal', amount: '1.00', currency: 'USD' },
        { type: 'Tax', amount: '1.00', currency: 'EUR' },
      ]),
    ).toThrow(/one currency/);
    expect(() =>
      build([
        { type: 'Principal', amount: '1.00', currency: 'USD' },
        { type: 'Principal', amount: '1.00', currency: 'USD' },
      ]),
    ).toThrow(/twice/);
    expect(() => buildOrderAdjustmentFeed('S', [{ amazonOrderId: ORDER, items: [] }])).toThrow(
      /AdjustedItem/,
    );
  });
});

describe('processing reports', () => {
  const report = `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
  <Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>M_X</MerchantIdentifier></Header>
  <MessageType>ProcessingReport</MessageType>
  <Message>
    <MessageID>1</MessageID>
    <ProcessingReport>
      <DocumentTransactionID>50012345678</DocumentTransactionID>
      <StatusCode>Complete</StatusCode>
      <ProcessingSummary>
        <MessagesProcessed>3</MessagesProcessed><MessagesSuccessful>1</MessagesSuccessful>
        <MessagesWithError>1</MessagesWithError><MessagesWithWarning>1</MessagesWithWarning>
      </ProcessingSummary>
      <Result>
        <MessageID>2</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>18028</ResultMessageCode>
        <ResultDescription>The order id 114-1234567-1234567 was not found.</ResultDescription>
        <AdditionalInfo><AmazonOrderID>114-1234567-1234567</AmazonOrderID></AdditionalInfo>
      </Result>
      <Result>
        <MessageID>3</MessageID><ResultCode>Warning</ResultCode><ResultMessageCode>5000</ResultMessageCode>
        <ResultDescription>Something to look at.</ResultDescription>
      </Result>
    </ProcessingReport>
  </Message>
</AmazonEnvelope>`;

  it('parses into per-message outcomes', () => {
    const parsed = parseProcessingReport(report);
    expect(parsed).toMatchObject({
      documentTransactionId: '50012345678',
      statusCode: 'Complete',
      messagesProcessed: 3,
      messagesWithError: 1,
    });
    const outcomes = messageOutcomes(parsed, 3);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]?.errors[0]).toMatchObject({
      resultMessageCode: '18028',
      amazonOrderId: '114-1234567-1234567',
    });
    expect(outcomes[2]?.warnings).toHaveLength(1);
  });

  it('fails every message on a document-level error, and rejects non-reports', () => {
    const doc = report.replace(
      '<MessageID>2</MessageID><ResultCode>Error',
      '<MessageID>0</MessageID><ResultCode>Error',
    );
    expect(messageOutcomes(parseProcessingReport(doc), 3).every((o) => !o.ok)).toBe(true);
    expect(() => parseProcessingReport('<AmazonEnvelope><Message/></AmazonEnvelope>')).toThrow(
      FeedValidationError,
    );
  });
});
