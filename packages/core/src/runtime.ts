import { type Database, type DatabaseEnv, openDatabase } from '@saleschannel/db';
import { type JobQueue, startJobQueue } from './jobs.js';
import { createLogger, type Logger, type LoggerEnv } from './logger.js';
import { Metrics } from './metrics.js';

export type RuntimeEnv = DatabaseEnv & LoggerEnv;

/** What every app needs in one process: the database (with its cipher), the logger and the job queue. */
export interface Runtime {
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The process's one job queue, started on first use (every process may supervise: pg-boss coordinates). */
  jobs(): Promise<JobQueue>;
  close(): Promise<void>;
}

/** A runtime around an open database. Closing it stops the job queue, then closes the database. */
export function runtimeFor(
  database: Database,
  logger: Logger,
  onClose?: () => void,
  metrics = new Metrics({ processMetrics: false }),
): Runtime {
  let queue: Promise<JobQueue> | undefined;
  return {
    database,
    logger,
    metrics,
    jobs: () => {
      queue ??= startJobQueue(database, { supervise: true });
      return queue;
    },
    close: async () => {
      if (queue) {
        await (await queue).stop();
      }
      await database.close();
      onClose?.();
    },
  };
}

const SHARED = Symbol.for('saleschannel.runtime');
type Holder = { [SHARED]?: Promise<Runtime> };

/**
 * The process's one runtime. The embedded PGlite database can be opened by one process only, so the apps
 * started together (api, worker and admin in the launcher) must share it; each app asks for it here instead
 * of opening its own. Kept on globalThis because bundlers (the admin's SSR build) may load this module twice.
 */
export function sharedRuntime(env: RuntimeEnv = process.env): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[SHARED] ??= createRuntime(env).catch((error: unknown) => {
    delete holder[SHARED];
    throw error;
  });
  return holder[SHARED];
}

export async function createRuntime(env: RuntimeEnv, cwd?: string): Promise<Runtime> {
  const logger = createLogger(env);
  const database = await openDatabase(env, cwd);
  logger.info({ database: database.location }, 'database ready');
  return runtimeFor(
    database,
    logger,
    () => {
      delete (globalThis as Holder)[SHARED];
    },
    new Metrics(),
  );
}
