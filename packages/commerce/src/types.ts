/**
 * Wire types of the Commerce REST API, as in the 2.4.9 admin schema (`sales-data-order-interface` …) and the
 * Adobe Commerce as a Cloud Service schema. Field names are snake_case as on the wire; amounts are JSON numbers
 * as Commerce sends them (convert with `amountFromCommerce` before doing arithmetic).
 */

export interface SearchResult<T> {
  items: T[];
  search_criteria: unknown;
  total_count: number;
}

export interface OrderAddress {
  address_type: 'billing' | 'shipping';
  city: string;
  company?: string;
  country_id: string;
  email?: string;
  entity_id?: number;
  firstname: string;
  lastname: string;
  parent_id?: number;
  postcode: string;
  region?: string;
  region_code?: string;
  region_id?: number;
  street?: string[];
  telephone: string;
}

export interface OrderItem {
  item_id?: number;
  order_id?: number;
  parent_item_id?: number;
  sku: string;
  name?: string;
  product_id?: number;
  product_type?: string;
  ext_order_item_id?: string;
  is_virtual?: number;
  qty_ordered?: number;
  qty_invoiced?: number;
  qty_shipped?: number;
  qty_refunded?: number;
  qty_canceled?: number;
  price?: number;
  base_price?: number;
  original_price?: number;
  base_original_price?: number;
  price_incl_tax?: number;
  base_price_incl_tax?: number;
  row_total?: number;
  base_row_total?: number;
  row_total_incl_tax?: number;
  base_row_total_incl_tax?: number;
  tax_amount?: number;
  base_tax_amount?: number;
  tax_percent?: number;
  discount_amount?: number;
  base_discount_amount?: number;
  store_id?: number;
  weight?: number;
}

export interface OrderPayment {
  account_status: string | null;
  additional_information: string[];
  cc_last4: string | null;
  method: string;
  amount_ordered?: number;
  base_amount_ordered?: number;
  shipping_amount?: number;
  base_shipping_amount?: number;
  entity_id?: number;
  parent_id?: number;
}

export interface OrderStatusHistory {
  comment: string;
  created_at?: string;
  entity_id?: number;
  entity_name?: string;
  is_customer_notified: number | null;
  is_visible_on_front: number;
  parent_id: number;
  status?: string | null;
}

export interface ShippingAssignment {
  shipping: {
    address?: OrderAddress;
    method?: string;
    total?: Record<string, number>;
  };
  items: OrderItem[];
  stock_id?: number;
}

export interface OrderExtensionAttributes {
  shipping_assignments?: ShippingAssignment[];
  gw_base_price?: string;
  gw_price?: string;
  gw_base_tax_amount?: string;
  gw_tax_amount?: string;
  [key: string]: unknown;
}

/** `sales-data-order-interface` (the fields this client reads or writes). */
export interface Order {
  entity_id?: number;
  increment_id?: string;
  ext_order_id?: string;
  state?: string;
  status?: string;
  store_id?: number;
  created_at?: string;
  updated_at?: string;
  customer_email: string;
  customer_firstname?: string;
  customer_lastname?: string;
  customer_is_guest?: number;
  customer_group_id?: number;
  base_currency_code?: string;
  global_currency_code?: string;
  order_currency_code?: string;
  store_currency_code?: string;
  base_to_global_rate?: number;
  base_to_order_rate?: number;
  store_to_base_rate?: number;
  store_to_order_rate?: number;
  subtotal?: number;
  base_subtotal?: number;
  subtotal_incl_tax?: number;
  base_subtotal_incl_tax?: number;
  shipping_amount?: number;
  base_shipping_amount?: number;
  shipping_tax_amount?: number;
  base_shipping_tax_amount?: number;
  shipping_incl_tax?: number;
  base_shipping_incl_tax?: number;
  shipping_discount_amount?: number;
  base_shipping_discount_amount?: number;
  shipping_description?: string;
  tax_amount?: number;
  base_tax_amount?: number;
  discount_amount?: number;
  base_discount_amount?: number;
  discount_description?: string;
  grand_total: number;
  base_grand_total: number;
  total_due?: number;
  base_total_due?: number;
  total_paid?: number;
  base_total_paid?: number;
  total_invoiced?: number;
  base_total_invoiced?: number;
  total_refunded?: number;
  base_total_refunded?: number;
  total_offline_refunded?: number;
  base_total_offline_refunded?: number;
  total_canceled?: number;
  total_qty_ordered?: number;
  total_item_count?: number;
  weight?: number;
  is_virtual?: number;
  hold_before_state?: string;
  hold_before_status?: string;
  items: OrderItem[];
  billing_address?: OrderAddress;
  payment?: OrderPayment;
  status_histories?: OrderStatusHistory[];
  extension_attributes?: OrderExtensionAttributes;
}

export interface Track {
  entity_id?: number;
  order_id: number;
  parent_id: number;
  track_number: string;
  title: string;
  carrier_code: string;
  weight: number | null;
  qty: number | null;
  description: string | null;
  created_at?: string;
  updated_at?: string;
}

export interface DocumentItem {
  entity_id?: number;
  order_item_id: number;
  sku?: string;
  name?: string;
  qty: number;
  price?: number;
  row_total?: number;
  /** Credit memo and invoice items: tax and discount of the row. */
  tax_amount?: number;
  discount_amount?: number;
  row_total_incl_tax?: number;
  parent_id?: number;
}

export interface Shipment {
  entity_id: number;
  increment_id?: string;
  order_id: number;
  store_id?: number;
  total_qty?: number;
  created_at?: string;
  updated_at?: string;
  items: DocumentItem[];
  tracks: Track[];
  comments: { comment: string; is_visible_on_front: number; parent_id?: number }[];
  extension_attributes?: { source_code?: string; [key: string]: unknown };
}

export interface Invoice {
  entity_id: number;
  increment_id?: string;
  order_id: number;
  state?: number;
  grand_total?: number;
  base_grand_total?: number;
  subtotal?: number;
  shipping_amount?: number;
  tax_amount?: number;
  total_qty: number;
  created_at?: string;
  updated_at?: string;
  items: DocumentItem[];
}

export interface CreditMemo {
  entity_id: number;
  increment_id?: string;
  order_id: number;
  invoice_id?: number;
  state?: number;
  creditmemo_status?: number;
  grand_total?: number;
  base_grand_total?: number;
  subtotal?: number;
  shipping_amount?: number;
  shipping_tax_amount?: number;
  tax_amount?: number;
  discount_amount?: number;
  adjustment_positive?: number;
  adjustment_negative?: number;
  created_at?: string;
  updated_at?: string;
  items: DocumentItem[];
}

export interface Product {
  id?: number;
  sku: string;
  name?: string;
  price?: number;
  status?: number;
  visibility?: number;
  type_id?: string;
  weight?: number;
  extension_attributes?: { website_ids?: number[]; stock_item?: StockItem; [key: string]: unknown };
}

/** `catalog-inventory-data-stock-item-interface` (legacy CatalogInventory). */
export interface StockItem {
  item_id?: number;
  product_id?: number;
  stock_id?: number;
  qty: number | null;
  is_in_stock: boolean;
  is_qty_decimal: boolean;
  show_default_notification_message: boolean;
  use_config_min_qty: boolean;
  min_qty: number;
  use_config_min_sale_qty: number;
  min_sale_qty: number;
  use_config_max_sale_qty: boolean;
  max_sale_qty: number;
  use_config_backorders: boolean;
  backorders: number;
  use_config_notify_stock_qty: boolean;
  notify_stock_qty: number;
  use_config_qty_increments: boolean;
  qty_increments: number;
  use_config_enable_qty_inc: boolean;
  enable_qty_increments: boolean;
  use_config_manage_stock: boolean;
  manage_stock: boolean;
  low_stock_date: string | null;
  is_decimal_divided: boolean;
  stock_status_changed_auto: number;
}

/** `inventory-api-data-source-item-interface` (MSI). `status`: 1 in stock, 0 out of stock. */
export interface SourceItem {
  sku: string;
  source_code: string;
  quantity: number;
  status: number;
}

export interface Website {
  id: number;
  code: string;
  name: string;
  default_group_id: number;
}

export interface StoreGroup {
  id: number;
  website_id: number;
  root_category_id: number;
  default_store_id: number;
  name: string;
  code: string;
}

export interface StoreView {
  id: number;
  code: string;
  name: string;
  website_id: number;
  store_group_id: number;
  is_active: number;
}

/** `customer-data-customer-interface` (the fields saleschannel reads). */
export interface Customer {
  id: number;
  group_id?: number;
  email: string;
  firstname: string;
  lastname: string;
  website_id: number;
  store_id?: number;
  created_at?: string;
  updated_at?: string;
}
