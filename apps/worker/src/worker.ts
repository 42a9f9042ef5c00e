import { checkHealth, type Runtime } from '@saleschannel/core';

export interface RunningWorker {
  /** Last time the worker saw its database answer. */
  readonly lastHeartbeat: () => Date | undefined;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** How often the idle worker checks that its database still answers. Default 30 s. */
  readonly heartbeatMs?: number;
}

/**
 * Starts the worker: it connects to the database and stays up, checking the connection on a heartbeat.
 * Sync jobs are registered here as the sync engine lands.
 */
export async function startWorker(runtime: Runtime, options: WorkerOptions = {}): Promise<RunningWorker> {
  const { logger, database } = runtime;
  await database.ping();
  let lastHeartbeat: Date | undefined = new Date();
  logger.info({ database: database.location }, 'worker connected; no sync jobs registered yet');
  const timer = setInterval(async () => {
    const report = await checkHealth(database);
    if (report.database.reachable) {
      lastHeartbeat = new Date();
    } else {
      logger.warn({ error: report.database.error }, 'worker heartbeat: database unreachable');
    }
  }, options.heartbeatMs ?? 30_000);
  return {
    lastHeartbeat: () => lastHeartbeat,
    stop: async () => {
      clearInterval(timer);
      logger.info('worker stopped');
    },
  };
}
