import { type Database, type DatabaseEnv, openDatabase } from '@saleschannel/db';
import { createLogger, type Logger, type LoggerEnv } from './logger.js';

export type RuntimeEnv = DatabaseEnv & LoggerEnv;

/** What every app needs in one process: the database (with its cipher) and the logger. */
export interface Runtime {
  readonly database: Database;
  readonly logger: Logger;
  close(): Promise<void>;
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
  return {
    database,
    logger,
    close: async () => {
      await database.close();
      const holder = globalThis as Holder;
      delete holder[SHARED];
    },
  };
}
