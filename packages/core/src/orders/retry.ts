import { type AmazonOrderRow, amazonOrders, type DbOrTx } from '@saleschannel/db';
import { type ImportState, importLifecycle } from '@saleschannel/domain';
import { eq } from 'drizzle-orm';
import { NotAllowedError, NotFoundError } from '../errors.js';
import { transitionImport } from './import-state.js';

/**
 * "Retry" on an order in error, or "Create order" on a skipped one: it goes back to pending, due now, with a
 * fresh series of automatic attempts. The next sync of its account creates it.
 */
export async function retryOrder(db: DbOrTx, orderId: string, requestedBy: string): Promise<AmazonOrderRow> {
  const [order] = await db
    .select({
      id: amazonOrders.id,
      version: amazonOrders.version,
      importState: amazonOrders.importState,
      amazonOrderId: amazonOrders.amazonOrderId,
    })
    .from(amazonOrders)
    .where(eq(amazonOrders.id, orderId));
  if (!order) {
    throw new NotFoundError('Order', orderId);
  }
  if (!importLifecycle.canTransition(order.importState as ImportState, 'pending')) {
    throw new NotAllowedError(
      `order ${order.amazonOrderId} is ${order.importState}: only orders in error or skipped can be retried`,
    );
  }
  return transitionImport(
    db,
    order,
    { to: 'pending', resetAttempts: true },
    { type: 'retry_requested', message: `Retry requested by ${requestedBy}`, data: { requestedBy } },
  );
}
