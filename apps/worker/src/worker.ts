import {
  clearLogHistory,
  enqueueDueSyncs,
  type JobQueue,
  markNotificationProcessed,
  type OrderChangeJob,
  QUEUES,
  type Runtime,
  recordCommunicationError,
  type SyncAccountJob,
  syncAccount,
  syncOrder,
} from '@saleschannel/core';
import { syncCursors } from '@saleschannel/db';
import { type SqsPollerOptions, startSqsPoller } from './sqs-poller.js';

export interface RunningWorker {
  readonly queue: JobQueue;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** How many accounts this process syncs at once. Default 2. */
  readonly concurrency?: number;
  /** How often idle workers look for jobs, in seconds. Default 2. */
  readonly pollingIntervalSeconds?: number;
  /** Also take Amazon's ORDER_CHANGE notifications from this SQS queue. */
  readonly sqs?: SqsPollerOptions;
}

/**
 * Starts the worker: every minute the clock queues the accounts whose sync is due (by each account's
 * frequency), and this process works the queued syncs. Run as many worker processes as you like, on as many
 * machines: the queue lets only one sync of an account run at a time. A sync that fails is retried with
 * backoff and, after the bound, kept in the dead-letter queue with the account's last error set. With `sqs`, it
 * also takes Amazon's ORDER_CHANGE notifications from an SQS queue (the scheduled sync stays the backstop).
 */
export async function startWorker(runtime: Runtime, options: WorkerOptions = {}): Promise<RunningWorker> {
  const { database, logger } = runtime;
  await database.ping();
  const queue = await runtime.jobs();
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  await queue.boss.schedule(QUEUES.syncTick, '* * * * *');
  await queue.boss.work(QUEUES.syncTick, polling, async () => {
    await enqueueDueSyncs(database.db, queue);
    await clearLogHistory(database.db);
  });
  for (let n = 0; n < (options.concurrency ?? 2); n++) {
    await queue.boss.work<SyncAccountJob>(QUEUES.syncAccount, { ...polling, batchSize: 1 }, async ([job]) => {
      if (job) {
        await runSync(runtime, job.data);
      }
    });
  }
  await queue.boss.work<OrderChangeJob>(QUEUES.orderChange, { ...polling, batchSize: 1 }, async ([job]) => {
    if (job) {
      await syncOrder(runtime, job.data.accountId, job.data.amazonOrderId);
      if (job.data.notificationId) {
        await markNotificationProcessed(runtime, job.data.notificationId);
      }
    }
  });
  await queue.boss.work<SyncAccountJob>(QUEUES.deadLetter, polling, async (jobs) => {
    for (const job of jobs) {
      logger.error({ accountId: job.data.accountId }, 'account sync gave up after its retries');
    }
  });
  await enqueueDueSyncs(database.db, queue);
  const sqs = options.sqs ? startSqsPoller(runtime, options.sqs) : undefined;
  logger.info({ database: database.location }, 'worker started');
  return {
    queue,
    stop: async () => {
      await sqs?.stop();
      // The queue belongs to the runtime (the API may share it); the worker stops taking jobs.
      for (const name of [QUEUES.syncTick, QUEUES.syncAccount, QUEUES.orderChange, QUEUES.deadLetter]) {
        await queue.boss.offWork(name);
      }
      logger.info('worker stopped');
    },
  };
}

async function runSync(runtime: Runtime, job: SyncAccountJob): Promise<void> {
  try {
    await syncAccount(runtime, job.accountId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    runtime.logger.error(
      { accountId: job.accountId, reason: job.reason, err: message },
      'account sync failed',
    );
    await recordCommunicationError(runtime.database.db, job.accountId, error);
    await runtime.database.db
      .insert(syncCursors)
      .values({ accountId: job.accountId, stream: 'amazon_orders', lastError: message })
      .onConflictDoUpdate({
        target: [syncCursors.accountId, syncCursors.stream],
        set: { lastError: message },
      });
    throw error;
  }
}
