import { accounts, type DbOrTx, orderSettings, syncCursors } from '@saleschannel/db';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { JobQueue } from '../jobs.js';

/**
 * The accounts whose scheduled sync is due at `now`: active, and not run within their sync frequency. Called
 * every minute by the worker's clock; the queue keeps it to one sync per account however often it is asked.
 */
export async function dueAccounts(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(orderSettings, eq(orderSettings.accountId, accounts.id))
    .leftJoin(
      syncCursors,
      and(eq(syncCursors.accountId, accounts.id), eq(syncCursors.stream, 'amazon_orders')),
    )
    .where(
      and(
        eq(accounts.status, 'active'),
        or(
          isNull(syncCursors.lastRunAt),
          lte(
            syncCursors.lastRunAt,
            sql`${now.toISOString()}::timestamptz - make_interval(mins => ${orderSettings.syncFrequencyMinutes})`,
          ),
        ),
      ),
    );
  return rows.map((row) => row.id);
}

export async function enqueueDueSyncs(db: DbOrTx, queue: JobQueue, now = new Date()): Promise<number> {
  let queued = 0;
  for (const accountId of await dueAccounts(db, now)) {
    if (await queue.requestSync({ accountId, reason: 'schedule' })) {
      queued++;
    }
  }
  return queued;
}

/** "Sync now": queues a sync of the account at once (a sync already queued for it is not doubled). */
export async function syncNow(queue: JobQueue, accountId: string): Promise<{ queued: boolean }> {
  return { queued: (await queue.requestSync({ accountId, reason: 'manual' })) !== null };
}
