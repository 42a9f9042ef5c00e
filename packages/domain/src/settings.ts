/**
 * Order settings of one Amazon account, named after the settings merchants know from Adobe's Amazon Sales
 * Channel and M2E Pro (see the README's settings table). Pure data and rules; stored by @saleschannel/db.
 */

export const IMPORT_ORDERS = ['enabled', 'disabled'] as const;
export type ImportOrders = (typeof IMPORT_ORDERS)[number];

/** "Customer Creation": a guest order, or a customer account matched by email or created. */
export const CUSTOMER_CREATION = ['guest', 'match_or_create'] as const;
export type CustomerCreation = (typeof CUSTOMER_CREATION)[number];

/** "Order Number Source": Commerce's own increment id, or the Amazon order number with a prefix. */
export const ORDER_NUMBER_SOURCES = ['commerce', 'amazon'] as const;
export type OrderNumberSource = (typeof ORDER_NUMBER_SOURCES)[number];

/** "Pending Orders": whether a Pending Amazon order reserves its quantity in Commerce. */
export const PENDING_ORDER_RESERVATION = ['do_not_reserve', 'reserve'] as const;
export type PendingOrderReservation = (typeof PENDING_ORDER_RESERVATION)[number];

/** "Order Status": Commerce's default status for new orders, or a custom processing status. */
export const ORDER_STATUS_MODES = ['default', 'custom'] as const;
export type OrderStatusMode = (typeof ORDER_STATUS_MODES)[number];

/** What an order with a SKU that matches no Commerce product does: stay in error (retried), or be skipped. */
export const UNKNOWN_SKU_POLICIES = ['error', 'skip'] as const;
export type UnknownSkuPolicy = (typeof UNKNOWN_SKU_POLICIES)[number];

/**
 * Stock policy for merchant-fulfilled (MFN) orders created through the order entity, which makes no placement
 * reservation in Commerce (the exact effect on source and salable quantity, under MSI and legacy stock, is
 * tabled in @saleschannel/commerce's README):
 * - deduct_on_shipment: stock is left alone at import and deducted when the order ships (by Commerce's shipment
 *   under MSI; by saleschannel under legacy stock, where a shipment changes nothing)
 * - deduct_on_import: the stock is decremented when the order is imported
 * - none: saleschannel never touches stock
 */
export const MFN_STOCK_POLICIES = ['deduct_on_shipment', 'deduct_on_import', 'none'] as const;
export type MfnStockPolicy = (typeof MFN_STOCK_POLICIES)[number];

/** "Clear Log History". */
export const LOG_RETENTION = ['daily', 'weekly', 'monthly'] as const;
export type LogRetention = (typeof LOG_RETENTION)[number];

export interface OrderNumberPrefixes {
  readonly general: string;
  readonly fba: string;
  readonly prime: string;
  readonly business: string;
}

export interface OrderSettings {
  /** "Import Amazon Orders". Disabled: orders are stored and shown, never created in Commerce. */
  readonly importOrders: ImportOrders;
  /** "Import Amazon Orders Into Store View"; null means the default store view of the account's website. */
  readonly storeViewCode: string | null;
  readonly customerCreation: CustomerCreation;
  readonly orderNumberSource: OrderNumberSource;
  readonly orderNumberPrefixes: OrderNumberPrefixes;
  readonly pendingOrders: PendingOrderReservation;
  /** Days a Pending order's reservation is held before it is released (when pendingOrders is "reserve"). */
  readonly reservationDays: number;
  readonly orderStatusMode: OrderStatusMode;
  /** "Processing Order Status": the Commerce status used when orderStatusMode is "custom". */
  readonly processingStatus: string | null;
  /** Import FBA (AFN) orders; they are created once Shipped, as complete. */
  readonly importFbaOrders: boolean;
  /** Whether FBA orders change Commerce stock. Amazon's warehouse is not the merchant's stock: off by default. */
  readonly fbaManageStock: boolean;
  readonly mfnStockPolicy: MfnStockPolicy;
  readonly unknownSkuPolicy: UnknownSkuPolicy;
  /** Minutes between two scheduled syncs of the account. */
  readonly syncFrequencyMinutes: number;
  readonly logRetention: LogRetention;
}

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  importOrders: 'enabled',
  storeViewCode: null,
  customerCreation: 'guest',
  orderNumberSource: 'commerce',
  orderNumberPrefixes: { general: '', fba: '', prime: '', business: '' },
  pendingOrders: 'do_not_reserve',
  reservationDays: 1,
  orderStatusMode: 'default',
  processingStatus: null,
  importFbaOrders: true,
  fbaManageStock: false,
  mfnStockPolicy: 'deduct_on_shipment',
  unknownSkuPolicy: 'error',
  syncFrequencyMinutes: 5,
  logRetention: 'monthly',
};

export const SYNC_FREQUENCY_MINUTES = { min: 1, max: 1440 } as const;
export const RESERVATION_DAYS = { min: 1, max: 14 } as const;
/** Longest order number prefix: Commerce increment ids are at most 32 characters, Amazon's take 19. */
export const ORDER_NUMBER_PREFIX_MAX = 12;

export interface SettingsProblem {
  readonly field: keyof OrderSettings | `orderNumberPrefixes.${keyof OrderNumberPrefixes}`;
  readonly message: string;
}

/** Checks the rules between settings that a single field cannot express. Empty when the settings are valid. */
export function validateOrderSettings(settings: OrderSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (settings.orderStatusMode === 'custom' && !settings.processingStatus?.trim()) {
    problems.push({
      field: 'processingStatus',
      message: 'a Processing Order Status is required when Order Status is Custom',
    });
  }
  const { min, max } = SYNC_FREQUENCY_MINUTES;
  if (
    !Number.isInteger(settings.syncFrequencyMinutes) ||
    settings.syncFrequencyMinutes < min ||
    settings.syncFrequencyMinutes > max
  ) {
    problems.push({
      field: 'syncFrequencyMinutes',
      message: `sync frequency must be a whole number of minutes from ${min} to ${max}`,
    });
  }
  if (
    !Number.isInteger(settings.reservationDays) ||
    settings.reservationDays < RESERVATION_DAYS.min ||
    settings.reservationDays > RESERVATION_DAYS.max
  ) {
    problems.push({
      field: 'reservationDays',
      message: `reservations are held from ${RESERVATION_DAYS.min} to ${RESERVATION_DAYS.max} days`,
    });
  }
  for (const [key, prefix] of Object.entries(settings.orderNumberPrefixes) as [
    keyof OrderNumberPrefixes,
    string,
  ][]) {
    if (prefix.length > ORDER_NUMBER_PREFIX_MAX || !/^[A-Za-z0-9_-]*$/.test(prefix)) {
      problems.push({
        field: `orderNumberPrefixes.${key}`,
        message: `a prefix is up to ${ORDER_NUMBER_PREFIX_MAX} letters, digits, "-" or "_"`,
      });
    }
  }
  return problems;
}
