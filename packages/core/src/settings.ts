import { type DbOrTx, type OrderSettingsRow, orderSettings } from '@saleschannel/db';
import {
  CUSTOMER_CREATION,
  IMPORT_ORDERS,
  LOG_RETENTION,
  MFN_STOCK_POLICIES,
  ORDER_NUMBER_SOURCES,
  ORDER_STATUS_MODES,
  type OrderSettings,
  PENDING_ORDER_RESERVATION,
  UNKNOWN_SKU_POLICIES,
  validateOrderSettings,
} from '@saleschannel/domain';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from './errors.js';

function toSettings(row: OrderSettingsRow): OrderSettings {
  return {
    importOrders: row.importOrders as OrderSettings['importOrders'],
    storeViewCode: row.storeViewCode,
    customerCreation: row.customerCreation as OrderSettings['customerCreation'],
    orderNumberSource: row.orderNumberSource as OrderSettings['orderNumberSource'],
    orderNumberPrefixes: {
      general: row.prefixGeneral,
      fba: row.prefixFba,
      prime: row.prefixPrime,
      business: row.prefixBusiness,
    },
    pendingOrders: row.pendingOrders as OrderSettings['pendingOrders'],
    reservationDays: row.reservationDays,
    orderStatusMode: row.orderStatusMode as OrderSettings['orderStatusMode'],
    processingStatus: row.processingStatus,
    importFbaOrders: row.importFbaOrders,
    fbaManageStock: row.fbaManageStock,
    mfnStockPolicy: row.mfnStockPolicy as OrderSettings['mfnStockPolicy'],
    unknownSkuPolicy: row.unknownSkuPolicy as OrderSettings['unknownSkuPolicy'],
    syncFrequencyMinutes: row.syncFrequencyMinutes,
    logRetention: row.logRetention as OrderSettings['logRetention'],
  };
}

function toRow(settings: OrderSettings) {
  const { orderNumberPrefixes: prefixes, ...rest } = settings;
  return {
    ...rest,
    prefixGeneral: prefixes.general,
    prefixFba: prefixes.fba,
    prefixPrime: prefixes.prime,
    prefixBusiness: prefixes.business,
  };
}

/** A partial update of order settings, as the API, the admin form and the CLI send it. */
export const OrderSettingsPatch = z
  .object({
    importOrders: z.enum(IMPORT_ORDERS),
    storeViewCode: z.string().trim().min(1).nullable(),
    customerCreation: z.enum(CUSTOMER_CREATION),
    orderNumberSource: z.enum(ORDER_NUMBER_SOURCES),
    orderNumberPrefixes: z
      .object({ general: z.string(), fba: z.string(), prime: z.string(), business: z.string() })
      .partial()
      .strict(),
    pendingOrders: z.enum(PENDING_ORDER_RESERVATION),
    reservationDays: z.number().int(),
    orderStatusMode: z.enum(ORDER_STATUS_MODES),
    processingStatus: z.string().trim().nullable(),
    importFbaOrders: z.boolean(),
    fbaManageStock: z.boolean(),
    mfnStockPolicy: z.enum(MFN_STOCK_POLICIES),
    unknownSkuPolicy: z.enum(UNKNOWN_SKU_POLICIES),
    syncFrequencyMinutes: z.number().int(),
    logRetention: z.enum(LOG_RETENTION),
  })
  .partial()
  .strict();
export type OrderSettingsPatch = z.infer<typeof OrderSettingsPatch>;

export async function getOrderSettings(db: DbOrTx, accountId: string): Promise<OrderSettings> {
  const [row] = await db.select().from(orderSettings).where(eq(orderSettings.accountId, accountId));
  if (!row) {
    throw new NotFoundError('Account', accountId);
  }
  return toSettings(row);
}

/**
 * Applies a partial update. The result is checked as a whole (a custom status needs its processing status), so
 * a patch is accepted only if the settings it leads to are valid.
 */
export async function updateOrderSettings(
  db: DbOrTx,
  accountId: string,
  patch: unknown,
): Promise<OrderSettings> {
  const parsed = OrderSettingsPatch.safeParse(patch);
  if (!parsed.success) {
    throw new InvalidInputError(
      'invalid order settings',
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || '(settings)',
        message: issue.message,
      })),
    );
  }
  const current = await getOrderSettings(db, accountId);
  const { orderNumberPrefixes, ...fields } = parsed.data;
  const next: OrderSettings = {
    ...current,
    ...fields,
    orderNumberPrefixes: { ...current.orderNumberPrefixes, ...orderNumberPrefixes },
  };
  const problems = validateOrderSettings(next);
  if (problems.length > 0) {
    throw new InvalidInputError('invalid order settings', problems);
  }
  const [row] = await db
    .update(orderSettings)
    .set(toRow(next))
    .where(eq(orderSettings.accountId, accountId))
    .returning();
  if (!row) {
    throw new NotFoundError('Account', accountId);
  }
  return toSettings(row);
}
