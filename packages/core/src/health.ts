import type { Database } from '@saleschannel/db';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly database: {
    readonly driver: Database['driver'];
    readonly location: string;
    readonly reachable: boolean;
    readonly latencyMs: number;
    readonly error?: string;
  };
}

/** Whether the product can serve: today that is whether its database answers. */
export async function checkHealth(database: Database): Promise<HealthReport> {
  const started = performance.now();
  let error: string | undefined;
  try {
    await database.ping();
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  return {
    status: error === undefined ? 'ok' : 'unavailable',
    database: {
      driver: database.driver,
      location: database.location,
      reachable: error === undefined,
      latencyMs,
      ...(error === undefined ? {} : { error }),
    },
  };
}
