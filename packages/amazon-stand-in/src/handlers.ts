/** The SP-API operations, served from the scenario store. */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { processFeed } from './feed-processing.js';
import { iso, type PiiGrant, render2026Order, renderV0Item, renderV0Order } from './render.js';
import type { Account, FeedRecord, OrderRecord, ScenarioStore } from './store.js';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
  }
}

export interface HandlerContext {
  readonly store: ScenarioStore;
  readonly account: Account;
  readonly query: URLSearchParams;
  readonly params: Record<string, string>;
  readonly body: unknown;
  readonly pii: PiiGrant;
  readonly baseUrl: string;
  readonly feedTiming: { queueMs: number; processingMs: number };
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
}

type Handler = (ctx: HandlerContext) => HandlerResult;

const TWO_MINUTES = 120_000;
const DAY = 86_400_000;

const invalidInput = (message: string, details?: string) =>
  new ApiFailure(400, 'InvalidInput', message, details);
const notFound = (message: string) => new ApiFailure(404, 'NotFound', message);

function list(query: URLSearchParams, name: string): string[] | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value.split(',');
}

function date(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) {
    return undefined;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw invalidInput(`${name} is not a valid ISO 8601 date-time`, value);
  }
  return ms;
}

interface PageToken {
  readonly key: string;
  readonly offset: number;
  readonly before: number;
  readonly issuedAt: number;
}

const encodeToken = (token: PageToken) => Buffer.from(JSON.stringify(token)).toString('base64url');

function decodeToken(value: string): PageToken {
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as PageToken;
    if (typeof token.offset === 'number' && typeof token.key === 'string') {
      return token;
    }
  } catch {
    // fall through
  }
  throw invalidInput('Invalid pagination token', value);
}

interface Range {
  readonly field: 'createdAt' | 'lastUpdatedAt';
  readonly after: number;
  readonly before: number;
  readonly beforeName: string;
}

/** Amazon's date rules shared by both Orders versions. */
function dateRange(
  ctx: HandlerContext,
  names: [string, string, string, string],
  orderIds: boolean,
): Range | undefined {
  const [ca, cb, ua, ub] = names;
  const createdAfter = date(ctx.query, ca);
  const createdBefore = date(ctx.query, cb);
  const updatedAfter = date(ctx.query, ua);
  const updatedBefore = date(ctx.query, ub);
  if (createdAfter === undefined && updatedAfter === undefined) {
    if (orderIds) {
      return undefined;
    }
    throw invalidInput(`Either ${ca} or ${ua} is required.`);
  }
  if (createdAfter !== undefined && updatedAfter !== undefined) {
    throw invalidInput(`${ca} and ${ua} cannot be used together.`);
  }
  if (
    (createdAfter !== undefined && updatedBefore !== undefined) ||
    (updatedAfter !== undefined && createdBefore !== undefined)
  ) {
    throw invalidInput(`Created and LastUpdated date filters cannot be mixed.`);
  }
  const latest = ctx.store.clock.now() - TWO_MINUTES;
  const created = createdAfter !== undefined;
  const after = (created ? createdAfter : updatedAfter) as number;
  const before = created ? createdBefore : updatedBefore;
  const beforeName = created ? cb : ub;
  if (before !== undefined && before > latest) {
    throw invalidInput(`${beforeName} must be a date at least two minutes before the time of the request.`);
  }
  if (before !== undefined && before < after) {
    throw invalidInput(`${beforeName} must be equal to or after ${created ? ca : ua}.`);
  }
  if (after > latest) {
    throw invalidInput(`${created ? ca : ua} must be at least two minutes before the time of the request.`);
  }
  return { field: created ? 'createdAt' : 'lastUpdatedAt', after, before: before ?? latest, beforeName };
}

function page<T>(
  ctx: HandlerContext,
  all: T[],
  size: number,
  tokenName: string,
  key: string,
  before: number,
  expiresMs?: number,
): { items: T[]; next?: string; before: number } {
  let offset = 0;
  let bound = before;
  const raw = ctx.query.get(tokenName);
  if (raw) {
    const token = decodeToken(raw);
    if (token.key !== key) {
      throw invalidInput(
        `When ${tokenName} is used, every other parameter must have the same value as in the original request.`,
      );
    }
    if (expiresMs !== undefined && ctx.store.clock.now() - token.issuedAt > expiresMs) {
      throw invalidInput(`The ${tokenName} has expired.`);
    }
    offset = token.offset;
    bound = token.before;
  }
  const items = all.slice(offset, offset + size);
  const next =
    offset + size < all.length
      ? encodeToken({ key, offset: offset + size, before: bound, issuedAt: ctx.store.clock.now() })
      : undefined;
  return { items, next, before: bound };
}

function sellerOrder(ctx: HandlerContext): OrderRecord {
  const id = ctx.params.orderId ?? '';
  const order = ctx.store.visibleOrder(ctx.account.sellerId, id);
  if (!order) {
    throw notFound(`Order ${id} was not found.`);
  }
  return order;
}

function searchV0(ctx: HandlerContext): HandlerResult {
  const q = ctx.query;
  const marketplaces = list(q, 'MarketplaceIds') ?? [];
  const orderIds = list(q, 'AmazonOrderIds');
  const range = q.get('NextToken')
    ? undefined
    : dateRange(ctx, ['CreatedAfter', 'CreatedBefore', 'LastUpdatedAfter', 'LastUpdatedBefore'], !!orderIds);
  let token: PageToken | undefined;
  if (q.get('NextToken')) {
    token = decodeToken(q.get('NextToken') ?? '');
  }
  const keyParams = new URLSearchParams(q);
  keyParams.delete('NextToken');
  keyParams.delete('MaxResultsPerPage');
  const key = token?.key ?? keyParams.toString();
  const effective = token ? new URLSearchParams(token.key) : q;
  const r =
    range ??
    (token
      ? {
          field: effective.get('CreatedAfter') ? ('createdAt' as const) : ('lastUpdatedAt' as const),
          after: Date.parse(
            effective.get('CreatedAfter') ?? effective.get('LastUpdatedAfter') ?? '1970-01-01',
          ),
          before: token.before,
          beforeName: effective.get('CreatedAfter') ? 'CreatedBefore' : 'LastUpdatedBefore',
        }
      : undefined);
  const statuses = list(effective, 'OrderStatuses');
  const channels = list(effective, 'FulfillmentChannels');
  const sellerOrderId = effective.get('SellerOrderId');
  const buyerEmail = effective.get('BuyerEmail');
  const ids = list(effective, 'AmazonOrderIds');
  let orders = ctx.store
    .visibleOrders(ctx.account.sellerId)
    .filter((o) => marketplaces.includes(o.marketplaceId))
    .filter((o) => !r || (o[r.field] >= r.after && o[r.field] <= r.before))
    .filter((o) => !statuses || statuses.includes(o.status))
    .filter((o) => !channels || channels.includes(o.fulfillmentChannel))
    .filter((o) => !sellerOrderId || o.sellerOrderId === sellerOrderId)
    .filter((o) => !buyerEmail || o.buyer?.email === buyerEmail)
    .filter((o) => !ids || ids.includes(o.amazonOrderId));
  const field = r?.field ?? 'createdAt';
  orders = orders.sort((a, b) => a[field] - b[field] || a.amazonOrderId.localeCompare(b.amazonOrderId));
  const size = Number(q.get('MaxResultsPerPage') ?? 100);
  const result = page(ctx, orders, size, 'NextToken', key, r?.before ?? ctx.store.clock.now() - TWO_MINUTES);
  return {
    status: 200,
    body: {
      payload: {
        Orders: result.items.map((o) => renderV0Order(o, ctx.pii)),
        ...(result.next ? { NextToken: result.next } : {}),
        ...(r?.field === 'lastUpdatedAt'
          ? { LastUpdatedBefore: iso(result.before) }
          : { CreatedBefore: iso(result.before) }),
      },
    },
  };
}

const includedData = (ctx: HandlerContext) => new Set(list(ctx.query, 'includedData') ?? []);

function search2026(ctx: HandlerContext): HandlerResult {
  const q = ctx.query;
  const range = dateRange(
    ctx,
    ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore'],
    false,
  ) as Range;
  const marketplaces = list(q, 'marketplaceIds');
  const statuses = list(q, 'fulfillmentStatuses');
  const fulfilledBy = list(q, 'fulfilledBy');
  const keyParams = new URLSearchParams(q);
  for (const name of ['paginationToken', 'maxResultsPerPage', 'includedData']) {
    keyParams.delete(name);
  }
  keyParams.sort();
  const STATUS: Record<string, string> = {
    PendingAvailability: 'PENDING_AVAILABILITY',
    Pending: 'PENDING',
    Unshipped: 'UNSHIPPED',
    PartiallyShipped: 'PARTIALLY_SHIPPED',
    Shipped: 'SHIPPED',
    Canceled: 'CANCELLED',
    Unfulfillable: 'UNFULFILLABLE',
  };
  const token = q.get('paginationToken') ? decodeToken(q.get('paginationToken') ?? '') : undefined;
  const before = token?.before ?? range.before;
  const orders = ctx.store
    .visibleOrders(ctx.account.sellerId)
    .filter((o) => !marketplaces || marketplaces.includes(o.marketplaceId))
    .filter((o) => o[range.field] >= range.after && o[range.field] <= before)
    .filter((o) => !statuses || statuses.includes(STATUS[o.status] ?? ''))
    .filter(
      (o) => !fulfilledBy || fulfilledBy.includes(o.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT'),
    )
    .sort((a, b) => a[range.field] - b[range.field] || a.amazonOrderId.localeCompare(b.amazonOrderId));
  const size = Number(q.get('maxResultsPerPage') ?? 100);
  const result = page(ctx, orders, size, 'paginationToken', keyParams.toString(), range.before, DAY);
  const included = includedData(ctx);
  return {
    status: 200,
    body: {
      orders: result.items.map((o) => render2026Order(o, included, ctx.account.piiRoles)),
      ...(result.next ? { pagination: { nextToken: result.next } } : {}),
      ...(range.field === 'lastUpdatedAt'
        ? { lastUpdatedBefore: iso(result.before) }
        : { createdBefore: iso(result.before) }),
    },
  };
}

function feedView(feed: FeedRecord): Record<string, unknown> {
  return {
    feedId: feed.feedId,
    feedType: feed.feedType,
    marketplaceIds: feed.marketplaceIds,
    createdTime: iso(feed.createdAt),
    processingStatus: feed.status,
    ...(feed.processingStartAt !== undefined ? { processingStartTime: iso(feed.processingStartAt) } : {}),
    ...(feed.processingEndAt !== undefined ? { processingEndTime: iso(feed.processingEndAt) } : {}),
    ...(feed.resultFeedDocumentId ? { resultFeedDocumentId: feed.resultFeedDocumentId } : {}),
  };
}

/** Moves a feed along IN_QUEUE → IN_PROGRESS → DONE as virtual time passes, processing it once. */
export function advanceFeed(ctx: Pick<HandlerContext, 'store' | 'feedTiming'>, feed: FeedRecord): void {
  const now = ctx.store.clock.now();
  if (feed.status === 'IN_QUEUE' && now >= feed.createdAt + ctx.feedTiming.queueMs) {
    feed.status = 'IN_PROGRESS';
    feed.processingStartAt = feed.createdAt + ctx.feedTiming.queueMs;
  }
  if (feed.status === 'IN_PROGRESS' && now >= (feed.processingStartAt ?? now) + ctx.feedTiming.processingMs) {
    const input = ctx.store.documents.get(feed.inputFeedDocumentId);
    const content = input?.content?.toString('utf8') ?? '';
    const result = processFeed(ctx.store, feed.sellerId, feed.feedType, content, feed.feedId);
    const reportId = `amzn1.tortuga.4.na.${randomUUID()}`;
    ctx.store.documents.set(reportId, {
      id: reportId,
      sellerId: feed.sellerId,
      contentType: 'text/xml; charset=UTF-8',
      createdAt: now,
      content: gzipSync(Buffer.from(result.report, 'utf8')),
      compression: 'GZIP',
    });
    feed.status = result.fatal ? 'FATAL' : 'DONE';
    feed.processingEndAt = now;
    feed.resultFeedDocumentId = reportId;
  }
}

function sellerFeed(ctx: HandlerContext): FeedRecord {
  const feed = ctx.store.feeds.get(ctx.params.feedId ?? '');
  if (!feed || feed.sellerId !== ctx.account.sellerId) {
    throw notFound(`Feed ${ctx.params.feedId} was not found.`);
  }
  advanceFeed(ctx, feed);
  return feed;
}

function documentUrl(ctx: HandlerContext, id: string): string {
  const signature = Buffer.from(`${id}:${ctx.store.clock.now()}`).toString('base64url');
  return `${ctx.baseUrl}/_documents/${encodeURIComponent(id)}?X-Amz-Expires=300&X-Amz-Signature=${signature}`;
}

function destinationView(d: { destinationId: string; name: string; resource: unknown }) {
  return { destinationId: d.destinationId, name: d.name, resource: d.resource };
}

export const HANDLERS: Record<string, Handler> = {
  'orders-v0.getOrders': searchV0,
  'orders-v0.getOrder': (ctx) => ({
    status: 200,
    body: { payload: renderV0Order(sellerOrder(ctx), ctx.pii) },
  }),
  'orders-v0.getOrderItems': (ctx) => {
    const order = sellerOrder(ctx);
    return {
      status: 200,
      body: {
        payload: {
          AmazonOrderId: order.amazonOrderId,
          OrderItems: order.items.map((i) => renderV0Item(order, i, ctx.pii)),
        },
      },
    };
  },
  'orders-v0.getOrderAddress': (ctx) => {
    const order = sellerOrder(ctx);
    const rendered = renderV0Order(order, ctx.pii);
    return {
      status: 200,
      body: {
        payload: {
          AmazonOrderId: order.amazonOrderId,
          ...(rendered.ShippingAddress ? { ShippingAddress: rendered.ShippingAddress } : {}),
        },
      },
    };
  },
  'orders-v0.getOrderBuyerInfo': (ctx) => {
    const order = sellerOrder(ctx);
    const buyer =
      ctx.pii.buyerInfo && order.buyer ? { BuyerEmail: order.buyer.email, BuyerName: order.buyer.name } : {};
    return { status: 200, body: { payload: { AmazonOrderId: order.amazonOrderId, ...buyer } } };
  },
  'orders-v0.getOrderItemsBuyerInfo': (ctx) => {
    const order = sellerOrder(ctx);
    return {
      status: 200,
      body: {
        payload: {
          AmazonOrderId: order.amazonOrderId,
          OrderItems: order.items.map((i) => ({ OrderItemId: i.orderItemId })),
        },
      },
    };
  },
  'orders-v0.getOrderRegulatedInfo': (ctx) => {
    const order = sellerOrder(ctx);
    throw invalidInput(`Order ${order.amazonOrderId} has no regulated items.`);
  },
  'orders-v0.updateVerificationStatus': (ctx) => {
    const order = sellerOrder(ctx);
    throw invalidInput(`Order ${order.amazonOrderId} has no regulated items.`);
  },
  'orders-v0.updateShipmentStatus': (ctx) => {
    const order = sellerOrder(ctx);
    const body = ctx.body as { marketplaceId: string };
    if (body.marketplaceId !== order.marketplaceId) {
      throw invalidInput(`marketplaceId ${body.marketplaceId} does not match order ${order.amazonOrderId}.`);
    }
    store_touch(ctx, order, 'ShipmentStatusUpdated');
    return { status: 204 };
  },
  'orders-v0.confirmShipment': (ctx) => {
    const order = sellerOrder(ctx);
    const body = ctx.body as {
      marketplaceId: string;
      packageDetail: {
        packageReferenceId: string;
        carrierCode: string;
        carrierName?: string;
        shippingMethod?: string;
        trackingNumber: string;
        shipDate: string;
        orderItems: { orderItemId: string; quantity: number }[];
      };
    };
    const detail = body.packageDetail;
    if (body.marketplaceId !== order.marketplaceId) {
      throw invalidInput(`marketplaceId ${body.marketplaceId} does not match order ${order.amazonOrderId}.`);
    }
    if (!/^[1-9]\d*$/.test(detail.packageReferenceId)) {
      throw invalidInput('packageReferenceId must be a positive numeric value.');
    }
    if (Number.isNaN(Date.parse(detail.shipDate)) || !/^\d{4}-\d{2}-\d{2}T/.test(detail.shipDate)) {
      throw invalidInput('shipDate must be an ISO 8601 date-time.');
    }
    if (detail.carrierCode === 'Other' && !detail.carrierName) {
      throw invalidInput('carrierName is required when carrierCode is Other.');
    }
    if (order.fulfillmentChannel === 'AFN') {
      throw invalidInput(`Order ${order.amazonOrderId} is fulfilled by Amazon.`);
    }
    if (order.status === 'Canceled' || order.status === 'Pending' || order.status === 'PendingAvailability') {
      throw invalidInput(`Order ${order.amazonOrderId} is ${order.status} and cannot be shipped.`);
    }
    for (const line of detail.orderItems) {
      const item = order.items.find((i) => i.orderItemId === line.orderItemId);
      if (!item) {
        throw invalidInput(`OrderItemId ${line.orderItemId} is invalid.`);
      }
      const open = item.quantityOrdered - item.quantityCancelled - item.quantityShipped;
      const existing = order.shipments.find((s) => s.packageReferenceId === detail.packageReferenceId);
      if (!existing && line.quantity > open) {
        throw invalidInput(
          `Quantity ${line.quantity} of item ${line.orderItemId} exceeds the ${open} left to ship.`,
        );
      }
    }
    const existing = order.shipments.findIndex((s) => s.packageReferenceId === detail.packageReferenceId);
    const shipment = {
      at: Date.parse(detail.shipDate),
      carrier: detail.carrierName ?? detail.carrierCode,
      shippingMethod: detail.shippingMethod,
      trackingNumber: detail.trackingNumber,
      packageReferenceId: detail.packageReferenceId,
      items: detail.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      via: 'confirmShipment' as const,
    };
    if (existing >= 0) {
      // Confirming the same package again edits its details.
      order.shipments[existing] = shipment;
      store_touch(ctx, order, 'ShipmentEdited');
    } else {
      ctx.store.ship(order, shipment);
    }
    return { status: 204 };
  },

  'orders-2026-01-01.searchOrders': search2026,
  'orders-2026-01-01.getOrder': (ctx) => ({
    status: 200,
    body: { order: render2026Order(sellerOrder(ctx), includedData(ctx), ctx.account.piiRoles) },
  }),

  'feeds.createFeedDocument': (ctx) => {
    const { contentType } = ctx.body as { contentType: string };
    const id = `amzn1.tortuga.4.na.${randomUUID()}`;
    ctx.store.documents.set(id, {
      id,
      sellerId: ctx.account.sellerId,
      contentType,
      createdAt: ctx.store.clock.now(),
    });
    return { status: 201, body: { feedDocumentId: id, url: documentUrl(ctx, id) } };
  },
  'feeds.createFeed': (ctx) => {
    const spec = ctx.body as { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string };
    const document = ctx.store.documents.get(spec.inputFeedDocumentId);
    if (!document || document.sellerId !== ctx.account.sellerId) {
      throw invalidInput(`inputFeedDocumentId ${spec.inputFeedDocumentId} is invalid.`);
    }
    if (!document.content) {
      throw invalidInput(`No content was uploaded for document ${spec.inputFeedDocumentId}.`);
    }
    if (ctx.store.clock.now() - document.createdAt > 2 * DAY) {
      throw invalidInput(`Document ${spec.inputFeedDocumentId} has expired.`);
    }
    const feedId = ctx.store.nextId('5000');
    ctx.store.feeds.set(feedId, {
      feedId,
      sellerId: ctx.account.sellerId,
      feedType: spec.feedType,
      marketplaceIds: spec.marketplaceIds,
      inputFeedDocumentId: spec.inputFeedDocumentId,
      createdAt: ctx.store.clock.now(),
      status: 'IN_QUEUE',
    });
    return { status: 202, body: { feedId } };
  },
  'feeds.getFeed': (ctx) => ({ status: 200, body: feedView(sellerFeed(ctx)) }),
  'feeds.getFeeds': (ctx) => {
    const types = list(ctx.query, 'feedTypes');
    const statuses = list(ctx.query, 'processingStatuses');
    const feeds = [...ctx.store.feeds.values()]
      .filter((f) => f.sellerId === ctx.account.sellerId)
      .map((f) => {
        advanceFeed(ctx, f);
        return f;
      })
      .filter((f) => !types || types.includes(f.feedType))
      .filter((f) => !statuses || statuses.includes(f.status));
    const size = Number(ctx.query.get('pageSize') ?? 10);
    const result = page(ctx, feeds, size, 'nextToken', 'feeds', ctx.store.clock.now());
    return {
      status: 200,
      body: { feeds: result.items.map(feedView), ...(result.next ? { nextToken: result.next } : {}) },
    };
  },
  'feeds.cancelFeed': (ctx) => {
    const feed = sellerFeed(ctx);
    if (feed.status !== 'IN_QUEUE') {
      throw invalidInput(`Feed ${feed.feedId} is ${feed.status} and can no longer be cancelled.`);
    }
    feed.status = 'CANCELLED';
    return { status: 200 };
  },
  'feeds.getFeedDocument': (ctx) => {
    const document = ctx.store.documents.get(ctx.params.feedDocumentId ?? '');
    if (!document || document.sellerId !== ctx.account.sellerId) {
      throw notFound(`Document ${ctx.params.feedDocumentId} was not found.`);
    }
    return {
      status: 200,
      body: {
        feedDocumentId: document.id,
        url: documentUrl(ctx, document.id),
        ...(document.compression ? { compressionAlgorithm: document.compression } : {}),
      },
    };
  },

  'notifications.createDestination': (ctx) => {
    const body = ctx.body as {
      name: string;
      resourceSpecification: { sqs?: { arn: string }; eventBridge?: { region: string; accountId: string } };
    };
    const spec = body.resourceSpecification;
    if (!spec.sqs && !spec.eventBridge) {
      throw invalidInput('resourceSpecification needs sqs or eventBridge.');
    }
    const destinationId = randomUUID();
    const resource = spec.sqs
      ? { sqs: { arn: spec.sqs.arn } }
      : {
          eventBridge: {
            name: `aws.partner/sellingpartnerapi.amazon.com/${spec.eventBridge?.accountId}/${destinationId}`,
            region: spec.eventBridge?.region,
            accountId: spec.eventBridge?.accountId,
          },
        };
    const destination = { destinationId, name: body.name, resource };
    ctx.store.destinations.set(destinationId, destination);
    return { status: 200, body: { payload: destinationView(destination) } };
  },
  'notifications.getDestinations': (ctx) => ({
    status: 200,
    body: { payload: [...ctx.store.destinations.values()].map(destinationView) },
  }),
  'notifications.getDestination': (ctx) => {
    const d = ctx.store.destinations.get(ctx.params.destinationId ?? '');
    if (!d) {
      throw notFound(`Destination ${ctx.params.destinationId} was not found.`);
    }
    return { status: 200, body: { payload: destinationView(d) } };
  },
  'notifications.deleteDestination': (ctx) => {
    if (!ctx.store.destinations.delete(ctx.params.destinationId ?? '')) {
      throw notFound(`Destination ${ctx.params.destinationId} was not found.`);
    }
    return { status: 200, body: {} };
  },
  'notifications.createSubscription': (ctx) => {
    const type = ctx.params.notificationType ?? '';
    const body = ctx.body as { payloadVersion: string; destinationId: string; processingDirective?: unknown };
    if (!ctx.store.destinations.has(body.destinationId)) {
      throw invalidInput(`Destination ${body.destinationId} does not exist.`);
    }
    const existing = [...ctx.store.subscriptions.values()].find(
      (s) => s.notificationType === type && s.sellerId === ctx.account.sellerId,
    );
    if (existing) {
      throw new ApiFailure(
        409,
        'Conflict',
        `A subscription for ${type} already exists: ${existing.subscriptionId}`,
      );
    }
    const subscription = {
      subscriptionId: randomUUID(),
      notificationType: type,
      sellerId: ctx.account.sellerId,
      payloadVersion: body.payloadVersion,
      destinationId: body.destinationId,
      ...(body.processingDirective ? { processingDirective: body.processingDirective } : {}),
      createdAt: ctx.store.clock.now(),
    };
    ctx.store.subscriptions.set(subscription.subscriptionId, subscription);
    return { status: 200, body: { payload: subscriptionView(subscription) } };
  },
  'notifications.getSubscription': (ctx) => {
    const s = [...ctx.store.subscriptions.values()].find(
      (x) => x.notificationType === ctx.params.notificationType && x.sellerId === ctx.account.sellerId,
    );
    if (!s) {
      throw notFound(`No subscription for ${ctx.params.notificationType}.`);
    }
    return { status: 200, body: { payload: subscriptionView(s) } };
  },
  'notifications.getSubscriptions': (ctx) => {
    const types = list(ctx.query, 'notificationTypes') ?? [];
    const subs = [...ctx.store.subscriptions.values()].filter(
      (s) => types.includes(s.notificationType) && s.sellerId === ctx.account.sellerId,
    );
    return { status: 200, body: { payload: { subscriptions: subs.map(subscriptionView) } } };
  },
  'notifications.getSubscriptionById': (ctx) => {
    const s = ctx.store.subscriptions.get(ctx.params.subscriptionId ?? '');
    if (!s || s.notificationType !== ctx.params.notificationType) {
      throw notFound(`Subscription ${ctx.params.subscriptionId} was not found.`);
    }
    return { status: 200, body: { payload: subscriptionView(s) } };
  },
  'notifications.deleteSubscriptionById': (ctx) => {
    const s = ctx.store.subscriptions.get(ctx.params.subscriptionId ?? '');
    if (!s || s.notificationType !== ctx.params.notificationType) {
      throw notFound(`Subscription ${ctx.params.subscriptionId} was not found.`);
    }
    ctx.store.subscriptions.delete(s.subscriptionId);
    return { status: 200, body: {} };
  },
};

function subscriptionView(s: {
  subscriptionId: string;
  payloadVersion: string;
  destinationId: string;
  processingDirective?: unknown;
}) {
  return {
    subscriptionId: s.subscriptionId,
    payloadVersion: s.payloadVersion,
    destinationId: s.destinationId,
    ...(s.processingDirective ? { processingDirective: s.processingDirective } : {}),
  };
}

function store_touch(ctx: HandlerContext, order: OrderRecord, reason: string): void {
  ctx.store.touch(order, 'OrderStatusChange', reason);
}
