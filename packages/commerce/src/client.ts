/**
 * The Commerce REST operations saleschannel needs, over `CommerceTransport`.
 */
import { CommerceNotFoundError } from './errors.js';
import { type SearchCriteria, searchCriteria, searchCriteriaToParams } from './search-criteria.js';
import { CommerceTransport, path, type TransportOptions } from './transport.js';
import type {
  CreditMemo,
  Customer,
  Invoice,
  Order,
  OrderStatusHistory,
  Product,
  SearchResult,
  Shipment,
  SourceItem,
  StockItem,
  StoreGroup,
  StoreView,
  Track,
  Website,
} from './types.js';

export type CommerceClientOptions = TransportOptions;

export interface ItemQty {
  /** `item_id` of the order item. */
  readonly orderItemId: number;
  readonly qty: number;
}

export interface DocumentComment {
  readonly comment: string;
  readonly visibleOnFront?: boolean;
}

export interface InvoiceInput {
  /** Empty or absent: invoice everything still invoiceable. */
  readonly items?: readonly ItemQty[];
  /** Capture online (default false: an offline invoice, as for an order Amazon already charged). */
  readonly capture?: boolean;
  readonly notify?: boolean;
  readonly comment?: DocumentComment;
}

export interface TrackInput {
  readonly trackNumber: string;
  /** Carrier title shown to the customer, e.g. "UPS". */
  readonly title: string;
  /** Commerce carrier code, e.g. "ups", "usps", "fedex", "dhl" or "custom". */
  readonly carrierCode: string;
}

export interface ShipInput {
  /** Empty or absent: ship everything still shippable. */
  readonly items?: readonly ItemQty[];
  readonly tracks?: readonly TrackInput[];
  readonly notify?: boolean;
  readonly comment?: DocumentComment;
  /** MSI source to deduct from (`arguments.extension_attributes.source_code`). */
  readonly sourceCode?: string;
}

export interface RefundInput {
  /** Empty or absent: refund everything still refundable. */
  readonly items?: readonly ItemQty[];
  /** Shipping to refund, decimal string; absent lets Commerce refund the remaining shipping. */
  readonly shippingAmount?: string;
  /** Adjustment refund (added), decimal string. */
  readonly adjustmentPositive?: string;
  /** Adjustment fee (subtracted), decimal string. */
  readonly adjustmentNegative?: string;
  /** Order item ids whose refunded quantity goes back to stock. */
  readonly returnToStockItems?: readonly number[];
  readonly notify?: boolean;
  readonly comment?: DocumentComment;
}

export interface CustomerInput {
  readonly email: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly websiteId: number;
  readonly storeId?: number;
  /** Customer group; Commerce's default group when absent. */
  readonly groupId?: number;
}

export interface CommentInput {
  readonly comment: string;
  /** Set the order status along with the comment (must be a status of the order's current state). */
  readonly status?: string;
  readonly notifyCustomer?: boolean;
  readonly visibleOnFront?: boolean;
}

export interface AddTrackInput extends TrackInput {
  readonly orderId: number;
  readonly shipmentId: number;
  readonly weight?: number;
  readonly qty?: number;
  readonly description?: string;
}

/** Converts a decimal string to the JSON number Commerce expects, refusing any value a double cannot hold exactly. */
export function decimalToJson(amount: string): number {
  const trimmed = amount.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) {
    throw new Error(`"${amount}" is not a decimal amount`);
  }
  const value = Number(trimmed);
  const canonical = trimmed
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  if (String(value) !== (canonical === '-0' ? '0' : canonical)) {
    throw new Error(`${amount} cannot be sent as a JSON number without losing precision`);
  }
  return value;
}

function itemsBody(items: readonly ItemQty[] | undefined) {
  return (items ?? []).map((item) => ({ order_item_id: item.orderItemId, qty: item.qty }));
}

function commentBody(comment: DocumentComment | undefined) {
  return comment
    ? { comment: { comment: comment.comment, is_visible_on_front: comment.visibleOnFront ? 1 : 0 } }
    : {};
}

export class CommerceClient {
  readonly transport: CommerceTransport;

  constructor(options: CommerceClientOptions) {
    this.transport = new CommerceTransport(options);
  }

  // ---------------------------------------------------------------- search

  /** One page of a search endpoint (`/V1/orders`, `/V1/shipments`, …). */
  async search<T>(endpoint: string, criteria: SearchCriteria): Promise<SearchResult<T>> {
    return await this.transport.request<SearchResult<T>>({
      method: 'GET',
      path: endpoint,
      query: searchCriteriaToParams(criteria),
    });
  }

  /**
   * Every row of a search, page by page. Stops at `total_count`: past the end Commerce answers with the last
   * page again, so "an empty page" never comes.
   */
  async *paginate<T>(endpoint: string, criteria: SearchCriteria, pageSize = 100): AsyncGenerator<T> {
    const size = criteria.pageSize ?? pageSize;
    let page = criteria.currentPage ?? 1;
    let seen = (page - 1) * size;
    for (;;) {
      const result = await this.search<T>(endpoint, { ...criteria, pageSize: size, currentPage: page });
      for (const item of result.items) {
        yield item;
      }
      seen += result.items.length;
      if (result.items.length === 0 || seen >= result.total_count || page * size >= result.total_count) {
        return;
      }
      page++;
    }
  }

  async searchAll<T>(endpoint: string, criteria: SearchCriteria, pageSize = 100): Promise<T[]> {
    const rows: T[] = [];
    for await (const row of this.paginate<T>(endpoint, criteria, pageSize)) {
      rows.push(row);
    }
    return rows;
  }

  // ---------------------------------------------------------------- orders

  async getOrder(orderId: number): Promise<Order> {
    return await this.transport.request<Order>({ method: 'GET', path: path`/V1/orders/${orderId}` });
  }

  async searchOrders(criteria: SearchCriteria): Promise<SearchResult<Order>> {
    return await this.search<Order>('/V1/orders', criteria);
  }

  /** The order whose `ext_order_id` is exactly this value, or undefined. */
  async findOrderByExtOrderId(extOrderId: string): Promise<Order | undefined> {
    const result = await this.searchOrders(
      searchCriteria().where('ext_order_id', 'eq', extOrderId).pageSize(2).build(),
    );
    return result.items.find((order) => order.ext_order_id === extOrderId);
  }

  async findOrderByIncrementId(incrementId: string): Promise<Order | undefined> {
    const result = await this.searchOrders(
      searchCriteria().where('increment_id', 'eq', incrementId).pageSize(2).build(),
    );
    return result.items.find((order) => order.increment_id === incrementId);
  }

  /**
   * Raw `POST /V1/orders`: persists the order entity as sent. Not idempotent — use `createOrder` of an
   * `OrderCreationStrategy` for imports, which looks up `ext_order_id` first.
   */
  async postOrderEntity(entity: Order): Promise<Order> {
    return await this.transport.request<Order>({
      method: 'POST',
      path: '/V1/orders',
      body: { entity },
      idempotent: false,
    });
  }

  /**
   * Cancels the order. Commerce does nothing and answers `false` when it cannot be cancelled (completely
   * invoiced, complete, closed, on hold, …); this returns that answer, it never pretends.
   */
  async cancelOrder(orderId: number): Promise<boolean> {
    // Not repeated blindly: a repeat after a lost answer would answer false for an order it did cancel.
    const answer = await this.transport.request<boolean>({
      method: 'POST',
      path: path`/V1/orders/${orderId}/cancel`,
      idempotent: false,
    });
    return answer === true;
  }

  async holdOrder(orderId: number): Promise<boolean> {
    return (
      (await this.transport.request<boolean>({
        method: 'POST',
        path: path`/V1/orders/${orderId}/hold`,
        idempotent: false,
      })) === true
    );
  }

  async unholdOrder(orderId: number): Promise<boolean> {
    return (
      (await this.transport.request<boolean>({
        method: 'POST',
        path: path`/V1/orders/${orderId}/unhold`,
        idempotent: false,
      })) === true
    );
  }

  async addOrderComment(orderId: number, input: CommentInput): Promise<boolean> {
    const statusHistory: OrderStatusHistory = {
      comment: input.comment,
      is_customer_notified: input.notifyCustomer ? 1 : 0,
      is_visible_on_front: input.visibleOnFront ? 1 : 0,
      parent_id: orderId,
      ...(input.status ? { status: input.status } : {}),
    };
    return (
      (await this.transport.request<boolean>({
        method: 'POST',
        path: path`/V1/orders/${orderId}/comments`,
        body: { statusHistory },
        idempotent: false,
      })) === true
    );
  }

  async listOrderComments(orderId: number): Promise<OrderStatusHistory[]> {
    const result = await this.transport.request<SearchResult<OrderStatusHistory>>({
      method: 'GET',
      path: path`/V1/orders/${orderId}/comments`,
    });
    return result.items;
  }

  // ---------------------------------------------------------------- invoices, shipments, credit memos

  /** Creates an invoice (offline unless `capture`); returns its id. */
  async invoiceOrder(orderId: number, input: InvoiceInput = {}): Promise<number> {
    return await this.transport.request<number>({
      method: 'POST',
      path: path`/V1/order/${orderId}/invoice`,
      body: {
        capture: input.capture ?? false,
        items: itemsBody(input.items),
        notify: input.notify ?? false,
        appendComment: input.comment !== undefined,
        ...commentBody(input.comment),
      },
      idempotent: false,
    });
  }

  /** Creates a shipment with its tracks; returns its id. Under MSI this deducts the source quantity. */
  async shipOrder(orderId: number, input: ShipInput = {}): Promise<number> {
    return await this.transport.request<number>({
      method: 'POST',
      path: path`/V1/order/${orderId}/ship`,
      body: {
        items: itemsBody(input.items),
        notify: input.notify ?? false,
        appendComment: input.comment !== undefined,
        ...commentBody(input.comment),
        tracks: (input.tracks ?? []).map((track) => ({
          track_number: track.trackNumber,
          title: track.title,
          carrier_code: track.carrierCode,
        })),
        ...(input.sourceCode
          ? { arguments: { extension_attributes: { source_code: input.sourceCode } } }
          : {}),
      },
      idempotent: false,
    });
  }

  /** Creates an offline credit memo; returns its id. */
  async refundOrder(orderId: number, input: RefundInput = {}): Promise<number> {
    const args: Record<string, unknown> = {};
    if (input.shippingAmount !== undefined) {
      args.shipping_amount = decimalToJson(input.shippingAmount);
    }
    if (input.adjustmentPositive !== undefined) {
      args.adjustment_positive = decimalToJson(input.adjustmentPositive);
    }
    if (input.adjustmentNegative !== undefined) {
      args.adjustment_negative = decimalToJson(input.adjustmentNegative);
    }
    if (input.returnToStockItems && input.returnToStockItems.length > 0) {
      args.extension_attributes = { return_to_stock_items: [...input.returnToStockItems] };
    }
    return await this.transport.request<number>({
      method: 'POST',
      path: path`/V1/order/${orderId}/refund`,
      body: {
        items: itemsBody(input.items),
        notify: input.notify ?? false,
        appendComment: input.comment !== undefined,
        ...commentBody(input.comment),
        ...(Object.keys(args).length > 0 ? { arguments: args } : {}),
      },
      idempotent: false,
    });
  }

  async getInvoice(invoiceId: number): Promise<Invoice> {
    return await this.transport.request<Invoice>({ method: 'GET', path: path`/V1/invoices/${invoiceId}` });
  }

  async getShipment(shipmentId: number): Promise<Shipment> {
    return await this.transport.request<Shipment>({ method: 'GET', path: path`/V1/shipment/${shipmentId}` });
  }

  async getCreditMemo(creditMemoId: number): Promise<CreditMemo> {
    return await this.transport.request<CreditMemo>({
      method: 'GET',
      path: path`/V1/creditmemo/${creditMemoId}`,
    });
  }

  /** Searches documents by `updated_at` (strictly after `since`, `YYYY-MM-DD HH:MM:SS` UTC), oldest first. */
  private updatedSince(
    since: string,
    extra?: (b: ReturnType<typeof searchCriteria>) => ReturnType<typeof searchCriteria>,
  ) {
    let builder = searchCriteria().where('updated_at', 'gt', since);
    if (extra) {
      builder = extra(builder);
    }
    return builder.sortBy('updated_at', 'ASC').sortBy('entity_id', 'ASC').build();
  }

  async shipmentsUpdatedSince(since: string, orderId?: number): Promise<Shipment[]> {
    return await this.searchAll<Shipment>(
      '/V1/shipments',
      this.updatedSince(since, orderId === undefined ? undefined : (b) => b.where('order_id', 'eq', orderId)),
    );
  }

  async invoicesUpdatedSince(since: string, orderId?: number): Promise<Invoice[]> {
    return await this.searchAll<Invoice>(
      '/V1/invoices',
      this.updatedSince(since, orderId === undefined ? undefined : (b) => b.where('order_id', 'eq', orderId)),
    );
  }

  async creditMemosUpdatedSince(since: string, orderId?: number): Promise<CreditMemo[]> {
    return await this.searchAll<CreditMemo>(
      '/V1/creditmemos',
      this.updatedSince(since, orderId === undefined ? undefined : (b) => b.where('order_id', 'eq', orderId)),
    );
  }

  /** Adds a track to an existing shipment. */
  async addTrack(input: AddTrackInput): Promise<Track> {
    const entity: Track = {
      order_id: input.orderId,
      parent_id: input.shipmentId,
      track_number: input.trackNumber,
      title: input.title,
      carrier_code: input.carrierCode,
      weight: input.weight ?? 0,
      qty: input.qty ?? 0,
      description: input.description ?? '',
    };
    return await this.transport.request<Track>({
      method: 'POST',
      path: '/V1/shipment/track',
      body: { entity },
      idempotent: false,
    });
  }

  // ---------------------------------------------------------------- customers

  /** The customer account with this email in the website, or undefined. Emails compare case-insensitively. */
  async findCustomerByEmail(email: string, websiteId: number): Promise<Customer | undefined> {
    const result = await this.search<Customer>(
      '/V1/customers/search',
      searchCriteria()
        .where('email', 'eq', email)
        .where('website_id', 'eq', String(websiteId))
        .pageSize(2)
        .build(),
    );
    return result.items.find(
      (customer) => customer.email.toLowerCase() === email.toLowerCase() && customer.website_id === websiteId,
    );
  }

  /** Creates a customer account (no password: the customer can set one with "Forgot password"). */
  async createCustomer(input: CustomerInput): Promise<Customer> {
    return await this.transport.request<Customer>({
      method: 'POST',
      path: '/V1/customers',
      body: {
        customer: {
          email: input.email,
          firstname: input.firstname,
          lastname: input.lastname,
          website_id: input.websiteId,
          ...(input.storeId === undefined ? {} : { store_id: input.storeId }),
          ...(input.groupId === undefined ? {} : { group_id: input.groupId }),
        },
      },
      idempotent: false,
    });
  }

  // ---------------------------------------------------------------- catalog and stock

  async getProduct(sku: string): Promise<Product> {
    return await this.transport.request<Product>({ method: 'GET', path: path`/V1/products/${sku}` });
  }

  /** The product, or undefined when Commerce has no product with this SKU. */
  async findProduct(sku: string): Promise<Product | undefined> {
    try {
      return await this.getProduct(sku);
    } catch (error) {
      if (error instanceof CommerceNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Legacy CatalogInventory stock item of a SKU. */
  async getStockItem(sku: string): Promise<StockItem> {
    return await this.transport.request<StockItem>({ method: 'GET', path: path`/V1/stockItems/${sku}` });
  }

  /** Saves a legacy stock item (send the whole item as read, with the changed fields); returns its id. */
  async updateStockItem(sku: string, item: StockItem): Promise<number> {
    if (item.item_id === undefined) {
      throw new Error('updateStockItem needs the item_id of the stock item read before');
    }
    return await this.transport.request<number>({
      method: 'PUT',
      path: path`/V1/products/${sku}/stockItems/${item.item_id}`,
      body: { stockItem: item },
      idempotent: true,
    });
  }

  /** MSI source items of a SKU (one per source), optionally of one source. */
  async getSourceItems(sku: string, sourceCode?: string): Promise<SourceItem[]> {
    let builder = searchCriteria().where('sku', 'eq', sku);
    if (sourceCode !== undefined) {
      builder = builder.where('source_code', 'eq', sourceCode);
    }
    return await this.searchAll<SourceItem>('/V1/inventory/source-items', builder.build());
  }

  /** Saves MSI source items (absolute quantities, so repeating the call is harmless). */
  async saveSourceItems(items: readonly SourceItem[]): Promise<void> {
    await this.transport.request<unknown>({
      method: 'POST',
      path: '/V1/inventory/source-items',
      body: { sourceItems: items },
      idempotent: true,
    });
  }

  /** MSI salable quantity of a SKU in a stock (source quantities plus reservations, less the threshold). */
  async getSalableQuantity(sku: string, stockId: number): Promise<number> {
    return await this.transport.request<number>({
      method: 'GET',
      path: path`/V1/inventory/get-product-salable-quantity/${sku}/${stockId}`,
    });
  }

  // ---------------------------------------------------------------- stores

  async listWebsites(): Promise<Website[]> {
    return await this.transport.request<Website[]>({ method: 'GET', path: '/V1/store/websites' });
  }

  async listStoreGroups(): Promise<StoreGroup[]> {
    return await this.transport.request<StoreGroup[]>({ method: 'GET', path: '/V1/store/storeGroups' });
  }

  async listStoreViews(): Promise<StoreView[]> {
    return await this.transport.request<StoreView[]>({ method: 'GET', path: '/V1/store/storeViews' });
  }
}
