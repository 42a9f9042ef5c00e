/**
 * The stand-in's state and Commerce's rules: order states and statuses (`Order::canInvoice/canShip/canCancel/
 * canCreditmemo/canHold`, `Handler\State::check`), invoice/shipment/credit memo documents, increment ids, and
 * stock kept the way MSI keeps it (source quantities + reservations) or the legacy CatalogInventory way.
 */
import { fromMinor, toMinor } from '@saleschannel/domain';
import { badRequest, CommerceFault, documentValidation, notFound } from './errors.js';

export type InventoryMode = 'msi' | 'legacy';
export type Row = Record<string, unknown>;

export interface ProductSeed {
  readonly sku: string;
  readonly name?: string;
  readonly price?: string;
  /** Initial quantity: the MSI `default` source item, or the legacy stock item. */
  readonly qty?: number;
}

export interface Reservation {
  readonly reservation_id: number;
  readonly stock_id: number;
  readonly sku: string;
  readonly quantity: number;
  readonly metadata: string;
}

interface OrderItemRow extends Row {
  item_id: number;
  sku: string;
  qty_ordered: number;
  qty_invoiced: number;
  qty_shipped: number;
  qty_refunded: number;
  qty_canceled: number;
}

export interface OrderRow extends Row {
  entity_id: number;
  increment_id: string;
  state: string;
  status: string;
  items: OrderItemRow[];
  status_histories: Row[];
}

const DEFAULT_STATUS: Record<string, string> = {
  new: 'pending',
  pending_payment: 'pending_payment',
  processing: 'processing',
  complete: 'complete',
  closed: 'closed',
  canceled: 'canceled',
  holded: 'holded',
  payment_review: 'payment_review',
};

/** Commerce's `updated_at` format: `YYYY-MM-DD HH:MM:SS`, UTC. */
export function commerceTime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export class CommerceStore {
  readonly orders = new Map<number, OrderRow>();
  readonly invoices = new Map<number, Row>();
  readonly shipments = new Map<number, Row>();
  readonly creditMemos = new Map<number, Row>();
  readonly products = new Map<string, Row>();
  /** MSI: `${sku}\u0000${source}` → source item. */
  readonly sourceItems = new Map<string, Row>();
  readonly reservations: Reservation[] = [];
  /** Legacy CatalogInventory stock items by SKU. */
  readonly stockItems = new Map<string, Row>();
  /** Customer accounts by id. */
  readonly customers = new Map<number, Row>();
  private nextId = {
    customer: 1,
    order: 1,
    item: 1,
    invoice: 1,
    shipment: 1,
    creditMemo: 1,
    track: 1,
    product: 1,
    history: 1,
    reservation: 1,
    stockItem: 1,
  };
  private sequence = { order: 1, invoice: 1, shipment: 1, creditMemo: 1 };
  private lastTime = 0;
  /** Per order item: the quantity a credit memo already returned to the source (not part of the item). */
  private readonly returnedToSource = new Map<number, number>();

  constructor(
    readonly inventory: InventoryMode,
    products: readonly ProductSeed[] = [],
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const product of products) {
      this.addProduct(product);
    }
  }

  /** Monotonic timestamps, so `updated_at gt …` never misses a change made in the same second. */
  now(): string {
    const time = Math.max(this.clock().getTime(), this.lastTime + 1000);
    this.lastTime = time;
    return commerceTime(new Date(time));
  }

  addProduct(seed: ProductSeed): void {
    const id = this.nextId.product++;
    this.products.set(seed.sku, {
      id,
      sku: seed.sku,
      name: seed.name ?? seed.sku,
      attribute_set_id: 4,
      price: Number(seed.price ?? '0'),
      status: 1,
      visibility: 4,
      type_id: 'simple',
      extension_attributes: { website_ids: [1] },
    });
    const qty = seed.qty ?? 0;
    if (this.inventory === 'msi') {
      this.sourceItems.set(`${seed.sku}\u0000default`, {
        sku: seed.sku,
        source_code: 'default',
        quantity: qty,
        status: qty > 0 ? 1 : 0,
      });
    }
    this.stockItems.set(seed.sku, {
      item_id: this.nextId.stockItem++,
      product_id: id,
      stock_id: 1,
      qty,
      is_in_stock: qty > 0,
      is_qty_decimal: false,
      show_default_notification_message: false,
      use_config_min_qty: true,
      min_qty: 0,
      use_config_min_sale_qty: 1,
      min_sale_qty: 1,
      use_config_max_sale_qty: true,
      max_sale_qty: 10000,
      use_config_backorders: true,
      backorders: 0,
      use_config_notify_stock_qty: true,
      notify_stock_qty: 1,
      use_config_qty_increments: true,
      qty_increments: 0,
      use_config_enable_qty_inc: true,
      enable_qty_increments: false,
      use_config_manage_stock: true,
      manage_stock: true,
      low_stock_date: null,
      is_decimal_divided: false,
      stock_status_changed_auto: 0,
    });
  }

  // ------------------------------------------------------------------ stock

  /** MSI salable quantity in stock 1: in-stock source quantities plus reservations (threshold 0). */
  salableQty(sku: string): number {
    if (!this.products.has(sku)) {
      throw notFound("The product that was requested doesn't exist. Verify the product and try again.");
    }
    let qty = 0;
    for (const item of this.sourceItems.values()) {
      if (item.sku === sku && num(item.status) === 1) {
        qty += num(item.quantity);
      }
    }
    for (const reservation of this.reservations) {
      if (reservation.sku === sku && reservation.stock_id === 1) {
        qty += reservation.quantity;
      }
    }
    return qty;
  }

  sourceQty(sku: string, source = 'default'): number {
    return num(this.sourceItems.get(`${sku}\u0000${source}`)?.quantity);
  }

  legacyQty(sku: string): number {
    return num(this.stockItems.get(sku)?.qty);
  }

  private reserve(sku: string, quantity: number, event: string, order: OrderRow): void {
    this.reservations.push({
      reservation_id: this.nextId.reservation++,
      stock_id: 1,
      sku,
      quantity,
      metadata: JSON.stringify({
        event_type: event,
        object_type: 'order',
        object_id: String(order.entity_id),
        object_increment_id: order.increment_id,
      }),
    });
  }

  private changeSource(sku: string, source: string, delta: number): void {
    const key = `${sku}\u0000${source}`;
    const item = this.sourceItems.get(key);
    if (!item) {
      throw badRequest('Source item not found by source code: %1 and sku: %2.', [source, sku]);
    }
    const quantity = num(item.quantity) + delta;
    this.sourceItems.set(key, { ...item, quantity, status: quantity > 0 ? 1 : num(item.status) });
  }

  private changeLegacy(sku: string, delta: number): void {
    const item = this.stockItems.get(sku);
    if (!item || item.manage_stock === false) {
      return;
    }
    const qty = num(item.qty) + delta;
    this.stockItems.set(sku, { ...item, qty, is_in_stock: qty > num(item.min_qty) });
  }

  saveSourceItems(items: readonly Row[]): void {
    for (const item of items) {
      const sku = String(item.sku ?? '');
      const source = String(item.source_code ?? '');
      if (!this.products.has(sku)) {
        throw badRequest('Could not save Source Item');
      }
      if (source !== 'default') {
        throw badRequest('Could not save Source Item');
      }
      this.sourceItems.set(`${sku}\u0000${source}`, {
        sku,
        source_code: source,
        quantity: num(item.quantity),
        status: num(item.status),
      });
    }
  }

  saveStockItem(sku: string, itemId: number, item: Row): number {
    const current = this.stockItems.get(sku);
    if (!current || !this.products.has(sku)) {
      throw notFound('The Product with the "%1" SKU doesn\'t exist.', [sku]);
    }
    if (num(current.item_id) !== itemId) {
      throw notFound('The stock item with the "%1" ID wasn\'t found. Verify the ID and try again.', [itemId]);
    }
    this.stockItems.set(sku, {
      ...current,
      ...item,
      item_id: current.item_id,
      product_id: current.product_id,
    });
    return num(current.item_id);
  }

  // ------------------------------------------------------------------ orders

  getOrder(id: number): OrderRow {
    const order = this.orders.get(id);
    if (!order) {
      throw notFound();
    }
    return order;
  }

  private incrementId(kind: keyof CommerceStore['sequence']): string {
    return String(this.sequence[kind]++).padStart(9, '0');
  }

  /** `POST /V1/orders`: persists the entity as sent (no totals, no stock check, no MSI reservation). */
  /** `POST /V1/customers`: an email is unique within a website, as Commerce's default account sharing scope has it. */
  createCustomer(customer: Row): Row {
    for (const field of ['email', 'firstname', 'lastname']) {
      if (typeof customer[field] !== 'string' || customer[field] === '') {
        throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: field });
      }
    }
    const websiteId = Number(customer.website_id ?? 1);
    const email = String(customer.email).toLowerCase();
    for (const other of this.customers.values()) {
      if (String(other.email).toLowerCase() === email && other.website_id === websiteId) {
        throw badRequest('A customer with the same email address already exists in an associated website.');
      }
    }
    const id = this.nextId.customer++;
    const time = this.now();
    const row: Row = {
      id,
      group_id: Number(customer.group_id ?? 1),
      email: customer.email,
      firstname: customer.firstname,
      lastname: customer.lastname,
      website_id: websiteId,
      store_id: Number(customer.store_id ?? 1),
      created_at: time,
      updated_at: time,
      addresses: [],
    };
    this.customers.set(id, row);
    return row;
  }

  createOrder(entity: Row): OrderRow {
    if (entity.customer_is_guest === 0 || entity.customer_id !== undefined) {
      if (!this.customers.has(Number(entity.customer_id))) {
        throw notFound('No such entity with %fieldName = %fieldValue', {
          fieldName: 'customerId',
          fieldValue: String(entity.customer_id),
        });
      }
    }
    if (!Array.isArray(entity.items) || entity.items.length === 0) {
      throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'items' });
    }
    for (const field of ['customer_email', 'grand_total', 'base_grand_total']) {
      if (entity[field] === undefined || entity[field] === null) {
        throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: field });
      }
    }
    const incrementId =
      typeof entity.increment_id === 'string' && entity.increment_id !== ''
        ? entity.increment_id
        : this.incrementId('order');
    for (const other of this.orders.values()) {
      if (other.increment_id === incrementId && other.store_id === (entity.store_id ?? 1)) {
        throw badRequest('The order number "%1" is already in use.', [incrementId]);
      }
    }
    const id = this.nextId.order++;
    const time = this.now();
    const state = String(entity.state ?? 'new');
    const items = (entity.items as Row[]).map((item): OrderItemRow => {
      if (typeof item.sku !== 'string') {
        throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'sku' });
      }
      return {
        ...item,
        item_id: this.nextId.item++,
        order_id: id,
        sku: item.sku,
        product_id: item.product_id ?? this.products.get(item.sku)?.id,
        qty_ordered: num(item.qty_ordered),
        qty_invoiced: 0,
        qty_shipped: 0,
        qty_refunded: 0,
        qty_canceled: 0,
        created_at: time,
        updated_at: time,
      };
    });
    const order: OrderRow = {
      ...entity,
      entity_id: id,
      increment_id: incrementId,
      state,
      status: String(entity.status ?? DEFAULT_STATUS[state] ?? state),
      store_id: entity.store_id ?? 1,
      created_at: time,
      updated_at: time,
      total_invoiced: 0,
      base_total_invoiced: 0,
      total_paid: 0,
      base_total_paid: 0,
      total_refunded: 0,
      base_total_refunded: 0,
      total_offline_refunded: 0,
      total_canceled: 0,
      shipping_invoiced: 0,
      shipping_refunded: 0,
      items,
      status_histories: ((entity.status_histories as Row[] | undefined) ?? []).map((history) => ({
        ...history,
        entity_id: this.nextId.history++,
        parent_id: id,
        entity_name: 'order',
        created_at: time,
      })),
    };
    if (order.billing_address && typeof order.billing_address === 'object') {
      order.billing_address = { ...(order.billing_address as Row), parent_id: id, entity_id: id * 2 - 1 };
    }
    if (order.payment && typeof order.payment === 'object') {
      order.payment = { ...(order.payment as Row), parent_id: id, entity_id: id };
    }
    this.orders.set(id, order);
    return order;
  }

  private currency(order: OrderRow): string {
    return String(order.order_currency_code ?? order.base_currency_code ?? 'USD');
  }

  private minor(order: OrderRow, value: unknown): bigint {
    return toMinor(String(num(value)), this.currency(order));
  }

  private amount(order: OrderRow, minor: bigint): number {
    return Number(fromMinor(minor, this.currency(order)));
  }

  private qtyToInvoice(item: OrderItemRow): number {
    return item.qty_ordered - item.qty_invoiced - item.qty_canceled;
  }

  private qtyToShip(item: OrderItemRow): number {
    return item.qty_ordered - item.qty_shipped - item.qty_refunded - item.qty_canceled;
  }

  private qtyToRefund(item: OrderItemRow): number {
    return item.qty_invoiced - item.qty_refunded;
  }

  canInvoice(order: OrderRow): boolean {
    if (['payment_review', 'holded', 'canceled', 'complete', 'closed'].includes(order.state)) {
      return false;
    }
    return order.items.some((item) => this.qtyToInvoice(item) > 0);
  }

  canShip(order: OrderRow): boolean {
    if (['payment_review', 'holded', 'canceled'].includes(order.state)) {
      return false;
    }
    return order.items.some((item) => this.qtyToShip(item) > 0);
  }

  canCancel(order: OrderRow): boolean {
    if (['payment_review', 'holded'].includes(order.state)) {
      return false;
    }
    if (order.items.every((item) => this.qtyToInvoice(item) <= 0)) {
      return false;
    }
    return !['canceled', 'complete', 'closed'].includes(order.state);
  }

  canCreditmemo(order: OrderRow): boolean {
    if (['holded', 'payment_review', 'canceled', 'closed'].includes(order.state)) {
      return false;
    }
    return this.minor(order, order.total_paid) - this.minor(order, order.total_refunded) > 0n;
  }

  canHold(order: OrderRow): boolean {
    return !['payment_review', 'holded', 'canceled', 'complete', 'closed'].includes(order.state);
  }

  private setState(order: OrderRow, state: string): void {
    order.state = state;
    order.status = DEFAULT_STATUS[state] ?? state;
  }

  /** `Handler\State::check` after a document was saved. */
  private checkState(order: OrderRow, inProcess: boolean): void {
    if (order.state === 'new' && inProcess) {
      this.setState(order, 'processing');
    }
    if (order.state === 'canceled' || order.state === 'holded' || this.canInvoice(order)) {
      return;
    }
    if (
      ['processing', 'complete'].includes(order.state) &&
      !this.canCreditmemo(order) &&
      !this.canShip(order)
    ) {
      this.setState(order, 'closed');
    } else if (order.state === 'processing' && !this.canShip(order)) {
      this.setState(order, 'complete');
    }
  }

  /** A document's comment as Commerce stores it (`appendComment` + `comment`). */
  private documentComments(body: Row, parentId: number, time: string): Row[] {
    if (!body.comment || typeof body.comment !== 'object') {
      return [];
    }
    return [
      {
        ...(body.comment as Row),
        entity_id: this.nextId.history++,
        parent_id: parentId,
        is_customer_notified: body.notify === true ? 1 : 0,
        created_at: time,
      },
    ];
  }

  private touch(order: OrderRow): void {
    order.updated_at = this.now();
  }

  private requestedQtys(
    order: OrderRow,
    items: unknown,
    available: (item: OrderItemRow) => number,
  ): Map<number, number> {
    const result = new Map<number, number>();
    const list = Array.isArray(items) ? (items as Row[]) : [];
    if (list.length === 0) {
      for (const item of order.items) {
        if (available(item) > 0) {
          result.set(item.item_id, available(item));
        }
      }
      return result;
    }
    for (const entry of list) {
      result.set(num(entry.order_item_id), (result.get(num(entry.order_item_id)) ?? 0) + num(entry.qty));
    }
    return result;
  }

  /** Splits an item row amount proportionally to qty (exact for whole rows). */
  private share(order: OrderRow, item: OrderItemRow, field: string, qty: number): bigint {
    const row = this.minor(order, item[field]);
    if (item.qty_ordered === 0) {
      return 0n;
    }
    return (row * BigInt(qty)) / BigInt(item.qty_ordered);
  }

  invoice(orderId: number, body: Row): number {
    const order = this.getOrder(orderId);
    if (!this.canInvoice(order)) {
      throw documentValidation('Invoice', ['The order does not allow an invoice to be created.']);
    }
    const qtys = this.requestedQtys(order, body.items, (item) => this.qtyToInvoice(item));
    const errors: string[] = [];
    let totalQty = 0;
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId);
      if (!item) {
        errors.push(`The invoice contains one or more items that are not part of the original order.`);
        continue;
      }
      if (qty > this.qtyToInvoice(item)) {
        errors.push(
          `The quantity to invoice must not be greater than the uninvoiced quantity for product SKU "${item.sku}".`,
        );
        continue;
      }
      totalQty += qty;
    }
    if (totalQty <= 0 && errors.length === 0) {
      errors.push("You can't create an invoice without products.");
    }
    if (errors.length > 0) {
      throw documentValidation('Invoice', errors);
    }
    let subtotal = 0n;
    let tax = 0n;
    let discount = 0n;
    const docItems: Row[] = [];
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId) as OrderItemRow;
      const row = this.share(order, item, 'row_total', qty);
      subtotal += row;
      tax += this.share(order, item, 'tax_amount', qty);
      discount += this.share(order, item, 'discount_amount', qty);
      item.qty_invoiced += qty;
      docItems.push({
        entity_id: docItems.length + 1,
        order_item_id: itemId,
        sku: item.sku,
        name: item.name,
        qty,
        price: item.price,
        row_total: this.amount(order, row),
      });
    }
    // The first invoice carries the shipping and its tax.
    const shippingInvoiced = this.minor(order, order.shipping_invoiced);
    const shipping = shippingInvoiced === 0n ? this.minor(order, order.shipping_amount) : 0n;
    const shippingTax = shippingInvoiced === 0n ? this.minor(order, order.shipping_tax_amount) : 0n;
    const shippingDiscount = shippingInvoiced === 0n ? this.minor(order, order.shipping_discount_amount) : 0n;
    const allInvoiced = order.items.every((item) => this.qtyToInvoice(item) <= 0);
    let grand = subtotal + tax + shipping + shippingTax - discount - shippingDiscount;
    if (allInvoiced) {
      // The last invoice takes what is left of the grand total (gift wrap, rounding of shares).
      grand = this.minor(order, order.grand_total) - this.minor(order, order.total_invoiced);
    }
    const id = this.nextId.invoice++;
    const time = this.now();
    const invoice: Row = {
      entity_id: id,
      increment_id: this.incrementId('invoice'),
      order_id: orderId,
      store_id: order.store_id,
      state: 2,
      subtotal: this.amount(order, subtotal),
      tax_amount: this.amount(order, tax + shippingTax),
      shipping_amount: this.amount(order, shipping),
      grand_total: this.amount(order, grand),
      base_grand_total: this.amount(order, grand),
      total_qty: totalQty,
      order_currency_code: this.currency(order),
      created_at: time,
      updated_at: time,
      items: docItems,
      comments: this.documentComments(body, id, time),
    };
    this.invoices.set(id, invoice);
    order.shipping_invoiced = this.amount(order, shippingInvoiced + shipping);
    const invoiced = this.minor(order, order.total_invoiced) + grand;
    order.total_invoiced = this.amount(order, invoiced);
    order.base_total_invoiced = order.total_invoiced;
    // An offline invoice (capture false) of an order paid elsewhere counts as paid.
    order.total_paid = this.amount(order, this.minor(order, order.total_paid) + grand);
    order.base_total_paid = order.total_paid;
    order.total_due = this.amount(
      order,
      this.minor(order, order.grand_total) - this.minor(order, order.total_paid),
    );
    order.base_total_due = order.total_due;
    this.checkState(order, true);
    this.touch(order);
    return id;
  }

  ship(orderId: number, body: Row): number {
    const order = this.getOrder(orderId);
    if (!this.canShip(order)) {
      throw documentValidation('Shipment', ['The order does not allow a shipment to be created.']);
    }
    const qtys = this.requestedQtys(order, body.items, (item) => this.qtyToShip(item));
    const errors: string[] = [];
    let totalQty = 0;
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId);
      if (!item) {
        errors.push(
          `The shipment contains product item id "${itemId}" that is not part of the original order.`,
        );
        continue;
      }
      if (qty > this.qtyToShip(item)) {
        errors.push(
          `The quantity to ship must not be greater than the unshipped quantity for product SKU "${item.sku}".`,
        );
        continue;
      }
      totalQty += qty;
    }
    const tracks = Array.isArray(body.tracks) ? (body.tracks as Row[]) : [];
    for (const track of tracks) {
      for (const field of ['track_number', 'title', 'carrier_code']) {
        if (typeof track[field] !== 'string' || track[field] === '') {
          errors.push(`Please enter a tracking number, title and carrier code.`);
        }
      }
    }
    if (totalQty <= 0 && errors.length === 0) {
      errors.push("You can't create a shipment without products.");
    }
    if (errors.length > 0) {
      throw documentValidation('Shipment', [...new Set(errors)]);
    }
    const source = String(
      ((body.arguments as Row | undefined)?.extension_attributes as Row | undefined)?.source_code ??
        'default',
    );
    const id = this.nextId.shipment++;
    const docItems: Row[] = [];
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId) as OrderItemRow;
      if (this.inventory === 'msi') {
        // SourceDeductionProcessor: deduct the source, then a compensating reservation for the placement one.
        this.changeSource(item.sku, source, -qty);
        this.reserve(item.sku, qty, 'shipment_created', order);
      }
      item.qty_shipped += qty;
      docItems.push({
        entity_id: docItems.length + 1,
        order_item_id: itemId,
        sku: item.sku,
        name: item.name,
        qty,
        price: item.price,
        parent_id: id,
      });
    }
    const time = this.now();
    const shipment: Row = {
      entity_id: id,
      increment_id: this.incrementId('shipment'),
      order_id: orderId,
      store_id: order.store_id,
      total_qty: totalQty,
      created_at: time,
      updated_at: time,
      items: docItems,
      tracks: tracks.map((track) => ({
        entity_id: this.nextId.track++,
        order_id: orderId,
        parent_id: id,
        track_number: track.track_number,
        title: track.title,
        carrier_code: track.carrier_code,
        weight: null,
        qty: null,
        description: null,
        created_at: time,
        updated_at: time,
      })),
      comments: this.documentComments(body, id, time),
      packages: [],
      extension_attributes: this.inventory === 'msi' ? { source_code: source } : {},
    };
    this.shipments.set(id, shipment);
    this.checkState(order, true);
    this.touch(order);
    return id;
  }

  addTrack(entity: Row): Row {
    const shipment = this.shipments.get(num(entity.parent_id));
    if (!shipment || num(shipment.order_id) !== num(entity.order_id)) {
      throw new CommerceFault(400, 'Could not save the shipment tracking.');
    }
    const time = this.now();
    const track: Row = { ...entity, entity_id: this.nextId.track++, created_at: time, updated_at: time };
    (shipment.tracks as Row[]).push(track);
    shipment.updated_at = time;
    return track;
  }

  refund(orderId: number, body: Row): number {
    const order = this.getOrder(orderId);
    if (!this.canCreditmemo(order)) {
      throw documentValidation('Creditmemo', ['The order does not allow a creditmemo to be created.']);
    }
    const qtys = this.requestedQtys(order, body.items, (item) => this.qtyToRefund(item));
    const errors: string[] = [];
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId);
      if (!item) {
        errors.push('The creditmemo contains product item that is not part of the original order.');
      } else if (qty > this.qtyToRefund(item)) {
        errors.push(
          `The quantity to creditmemo must not be greater than the unrefunded quantity for product SKU "${item.sku}".`,
        );
      }
    }
    const args = (body.arguments as Row | undefined) ?? {};
    const shippingLeft =
      this.minor(order, order.shipping_invoiced) - this.minor(order, order.shipping_refunded);
    const shipping =
      args.shipping_amount === undefined ? shippingLeft : this.minor(order, args.shipping_amount);
    if (shipping > shippingLeft) {
      errors.push(
        `Maximum shipping amount allowed to refund is: ${fromMinor(shippingLeft, this.currency(order))}`,
      );
    }
    if (errors.length > 0) {
      throw documentValidation('Creditmemo', errors);
    }
    let itemsTotal = 0n;
    let subtotal = 0n;
    let itemsTax = 0n;
    let itemsDiscount = 0n;
    const docItems: Row[] = [];
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId) as OrderItemRow;
      const row = this.share(order, item, 'row_total', qty);
      const tax = this.share(order, item, 'tax_amount', qty);
      const discount = this.share(order, item, 'discount_amount', qty);
      itemsTotal += row + tax - discount;
      subtotal += row;
      itemsTax += tax;
      itemsDiscount += discount;
      docItems.push({
        entity_id: docItems.length + 1,
        order_item_id: itemId,
        sku: item.sku,
        name: item.name,
        qty,
        price: item.price,
        base_price: item.base_price ?? item.price,
        base_cost: item.base_cost ?? 0,
        // Like Commerce: each credit memo item carries its row, tax and discount.
        row_total: this.amount(order, row),
        tax_amount: this.amount(order, tax),
        discount_amount: this.amount(order, discount),
        row_total_incl_tax: this.amount(order, row + tax),
      });
    }
    const shippingTax =
      shippingLeft === 0n
        ? 0n
        : (this.minor(order, order.shipping_tax_amount) * shipping) /
          (this.minor(order, order.shipping_amount) || 1n);
    // Like Commerce's discount total: the shipping discount goes back with the shipping, in proportion.
    const shippingDiscount =
      shippingLeft === 0n
        ? 0n
        : (this.minor(order, order.shipping_discount_amount) * shipping) /
          (this.minor(order, order.shipping_amount) || 1n);
    const positive = this.minor(order, args.adjustment_positive);
    const negative = this.minor(order, args.adjustment_negative);
    let grand = itemsTotal + shipping + shippingTax - shippingDiscount + positive - negative;
    const everything =
      order.items.every((item) => this.qtyToRefund(item) === (qtys.get(item.item_id) ?? 0)) &&
      shipping === shippingLeft;
    const available = this.minor(order, order.total_paid) - this.minor(order, order.total_refunded);
    if (everything) {
      // Refunding everything refunds what was paid (gift wrap and rounding included), plus adjustments.
      grand = available + positive - negative;
    }
    if (grand > available) {
      throw documentValidation('Creditmemo', [
        `The most money available to refund is ${fromMinor(available, this.currency(order))}.`,
      ]);
    }
    if (grand <= 0n && docItems.length === 0) {
      throw documentValidation('Creditmemo', ["You can't create a creditmemo without products."]);
    }
    const returnToStock = new Set(
      (
        (((args.extension_attributes as Row | undefined)?.return_to_stock_items as unknown[] | undefined) ??
          []) as unknown[]
      ).map(num),
    );
    for (const [itemId, qty] of qtys) {
      const item = order.items.find((candidate) => candidate.item_id === itemId) as OrderItemRow;
      if (returnToStock.has(itemId)) {
        if (this.inventory === 'msi') {
          // ProcessRefundItems: the shipped part goes back to the source it was deducted from; the part never
          // shipped becomes a +qty reservation.
          const returned = this.returnedToSource.get(item.item_id) ?? 0;
          const shippedNotReturned = Math.max(0, item.qty_shipped - returned);
          const backToSource = Math.min(qty, shippedNotReturned);
          if (backToSource > 0) {
            this.changeSource(item.sku, 'default', backToSource);
            this.returnedToSource.set(item.item_id, returned + backToSource);
          }
          if (qty - backToSource > 0) {
            this.reserve(item.sku, qty - backToSource, 'creditmemo_created', order);
          }
        } else {
          this.changeLegacy(item.sku, qty);
        }
      }
      item.qty_refunded += qty;
    }
    const id = this.nextId.creditMemo++;
    const time = this.now();
    const memo: Row = {
      entity_id: id,
      increment_id: this.incrementId('creditMemo'),
      order_id: orderId,
      store_id: order.store_id,
      state: 2,
      creditmemo_status: 2,
      subtotal: this.amount(order, subtotal),
      shipping_amount: this.amount(order, shipping),
      shipping_tax_amount: this.amount(order, shippingTax),
      tax_amount: this.amount(order, itemsTax + shippingTax),
      discount_amount: this.amount(order, itemsDiscount + shippingDiscount),
      adjustment_positive: this.amount(order, positive),
      adjustment_negative: this.amount(order, negative),
      grand_total: this.amount(order, grand),
      base_grand_total: this.amount(order, grand),
      order_currency_code: this.currency(order),
      created_at: time,
      updated_at: time,
      items: docItems,
      comments: this.documentComments(body, id, time),
    };
    this.creditMemos.set(id, memo);
    order.shipping_refunded = this.amount(order, this.minor(order, order.shipping_refunded) + shipping);
    order.total_refunded = this.amount(order, this.minor(order, order.total_refunded) + grand);
    order.base_total_refunded = order.total_refunded;
    order.total_offline_refunded = this.amount(
      order,
      this.minor(order, order.total_offline_refunded) + grand,
    );
    order.base_total_offline_refunded = order.total_offline_refunded;
    this.checkState(order, true);
    this.touch(order);
    return id;
  }

  /** `Order::cancel()`: does nothing and answers false when the order cannot be cancelled. */
  cancel(orderId: number): boolean {
    const order = this.getOrder(orderId);
    if (!this.canCancel(order)) {
      return false;
    }
    for (const item of order.items) {
      const qty = Math.min(this.qtyToInvoice(item), this.qtyToShip(item));
      if (qty > 0) {
        item.qty_canceled += qty;
        if (this.inventory === 'msi') {
          this.reserve(item.sku, qty, 'order_canceled', order);
        } else {
          this.changeLegacy(item.sku, qty);
        }
      }
    }
    if (order.items.some((item) => item.qty_invoiced > 0)) {
      this.checkState(order, true);
    } else {
      this.setState(order, 'canceled');
    }
    this.touch(order);
    return true;
  }

  hold(orderId: number): boolean {
    const order = this.getOrder(orderId);
    if (!this.canHold(order)) {
      throw badRequest('A hold action is not available.');
    }
    order.hold_before_state = order.state;
    order.hold_before_status = order.status;
    order.state = 'holded';
    order.status = 'holded';
    this.touch(order);
    return true;
  }

  unhold(orderId: number): boolean {
    const order = this.getOrder(orderId);
    if (order.state !== 'holded') {
      throw badRequest('You cannot remove the hold.');
    }
    order.state = String(order.hold_before_state);
    order.status = String(order.hold_before_status);
    delete order.hold_before_state;
    delete order.hold_before_status;
    this.touch(order);
    return true;
  }

  addComment(orderId: number, history: Row): boolean {
    const order = this.getOrder(orderId);
    if (typeof history.comment !== 'string') {
      throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'comment' });
    }
    if (typeof history.status === 'string' && history.status !== '') {
      order.status = history.status;
    }
    order.status_histories.unshift({
      ...history,
      entity_id: this.nextId.history++,
      parent_id: orderId,
      entity_name: 'order',
      status: history.status ?? order.status,
      created_at: this.now(),
    });
    this.touch(order);
    return true;
  }
}
