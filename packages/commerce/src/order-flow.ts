/**
 * An Amazon order's life in Commerce under one account's settings: import (idempotent, through a creation
 * strategy), ship, refund and cancel, each with the account's MFN stock policy applied.
 */
import type { CommerceClient, RefundInput, ShipInput } from './client.js';
import {
  type ImportedOrder,
  type ImportOrderInput,
  importOrder,
  type OrderCreationStrategy,
  OrderEntityStrategy,
} from './order-creation.js';
import { adjustStock, type StockChange, StockPolicy, type StockPolicyOptions } from './stock.js';

export interface OrderFlowOptions {
  readonly strategy?: OrderCreationStrategy;
  readonly stock: StockPolicyOptions;
}

export interface ImportResult extends ImportedOrder {
  readonly stockChanges: readonly StockChange[];
}

export class CommerceOrderFlow {
  readonly strategy: OrderCreationStrategy;
  readonly stock: StockPolicy;

  constructor(
    private readonly client: CommerceClient,
    options: OrderFlowOptions,
  ) {
    this.strategy = options.strategy ?? new OrderEntityStrategy();
    this.stock = new StockPolicy(client, options.stock);
  }

  /** Creates the order once (a retry finds it by ext_order_id), then applies the stock policy once. */
  async importOrder(input: ImportOrderInput): Promise<ImportResult> {
    const imported = await importOrder(this.client, this.strategy, input);
    const stockChanges =
      input.fulfillmentChannel === 'AFN' ? [] : await this.stock.afterImport(imported.order);
    return { ...imported, stockChanges };
  }

  /** Ships (with tracks) and applies the stock policy to the shipment. */
  async ship(
    orderId: number,
    input: ShipInput = {},
  ): Promise<{ shipmentId: number; stockChanges: StockChange[] }> {
    const shipmentId = await this.client.shipOrder(orderId, this.stock.shipArguments(input));
    const shipment = await this.client.getShipment(shipmentId);
    const stockChanges = await this.stock.afterShipment(shipment);
    return { shipmentId, stockChanges };
  }

  /** Offline credit memo; refunded items go back to stock as the policy says. */
  async refund(orderId: number, input: RefundInput = {}): Promise<number> {
    const order = await this.client.getOrder(orderId);
    const returnToStockItems = input.returnToStockItems ?? this.stock.returnToStockItems(order, input);
    return await this.client.refundOrder(orderId, { ...input, returnToStockItems });
  }

  /**
   * Cancels; false when Commerce refused (e.g. the order is shipped or invoiced in full). With legacy stock,
   * Commerce puts the cancelled quantity back into the stock item; under `deduct_on_shipment` nothing was taken
   * at import, so saleschannel takes it out again.
   */
  async cancel(orderId: number): Promise<{ canceled: boolean; stockChanges: StockChange[] }> {
    const compensate = this.stock.inventory === 'legacy' && this.stock.policy === 'deduct_on_shipment';
    const before = compensate ? await this.client.getOrder(orderId) : undefined;
    const canceled = await this.client.cancelOrder(orderId);
    const stockChanges: StockChange[] = [];
    if (canceled && before) {
      const after = await this.client.getOrder(orderId);
      for (const item of after.items) {
        const previous = before.items.find((candidate) => candidate.item_id === item.item_id);
        const delta = (item.qty_canceled ?? 0) - (previous?.qty_canceled ?? 0);
        if (delta > 0 && !item.parent_item_id) {
          stockChanges.push(await adjustStock(this.client, 'legacy', item.sku, -delta));
        }
      }
    }
    return { canceled, stockChanges };
  }
}
