import type { Database } from '@saleschannel/db';
import PgBoss from 'pg-boss';

/**
 * The job queue: pg-boss on the product's own database (PGlite or PostgreSQL), in its own `pgboss` schema.
 * Queues and their policies are declared here once, so every process that sends or works a job agrees on them.
 */
export const QUEUES = {
  /** One account's sync. `stately` + the account id as singleton key: at most one queued and one running. */
  syncAccount: 'sync-account',
  /** Every minute: enqueue the syncs that are due by each account's frequency. */
  syncTick: 'sync-tick',
  /** One Amazon order changed (a notification): fetch and process that order now. */
  orderChange: 'order-change',
  /** Jobs that exhausted their retries, kept for the operator. */
  deadLetter: 'dead-letter',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface SyncAccountJob {
  readonly accountId: string;
  /** Why the sync runs: the schedule, an operator's "sync now", a change notification. */
  readonly reason: 'schedule' | 'manual' | 'notification';
}

const RETRY = { retryLimit: 5, retryDelay: 15, retryBackoff: true } as const;

const QUEUE_DEFINITIONS: readonly PgBoss.Queue[] = [
  { name: QUEUES.deadLetter, policy: 'standard', retentionDays: 30 },
  {
    name: QUEUES.syncAccount,
    policy: 'stately',
    ...RETRY,
    expireInSeconds: 15 * 60,
    deadLetter: QUEUES.deadLetter,
  },
  { name: QUEUES.syncTick, policy: 'singleton', retryLimit: 0, expireInSeconds: 60 },
  {
    name: QUEUES.orderChange,
    policy: 'stately',
    ...RETRY,
    expireInSeconds: 5 * 60,
    deadLetter: QUEUES.deadLetter,
  },
];

export interface OrderChangeJob {
  readonly accountId: string;
  readonly amazonOrderId: string;
  /** The notification that asked for it, marked processed once the order is handled. */
  readonly notificationId?: string;
}

export interface JobQueueOptions {
  /** Run pg-boss's maintenance and cron scheduling in this process (workers do; the API does not). */
  readonly supervise?: boolean;
  /** How often idle workers poll for jobs. Default 2 s; sends also wake local workers at once. */
  readonly pollingIntervalSeconds?: number;
  /** How often the cron clock is checked, in seconds. Default 30 (pg-boss's default is 30 too). */
  readonly cronWorkerIntervalSeconds?: number;
}

export interface JobQueue {
  readonly boss: PgBoss;
  requestSync(job: SyncAccountJob): Promise<string | null>;
  /** One order at a time per account and order: a burst of notifications for it makes one fetch. */
  requestOrderSync(job: OrderChangeJob): Promise<string | null>;
  stop(): Promise<void>;
}

export async function startJobQueue(database: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  const supervise = options.supervise ?? false;
  const connection: PgBoss.DatabaseOptions = database.url
    ? { connectionString: database.url, max: 4 }
    : // PGlite lives in this process: pg-boss runs its SQL through it.
      { db: { executeSql: (text, values) => database.executeSql(text, values) } };
  const boss = new PgBoss({
    ...connection,
    supervise,
    schedule: supervise,
    migrate: true,
    cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds ?? 30,
  });
  boss.on('error', () => {
    // Errors of background maintenance are retried by pg-boss itself; callers see their own errors.
  });
  await boss.start();
  for (const queue of QUEUE_DEFINITIONS) {
    if (!(await boss.getQueue(queue.name))) {
      // Two processes starting together may both try; the loser finds the queue there and updates it.
      await boss.createQueue(queue.name, queue).catch(async (error: unknown) => {
        if (!(await boss.getQueue(queue.name))) {
          throw error;
        }
      });
    }
    await boss.updateQueue(queue.name, queue);
  }
  return {
    boss,
    requestSync: (job) => boss.send(QUEUES.syncAccount, job, { singletonKey: job.accountId }),
    requestOrderSync: (job) =>
      boss.send(QUEUES.orderChange, job, { singletonKey: `${job.accountId}:${job.amazonOrderId}` }),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000, close: true }),
  };
}
