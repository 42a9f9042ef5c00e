/**
 * Crashes simulated inside the test process, for the embedded PGlite: a SIGKILL'd process could leave PGlite's
 * data folder half-written (it is a file-backed database in the killed process, not a server), which would
 * test PGlite rather than saleschannel. Instead, a sync runs here as a "process" whose every effect on the
 * outside world — each database statement or transaction and each HTTP request — is one numbered step; at the
 * chosen step the process dies: that step and everything after it never happen (or the step happens and its
 * answer is never seen), and the process's code never runs again (its pending awaits never settle). What it
 * had committed and sent stays.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '@saleschannel/db';

/** The parts of PGlite that Drizzle calls. */
type Method = (...args: unknown[]) => Promise<unknown>;
interface PGlite {
  query: Method;
  exec: Method;
  transaction: (callback: (tx: object) => Promise<unknown>) => Promise<unknown>;
}

interface SimulatedProcess {
  steps: number;
  /** The step at which it dies (0: never). */
  readonly crashAt: number;
  /** Whether the fatal step takes effect (its answer lost) or never happens. */
  readonly afterStep: boolean;
  dead: boolean;
  readonly died: () => void;
}

const current = new AsyncLocalStorage<SimulatedProcess>();
const never = <T>() => new Promise<T>(() => {});

/** One step of the current simulated process: runs it, or not, as its fate says. */
function step<T>(run: () => Promise<T>): Promise<T> {
  const proc = current.getStore();
  if (!proc) {
    return run(); // the test's own work
  }
  // A dead process does nothing more: its awaits never settle.
  const dead = never<T>;
  if (proc.dead) {
    return dead();
  }
  proc.steps++;
  if (proc.steps !== proc.crashAt) {
    return run();
  }
  if (!proc.afterStep) {
    proc.dead = true;
    proc.died();
    return dead();
  }
  return run().then(
    () => {
      proc.dead = true;
      proc.died();
      return dead();
    },
    () => {
      proc.dead = true;
      proc.died();
      return dead();
    },
  );
}

/**
 * Routes the database's statements and the process's HTTP requests through `step`. A transaction is one step:
 * dying inside it rolls it back, which is the same as dying before it; dying after it keeps it (committed, but
 * its answer never seen). Returns the undo.
 */
export function installCrashPoints(database: Database): () => void {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const { query, exec, transaction } = client;
  const originalFetch = globalThis.fetch;
  Object.assign(client, {
    query: (...args: unknown[]) => step(() => query.apply(client, args)),
    exec: (...args: unknown[]) => step(() => exec.apply(client, args)),
    transaction: (callback: (tx: object) => Promise<unknown>) =>
      step(() => transaction.call(client, callback)),
  });
  globalThis.fetch = ((...args: Parameters<typeof fetch>) =>
    step(() => originalFetch(...args))) as typeof fetch;
  return () => {
    Object.assign(client, { query, exec, transaction });
    globalThis.fetch = originalFetch;
  };
}

export interface SimulatedRun {
  /** Steps taken (the fatal one included). */
  readonly steps: number;
  readonly crashed: boolean;
  /** The run's result or error when it was not crashed. */
  readonly error?: unknown;
}

/** Runs `work` as a process that dies at step `crashAt` (0: lives). */
export async function runAsProcess(
  work: () => Promise<unknown>,
  crashAt: number,
  afterStep: boolean,
): Promise<SimulatedRun> {
  let died!: () => void;
  const death = new Promise<void>((resolve) => {
    died = resolve;
  });
  const proc: SimulatedProcess = { steps: 0, crashAt, afterStep, dead: false, died };
  const outcome = current.run(proc, () =>
    work().then(
      () => ({ error: undefined }),
      (error: unknown) => ({ error }),
    ),
  );
  const result = await Promise.race([outcome, death.then(() => 'crashed' as const)]);
  if (result === 'crashed' || proc.dead) {
    return { steps: proc.steps, crashed: true };
  }
  return { steps: proc.steps, crashed: false, error: result.error };
}
