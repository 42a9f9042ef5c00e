import type { Shipment as CommerceShipment, Track } from '@saleschannel/commerce';
import { type AmazonOrderRow, type DbOrTx, outboundActions } from '@saleschannel/db';
import { amazonCarrierFor } from '@saleschannel/domain';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import type { SyncContext } from '../sync/context.js';
import { discoverDocuments, fromCommerceTime, ItemResolver, orderForCommerceOrder } from './common.js';
import { recordOutboundAction, transitionOutbound } from './state.js';

/** What a shipment confirmation sends (stored as the action's payload; no buyer data). */
export interface ShipmentPayload {
  readonly [key: string]: unknown;
  readonly commerceShipmentId: number;
  readonly commerceShipmentIncrementId: string | null;
  readonly commerceOrderId: number;
  /** The Commerce shipment id: positive, numeric and the same on every retry, so Amazon sees one package. */
  readonly packageReferenceId: string;
  readonly carrierCode: string;
  readonly carrierName?: string;
  readonly commerceCarrierCode: string;
  readonly carrierTitle: string;
  readonly trackingNumber: string;
  readonly shipDate: string;
  readonly items: readonly {
    readonly orderItemId: string;
    readonly quantity: number;
    readonly sku: string | null;
  }[];
  /** More tracks on the same Commerce shipment: Amazon takes one tracking number per package. */
  readonly otherTrackingNumbers: readonly string[];
}

export function shipmentKey(accountId: string, commerceShipmentId: number): string {
  return `ship:${accountId}:${commerceShipmentId}`;
}

/** The shipment's first track (by id), or none: a shipment without tracking is not confirmed until it has one. */
function firstTrack(shipment: CommerceShipment): Track | undefined {
  return [...(shipment.tracks ?? [])]
    .filter((track) => (track.track_number ?? '').trim() !== '')
    .sort((a, b) => (a.entity_id ?? 0) - (b.entity_id ?? 0))[0];
}

type Mapped =
  | { readonly ok: true; readonly payload: ShipmentPayload }
  | { readonly ok: false; readonly payload: Record<string, unknown>; readonly problem: string };

/** Maps a Commerce shipment of an imported MFN order to a confirmShipment for exactly its items and quantities. */
async function mapShipment(
  resolver: ItemResolver,
  order: AmazonOrderRow,
  shipment: CommerceShipment,
  track: Track,
): Promise<Mapped> {
  const lines = (shipment.items ?? []).filter((item) => Number(item.qty) > 0);
  const { byCommerceItem } = await resolver.resolve(
    order,
    lines.map((line) => line.order_item_id),
  );
  const carrier = amazonCarrierFor(track.carrier_code ?? '', track.title);
  const quantities = new Map<string, { quantity: number; sku: string | null }>();
  const problems: string[] = [];
  for (const line of lines) {
    const amazonItem = byCommerceItem.get(line.order_item_id);
    const qty = Number(line.qty);
    if (!amazonItem) {
      problems.push(
        `item ${line.sku ?? line.order_item_id} is not a line of Amazon order ${order.amazonOrderId}`,
      );
      continue;
    }
    if (!Number.isInteger(qty)) {
      problems.push(`item ${line.sku ?? line.order_item_id} ships a fractional quantity (${qty})`);
      continue;
    }
    const previous = quantities.get(amazonItem.orderItemId);
    quantities.set(amazonItem.orderItemId, {
      quantity: (previous?.quantity ?? 0) + qty,
      sku: amazonItem.sellerSku,
    });
  }
  const createdAt = fromCommerceTime(shipment.created_at) ?? new Date();
  const payload: ShipmentPayload = {
    commerceShipmentId: shipment.entity_id,
    commerceShipmentIncrementId: shipment.increment_id ?? null,
    commerceOrderId: shipment.order_id,
    packageReferenceId: String(shipment.entity_id),
    carrierCode: carrier.carrierCode,
    ...(carrier.carrierName ? { carrierName: carrier.carrierName } : {}),
    commerceCarrierCode: track.carrier_code ?? '',
    carrierTitle: track.title ?? '',
    trackingNumber: track.track_number.trim(),
    shipDate: createdAt.toISOString(),
    items: [...quantities].map(([orderItemId, line]) => ({
      orderItemId,
      quantity: line.quantity,
      sku: line.sku,
    })),
    otherTrackingNumbers: (shipment.tracks ?? [])
      .filter((t) => t !== track && (t.track_number ?? '').trim() !== '')
      .map((t) => t.track_number.trim()),
  };
  if (problems.length === 0 && payload.items.length === 0) {
    problems.push('the shipment has no items');
  }
  return problems.length > 0 ? { ok: false, payload, problem: problems.join('; ') } : { ok: true, payload };
}

/** Why a shipment is not for Amazon, or undefined when it is. */
function notForAmazon(order: AmazonOrderRow | undefined): string | undefined {
  if (!order) {
    return 'not an Amazon order of this account';
  }
  if (order.fulfillmentChannel === 'AFN') {
    return 'fulfilled by Amazon';
  }
  return undefined;
}

interface PreparedShipment {
  readonly order: AmazonOrderRow;
  readonly shipment: CommerceShipment;
  readonly mapped: Mapped;
}

async function storeShipmentAction(
  db: DbOrTx,
  ctx: SyncContext,
  prepared: PreparedShipment,
): Promise<boolean> {
  const { order, shipment, mapped } = prepared;
  const accountId = ctx.connection.account.id;
  const label = shipment.increment_id ?? String(shipment.entity_id);
  const extraTracks = Array.isArray(mapped.payload.otherTrackingNumbers)
    ? mapped.payload.otherTrackingNumbers.length
    : 0;
  const { action, created } = await recordOutboundAction(
    db,
    {
      orderId: order.id,
      accountId,
      kind: 'shipment_confirmation',
      idempotencyKey: shipmentKey(accountId, shipment.entity_id),
      payload: mapped.payload,
    },
    {
      type: 'shipment_queued',
      level: extraTracks > 0 ? 'warning' : 'info',
      message: mapped.ok
        ? `Commerce shipment ${label} (${mapped.payload.carrierName ?? mapped.payload.carrierCode} ${mapped.payload.trackingNumber}) queued for confirmation on Amazon${
            extraTracks > 0
              ? `; its ${extraTracks} other tracking number(s) stay in Commerce only (Amazon takes one per package)`
              : ''
          }`
        : `Commerce shipment ${label} found`,
      data: { commerceShipmentId: shipment.entity_id },
    },
    ctx.now(),
  );
  if (created && !mapped.ok) {
    await transitionOutbound(
      db,
      action,
      { to: 'failed', error: mapped.problem },
      {
        type: 'shipment_failed',
        message: `Commerce shipment ${label} cannot be confirmed on Amazon: ${mapped.problem}`,
      },
      ctx.now(),
    );
  }
  return created;
}

async function prepare(
  ctx: SyncContext,
  resolver: ItemResolver,
  shipment: CommerceShipment,
): Promise<PreparedShipment | undefined> {
  const order = await orderForCommerceOrder(ctx.database.db, ctx.connection.account.id, shipment.order_id);
  if (notForAmazon(order) || !order) {
    return undefined;
  }
  // The goods left the warehouse: with legacy stock and `deduct_on_shipment`, saleschannel takes them off the
  // stock item (once per shipment, marked on the order), tracking or not.
  await ctx.flow.stock.afterShipment(shipment);
  const track = firstTrack(shipment);
  if (!track) {
    return undefined;
  }
  return { order, shipment, mapped: await mapShipment(resolver, order, shipment, track) };
}

/**
 * Finds Commerce shipments with tracking created or updated since the account's `commerce_shipments` cursor and
 * stores one shipment-confirmation action per shipment (key `ship:<account>:<shipment>`). The actions and the
 * cursor are written in one transaction, so the cursor never passes a shipment whose action is not stored; the
 * overlap re-reads a little and the key dedupes. Returns the number of new actions.
 */
export function discoverShipments(ctx: SyncContext): Promise<number> {
  return discoverDocuments(ctx, {
    stream: 'commerce_shipments',
    fetch: (since) => ctx.commerce.shipmentsUpdatedSince(since),
    key: shipmentKey,
    prepare: (resolver, shipment) => prepare(ctx, resolver, shipment),
    store: (tx, prepared) => storeShipmentAction(tx, ctx, prepared),
  });
}

const Id = z.coerce.number().int().positive();

/**
 * A shipment as a Commerce webhook or event sends it: the shipment entity (`sales_order_shipment_save_after`),
 * bare or wrapped as `{value}` / `{data: {value}}` (Adobe I/O Events). Only `entity_id` is required; a payload
 * without its items or tracks is completed from Commerce.
 */
export const CommerceShipmentEvent = z
  .object({
    entity_id: Id,
    order_id: Id.optional(),
    increment_id: z.string().optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
    items: z
      .array(
        z
          .object({ order_item_id: Id, qty: z.coerce.number().nonnegative(), sku: z.string().optional() })
          .passthrough(),
      )
      .optional(),
    tracks: z
      .array(
        z
          .object({
            entity_id: Id.optional(),
            track_number: z.string(),
            title: z.string().nullable().optional(),
            carrier_code: z.string().nullable().optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type CommerceShipmentEvent = z.input<typeof CommerceShipmentEvent>;

function unwrap(payload: unknown): unknown {
  if (payload && typeof payload === 'object') {
    const record = payload as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    if (data && typeof data === 'object' && data.value && typeof data.value === 'object') {
      return data.value;
    }
    if (record.value && typeof record.value === 'object' && record.entity_id === undefined) {
      return record.value;
    }
  }
  return payload;
}

/**
 * Accepts a shipment pushed by Commerce (webhook / event): the same mapping and idempotency key as polling, so a
 * shipment both pushed and polled is confirmed once. The payload is validated (InvalidInputError); without
 * items or tracks the shipment is read from Commerce. Returns the action, or null when the shipment is not one
 * to confirm on Amazon (no tracking yet, not an Amazon order of this account, fulfilled by Amazon). The action is
 * sent by the account's next sync. A payload without items, their SKUs or tracks is read from Commerce.
 */
export async function acceptCommerceShipment(
  ctx: SyncContext,
  payload: unknown,
): Promise<{ readonly actionId: string; readonly created: boolean; readonly state: string } | null> {
  const parsed = CommerceShipmentEvent.safeParse(unwrap(payload));
  if (!parsed.success) {
    throw new InvalidInputError(
      'Not a Commerce shipment',
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || 'payload',
        message: issue.message,
      })),
    );
  }
  const event = parsed.data;
  const shipment: CommerceShipment =
    event.items?.every((item) => item.sku) && event.tracks && event.order_id !== undefined
      ? (event as unknown as CommerceShipment)
      : await ctx.commerce.getShipment(event.entity_id);
  const prepared = await prepare(ctx, new ItemResolver(ctx), shipment);
  if (!prepared) {
    return null;
  }
  const accountId = ctx.connection.account.id;
  const { db } = ctx.database;
  const created = await db.transaction((tx) => storeShipmentAction(tx, ctx, prepared));
  const [action] = await db
    .select({ id: outboundActions.id, state: outboundActions.state })
    .from(outboundActions)
    .where(eq(outboundActions.idempotencyKey, shipmentKey(accountId, shipment.entity_id)));
  if (!action) {
    throw new Error(`the action of shipment ${shipment.entity_id} vanished`);
  }
  return { actionId: action.id, created, state: action.state };
}
