/**
 * An Amazon order's life in Commerce under one account's settings: import (idempotent, through a creation
 * strategy), ship, refund and cancel, each with the account's MFN stock policy applied. Orders fulfilled by
 * Amazon (FBA) follow their own policy: stock untouched, or — with `fbaManageStock` — deducted once at import.
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
  /** FBA orders take their quantity from Commerce stock (once, at import). Default false: stock untouched. */
  readonly fbaManageStock?: boolean;
}

export interface ImportResult extends ImportedOrder {
  readonly stockChanges: readonly StockChange[];
}

export class CommerceOrderFlow {
  readonly strategy: OrderCreationStrategy;
  readonly stock: StockPolicy;
  /** The policy for orders fulfilled by Amazon: `none`, or `deduct_on_import` with `fbaManageStock`. */
  readonly fbaStock: StockPolicy;

  constructor(
    private readonly client: CommerceClient,
    options: OrderFlowOptions,
  ) {
    this.strategy = options.strategy ?? new OrderEntityStrategy();
    this.stock = new StockPolicy(client, options.stock);
    this.fbaStock = new StockPolicy(client, {
      ...options.stock,
      policy: options.fbaManageStock ? 'deduct_on_import' : 'none',
    });
  }

  /** Creates the order once (a retry finds it by ext_order_id), then applies the stock policy once. */
  async importOrder(input: ImportOrderInput): Promise<ImportResult> {
    const imported = await importOrder(this.client, this.strategy, input);
    const policy = input.fulfillmentChannel === 'AFN' ? this.fbaStock : this.stock;
    const stockChanges = await policy.afterImport(imported.order);
    return { ...imported, stockChanges };
  }

  /**
   * Completes an order Amazon has shipped (FBA): invoiced (offline) and shipped in Commerce, each only if not
   * done yet, so a retry never invoices or ships twice. Under MSI the shipment comes from the configured source.
   */
  async completeFulfilledByAmazon(orderId: number): Promise<void> {
    const order = await this.client.getOrder(orderId);
    if (order.state === 'complete' || order.state === 'closed') {
      return;
    }
    if (!order.total_invoiced) {
      await this.client.invoiceOrder(orderId, { capture: false });
    }
    if (!order.items.some((item) => (item.qty_shipped ?? 0) > 0)) {
      await this.client.shipOrder(orderId, this.fbaStock.shipArguments({}));
    }
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
