/**
 * The per-account stock policy for merchant-fulfilled (MFN) orders created through the order entity, which
 * makes no placement reservation in Commerce. See the README's table for what the merchant sees.
 *
 * What Commerce itself does (and saleschannel cannot change):
 * - MSI, shipment: deducts the shipped quantity from the source and adds a compensating +qty reservation (for
 *   a placement reservation that an order entity never made), so the salable quantity does not move.
 * - MSI, credit memo with return to stock: the shipped part goes back to the source; the unshipped part becomes
 *   a +qty reservation.
 * - Legacy stock, shipment: nothing. Credit memo with return to stock: the stock item gets the quantity back.
 *
 * What saleschannel does per policy:
 * - `deduct_on_import`: decrements the stock at import (MSI: the source item; legacy: the stock item), and
 *   returns refunded items to stock.
 * - `deduct_on_shipment`: leaves stock alone at import. MSI: the shipment deducts it. Legacy: saleschannel
 *   decrements the stock item by each shipment's quantities. Returns refunded, shipped items to stock.
 * - `none`: never changes stock, and refunds never return items to stock.
 */
import type { MfnStockPolicy } from '@saleschannel/domain';
import type { CommerceClient, RefundInput, ShipInput } from './client.js';
import type { Order, Shipment } from './types.js';

export type InventoryMode = 'msi' | 'legacy';

export interface StockPolicyOptions {
  readonly policy: MfnStockPolicy;
  readonly inventory: InventoryMode;
  /** MSI source that imports deduct from and shipments ship from. Default `default`. */
  readonly sourceCode?: string;
}

/** Marker comments that make stock changes happen once per order or shipment, also across retries. */
export const STOCK_MARKERS = {
  import: '[saleschannel:stock-deducted-on-import]',
  shipment: (shipmentId: number) => `[saleschannel:stock-deducted-for-shipment-${shipmentId}]`,
} as const;

export interface StockChange {
  readonly sku: string;
  /** Negative: taken from stock. */
  readonly delta: number;
  readonly quantityAfter: number;
}

/** Finds whether Commerce uses MSI: `/V1/inventory/source-items` exists only with the Inventory modules. */
export async function detectInventoryMode(client: CommerceClient, sku: string): Promise<InventoryMode> {
  try {
    await client.getSourceItems(sku);
    return 'msi';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) {
      return 'legacy';
    }
    throw error;
  }
}

function assertWholeQty(sku: string, qty: number): void {
  if (!Number.isSafeInteger(qty)) {
    throw new Error(`${sku}: stock adjustments take whole quantities, not ${qty}`);
  }
}

/** Adds `delta` to a SKU's stock: the MSI source item, or the legacy stock item. Read-modify-write. */
export async function adjustStock(
  client: CommerceClient,
  inventory: InventoryMode,
  sku: string,
  delta: number,
  sourceCode = 'default',
): Promise<StockChange> {
  assertWholeQty(sku, delta);
  if (inventory === 'msi') {
    const [item] = await client.getSourceItems(sku, sourceCode);
    if (!item) {
      throw new Error(`${sku} has no source item in MSI source "${sourceCode}"`);
    }
    assertWholeQty(sku, item.quantity);
    const quantity = item.quantity + delta;
    await client.saveSourceItems([{ ...item, quantity }]);
    return { sku, delta, quantityAfter: quantity };
  }
  const item = await client.getStockItem(sku);
  const current = item.qty ?? 0;
  assertWholeQty(sku, current);
  const qty = current + delta;
  const inStock = qty > item.min_qty || item.backorders > 0;
  await client.updateStockItem(sku, { ...item, qty, is_in_stock: inStock });
  return { sku, delta, quantityAfter: qty };
}

function hasMarker(comments: readonly { comment: string }[], marker: string): boolean {
  return comments.some((entry) => entry.comment.includes(marker));
}

/** Applies a stock policy around the order operations that move stock. */
export class StockPolicy {
  readonly policy: MfnStockPolicy;
  readonly inventory: InventoryMode;
  readonly sourceCode: string;

  constructor(
    private readonly client: CommerceClient,
    options: StockPolicyOptions,
  ) {
    this.policy = options.policy;
    this.inventory = options.inventory;
    this.sourceCode = options.sourceCode ?? 'default';
  }

  /**
   * After an import (or a retried import that found the order): `deduct_on_import` takes the ordered
   * quantities from stock once, recorded by a marker comment on the order.
   */
  async afterImport(order: Order): Promise<StockChange[]> {
    if (this.policy !== 'deduct_on_import' || order.entity_id === undefined) {
      return [];
    }
    const comments = await this.client.listOrderComments(order.entity_id);
    if (hasMarker(comments, STOCK_MARKERS.import)) {
      return [];
    }
    const changes: StockChange[] = [];
    for (const item of order.items) {
      if (item.parent_item_id || !item.qty_ordered) {
        continue;
      }
      changes.push(
        await adjustStock(this.client, this.inventory, item.sku, -item.qty_ordered, this.sourceCode),
      );
    }
    // Stock first, marker second: a failure in between can deduct twice on a retry, never not at all.
    await this.client.addOrderComment(order.entity_id, {
      comment: `${STOCK_MARKERS.import} Stock deducted on import: ${changes
        .map((change) => `${change.sku} × ${-change.delta}`)
        .join(', ')}.`,
    });
    return changes;
  }

  /** The ship arguments this policy needs (the MSI source to deduct from). */
  shipArguments(input: ShipInput): ShipInput {
    if (this.inventory === 'msi' && input.sourceCode === undefined) {
      return { ...input, sourceCode: this.sourceCode };
    }
    return input;
  }

  /**
   * After a shipment (made by saleschannel or found by polling): with legacy stock, `deduct_on_shipment`
   * takes the shipped quantities from the stock item, once per shipment. MSI has already deducted the source.
   */
  async afterShipment(shipment: Shipment): Promise<StockChange[]> {
    if (this.policy !== 'deduct_on_shipment' || this.inventory !== 'legacy') {
      return [];
    }
    const marker = STOCK_MARKERS.shipment(shipment.entity_id);
    const comments = await this.client.listOrderComments(shipment.order_id);
    if (hasMarker(comments, marker)) {
      return [];
    }
    const changes: StockChange[] = [];
    for (const item of shipment.items) {
      if (!item.sku || !item.qty) {
        continue;
      }
      changes.push(await adjustStock(this.client, 'legacy', item.sku, -item.qty));
    }
    await this.client.addOrderComment(shipment.order_id, {
      comment: `${marker} Stock deducted for shipment ${shipment.increment_id ?? shipment.entity_id}.`,
    });
    return changes;
  }

  /** Order item ids whose refunded quantity this policy returns to stock. */
  returnToStockItems(order: Order, refund: RefundInput): number[] {
    if (this.policy === 'none') {
      return [];
    }
    const refunded = new Map<number, number>();
    for (const item of order.items) {
      if (item.item_id === undefined || item.parent_item_id) {
        continue;
      }
      // A credit memo without items refunds what is invoiced and not yet refunded.
      refunded.set(item.item_id, (item.qty_invoiced ?? 0) - (item.qty_refunded ?? 0));
    }
    if (refund.items && refund.items.length > 0) {
      refunded.clear();
      for (const item of refund.items) {
        refunded.set(item.orderItemId, item.qty);
      }
    }
    const ids: number[] = [];
    for (const [itemId, qty] of refunded) {
      if (qty <= 0) {
        continue;
      }
      const item = order.items.find((candidate) => candidate.item_id === itemId);
      if (!item) {
        continue;
      }
      if (this.inventory === 'legacy' && this.policy === 'deduct_on_shipment') {
        // Only what a shipment took from stock goes back; Commerce returns the whole refunded quantity.
        const shippedNotReturned = (item.qty_shipped ?? 0) - (item.qty_refunded ?? 0);
        if (shippedNotReturned < qty) {
          continue;
        }
      }
      ids.push(itemId);
    }
    return ids;
  }
}
