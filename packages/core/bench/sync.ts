/**
 * The sync engine's benchmark: `pnpm --filter @saleschannel/core bench` (or `pnpm bench` at the root).
 *
 * 1. Import throughput — BENCH_ORDERS orders (default 2,000) backfilled from the stand-ins with rate limits off
 *    (zero latency, loopback), on real PostgreSQL: store only ("Import Amazon Orders" Disabled), then store and
 *    create in Commerce (Enabled). Orders/s and CPU ms per order, split by process.
 * 2. SP-API efficiency — BENCH_RATE_ORDERS orders (default 5,000: 50 pages) with Amazon's real usage plans, time
 *    compressed BENCH_SPEED times (default 100): searchOrders' request rate once the burst is spent, against the
 *    documented rate, and the 429s the stand-in answered.
 * 3. Memory — a BENCH_BACKFILL_ORDERS-order backfill (default 100,000), store only, rate limits off: RSS and
 *    heap sampled every BENCH_MEMORY_EVERY orders (default 10,000) and the peaks.
 *
 * The stand-ins run in a child process, so the CPU and memory figures of this process are the sync's own
 * (core, the two clients, drizzle and the PostgreSQL driver); PostgreSQL's CPU is read from its backends.
 * Each part runs on a database of its own, created on the server of BENCH_DATABASE_URL or TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test) and dropped afterwards. BENCH_PARTS=throughput,rate,memory
 * picks parts.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Clock, OPERATIONS, scaledClock, type TransportHooks } from '@saleschannel/amazon';
import type { StandInOptions } from '@saleschannel/amazon-stand-in';
import { amazonOrders, createCipher, createDb, type Database } from '@saleschannel/db';
import { createEmptyDatabaseUrl } from '@saleschannel/db/testing';
import { sql } from 'drizzle-orm';
import { updateOrderSettings } from '../src/settings.js';
import { createStandInAccount, STAND_IN_SKUS, type StandInEndpoints, testRuntime } from '../src/stand-ins.js';
import { type AmazonClientOptions, backfillAccount, type SyncReport } from '../src/sync/index.js';
import type { ChildMessage, ParentMessage } from './stand-ins-process.js';

const DAY = 24 * 60 * 60_000;
/** The stand-ins answer without limits in the throughput and memory parts: the client must not pace itself. */
const UNLIMITED: AmazonClientOptions = {
  rateLimits: { 'orders-2026-01-01.searchOrders': { rate: 1_000_000, burst: 1_000_000 } },
};
const SEARCH = 'orders-2026-01-01.searchOrders';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

const config = {
  databaseUrl:
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/test',
  orders: intEnv('BENCH_ORDERS', 2_000),
  rateOrders: intEnv('BENCH_RATE_ORDERS', 5_000),
  speed: intEnv('BENCH_SPEED', 100),
  backfillOrders: intEnv('BENCH_BACKFILL_ORDERS', 100_000),
  memoryEvery: intEnv('BENCH_MEMORY_EVERY', 10_000),
  memorySynchronousCommit: process.env.BENCH_MEMORY_SYNCHRONOUS_COMMIT === 'on',
  parts: new Set((process.env.BENCH_PARTS || 'throughput,rate,memory').split(',').map((p) => p.trim())),
};

// ---------------------------------------------------------------------------------------------------------
// Infrastructure: a database per part, the stand-ins' process, PostgreSQL's CPU time.

function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(`the bench creates and drops databases: it runs on a loopback server only, not ${host}`);
  }
}

interface BenchDatabase {
  readonly database: Database;
  drop(): Promise<void>;
}

async function freshDatabase(synchronousCommit: boolean): Promise<BenchDatabase> {
  // createEmptyDatabaseUrl creates the database on TEST_DATABASE_URL's server.
  process.env.TEST_DATABASE_URL = config.databaseUrl;
  const empty = await createEmptyDatabaseUrl();
  if (!empty.url) {
    throw new Error('no PostgreSQL server configured');
  }
  if (!synchronousCommit) {
    const name = new URL(empty.url).pathname.slice(1);
    const admin = await createDb({
      url: config.databaseUrl,
      cipher: createCipher(randomBytes(32)),
      migrate: false,
    });
    await admin.executeSql(`alter database "${name}" set synchronous_commit = off`);
    await admin.close();
  }
  const database = await createDb({ url: empty.url, cipher: createCipher(randomBytes(32)) });
  return {
    database,
    drop: async () => {
      await database.close();
      await empty.drop();
    },
  };
}

/** CPU time (ms) of each PostgreSQL backend serving this database, read from /proc (same machine). */
async function backendCpu(database: Database): Promise<Map<number, number> | undefined> {
  const { rows } = await database.executeSql(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const cpu = new Map<number, number>();
  for (const { pid } of rows as { pid: number }[]) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerMs);
    } catch {
      return undefined; // not on this machine, or not readable
    }
  }
  return cpu;
}

function cpuDelta(before: Map<number, number> | undefined, after: Map<number, number> | undefined) {
  if (!before || !after) {
    return undefined;
  }
  let total = 0;
  for (const [pid, ms] of after) {
    total += ms - (before.get(pid) ?? 0);
  }
  return total;
}

type StatsMessage = Extract<ChildMessage, { type: 'stats' }>;

class StandInProcess {
  readonly #child: ChildProcess;
  #waiting: ((message: ChildMessage) => void)[] = [];

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (message: ChildMessage) => this.#waiting.shift()?.(message));
  }

  static async start(
    amazon: StandInOptions,
  ): Promise<{ process: StandInProcess; endpoints: StandInEndpoints }> {
    // The same loader and conditions as this process (tsx, `source`), so the stand-ins run from source too.
    const child = fork(new URL('./stand-ins-process.ts', import.meta.url), { stdio: 'inherit' });
    const standIns = new StandInProcess(child);
    const ready = await standIns.#ask({ type: 'start', amazon, skus: STAND_IN_SKUS });
    if (ready.type !== 'ready') {
      throw new Error('the stand-ins did not start');
    }
    return { process: standIns, endpoints: ready.endpoints };
  }

  #ask(message: ParentMessage): Promise<ChildMessage> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the stand-ins exited (${code})`));
      this.#child.once('exit', onExit);
      this.#waiting.push((answer) => {
        this.#child.off('exit', onExit);
        resolve(answer);
      });
      this.#child.send(message);
    });
  }

  async stats(): Promise<StatsMessage> {
    const answer = await this.#ask({ type: 'stats' });
    if (answer.type !== 'stats') {
      throw new Error('unexpected answer from the stand-ins');
    }
    return answer;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    await this.#ask({ type: 'close' });
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------------------
// One run: a fresh database, the stand-ins, an account, a backfill of every seeded order.

interface RunOptions {
  readonly label: string;
  readonly amazon: StandInOptions & {
    readonly orders: { readonly count: number; readonly historyMs: number };
  };
  readonly importOrders: 'enabled' | 'disabled';
  /** PostgreSQL's synchronous_commit for the run's database. @default true */
  readonly synchronousCommit?: boolean;
  readonly amazonClient?: (virtualNow: number) => AmazonClientOptions;
  readonly onProgress?: (fetched: number) => void;
}

interface RunResult {
  readonly report: SyncReport;
  readonly wallMs: number;
  /** Wall time until the last page was stored (the rest is the creation / skip pass). */
  readonly fetchWallMs: number;
  /** This process's CPU time, ms. */
  readonly cpuMs: number;
  /** The stand-ins' CPU time, ms. */
  readonly standInCpuMs: number;
  /** PostgreSQL backends' CPU time, ms (undefined when /proc cannot tell). */
  readonly postgresCpuMs: number | undefined;
  readonly stats: StatsMessage;
  readonly storedOrders: number;
}

async function run(options: RunOptions): Promise<RunResult> {
  const { database, drop } = await freshDatabase(options.synchronousCommit ?? true);
  const { process: standIns, endpoints } = await StandInProcess.start(options.amazon);
  try {
    const runtime = testRuntime(database);
    const accountId = await createStandInAccount(database, endpoints);
    await updateOrderSettings(database.db, accountId, { importOrders: options.importOrders });
    const since = new Date(Date.now() - options.amazon.orders.historyMs - DAY);
    const statsBefore = await standIns.stats();
    const started = performance.now();
    // The stand-in's clock started with its process: at speed s its virtual time runs ahead of ours.
    const amazonClient = options.amazonClient?.(statsBefore.virtualNow);
    const pgBefore = await backendCpu(database);
    const cpuBefore = process.cpuUsage();
    let fetchWallMs = 0;
    const report = await backfillAccount(runtime, accountId, since, {
      onProgress: (fetched) => {
        fetchWallMs = performance.now() - started;
        options.onProgress?.(fetched);
      },
      ...(amazonClient ? { amazonClient } : {}),
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const pgAfter = await backendCpu(database);
    const statsAfter = await standIns.stats();
    const [counted] = await database.db.select({ n: sql<number>`count(*)::int` }).from(amazonOrders);
    const standInCpu =
      statsAfter.cpu.user + statsAfter.cpu.system - statsBefore.cpu.user - statsBefore.cpu.system;
    return {
      report,
      wallMs,
      fetchWallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      standInCpuMs: standInCpu / 1000,
      postgresCpuMs: cpuDelta(pgBefore, pgAfter),
      stats: diffStats(statsBefore, statsAfter),
      storedOrders: counted?.n ?? 0,
    };
  } finally {
    await standIns.close();
    await drop();
  }
}

function diffStats(before: StatsMessage, after: StatsMessage): StatsMessage {
  const amazon: StatsMessage['amazon'] = {};
  for (const [name, s] of Object.entries(after.amazon)) {
    const b = before.amazon[name];
    amazon[name] = {
      requests: s.requests - (b?.requests ?? 0),
      throttled: s.throttled - (b?.throttled ?? 0),
    };
  }
  return { ...after, amazon };
}

// ---------------------------------------------------------------------------------------------------------
// The parts.

const rows: [string, string, string][] = [];
const section = (title: string) => rows.push([title, '', '']);
const row = (metric: string, value: string, note = '') => rows.push([`  ${metric}`, value, note]);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
const log = (message: string) => process.stderr.write(`${message}\n`);

async function throughput(): Promise<void> {
  section(`Import throughput: ${fmt(config.orders)} orders, stand-ins at zero latency, PostgreSQL`);
  for (const importOrders of ['disabled', 'enabled'] as const) {
    const label = importOrders === 'disabled' ? 'store only' : 'store + Commerce creation';
    log(`throughput: ${label}…`);
    const result = await run({
      label,
      amazon: {
        rateLimits: false,
        orders: { count: config.orders, historyMs: 30 * DAY, seed: 11 },
      },
      importOrders,
      amazonClient: () => UNLIMITED,
    });
    const n = result.storedOrders;
    const { report } = result;
    const perOrder = (ms: number | undefined) => (ms === undefined ? 'n/a' : fmt(ms / n, 2));
    row(
      `${label}: orders/s`,
      fmt(n / (result.wallMs / 1000), 0),
      `${fmt(n)} stored in ${fmt(result.wallMs / 1000, 1)} s` +
        (importOrders === 'enabled'
          ? `; ${fmt(report.imported)} Commerce orders created, ${fmt(report.skippedOrders)} skipped (cancelled), ${fmt(report.failed)} failed`
          : `; fetch+store ${fmt(n / (result.fetchWallMs / 1000), 0)}/s, then ${fmt(report.skippedOrders)} marked "stored only"`),
    );
    row(
      `${label}: CPU ms/order`,
      perOrder(result.cpuMs),
      `sync process only; stand-ins ${perOrder(result.standInCpuMs)}, PostgreSQL ${perOrder(result.postgresCpuMs)}`,
    );
    if (importOrders === 'enabled') {
      row(
        `${label}: Commerce orders/s`,
        fmt(report.imported / (result.wallMs / 1000), 0),
        `${fmt(result.stats.commerceRequests)} Commerce requests (${fmt(result.stats.commerceRequests / Math.max(1, report.imported), 1)} per created order)`,
      );
      log(`  Commerce requests: ${JSON.stringify(result.stats.commerceRoutes)}`);
    }
  }
}

async function rate(): Promise<void> {
  const spec = OPERATIONS[SEARCH];
  section(
    `SP-API efficiency: ${fmt(config.rateOrders)} orders with Amazon's usage plans, time ×${fmt(config.speed)}`,
  );
  log(`SP-API efficiency: ${fmt(config.rateOrders)} orders at ×${config.speed}…`);
  // Each searchOrders request: its virtual time, and whether the client waited for a token before it.
  const requests: { at: number; waited: boolean }[] = [];
  let waiting = false;
  let clientWaitMs = 0;
  let clock: Clock | undefined;
  const hooks: TransportHooks = {
    onRequest: (event) => {
      if (event.operation === SEARCH && clock) {
        requests.push({ at: clock.now(), waited: waiting });
        waiting = false;
      }
    },
    onThrottle: (event) => {
      if (event.source === 'client' && event.operation === SEARCH) {
        clientWaitMs += event.waitedMs;
        waiting = event.waitedMs > 0;
      }
    },
  };
  const result = await run({
    label: 'rate',
    amazon: {
      rateLimits: true,
      speed: config.speed,
      orders: { count: config.rateOrders, historyMs: 30 * DAY, seed: 13 },
    },
    importOrders: 'disabled',
    amazonClient: (virtualNow) => {
      clock = scaledClock(config.speed, virtualNow);
      return { clock, hooks };
    },
  });
  const search = result.stats.amazon[SEARCH] ?? { requests: 0, throttled: 0 };
  const token = result.stats.amazon['lwa.token'] ?? { requests: 0, throttled: 0 };
  // Steady state: from the first request the client had to wait for (its bucket, like Amazon's, ran dry) to
  // the last. A client that loses no time sends one request per 1/rate seconds there.
  const dry = requests.findIndex((r) => r.waited);
  const steady = dry >= 0 ? requests.slice(dry) : [];
  const span = steady.length > 1 ? ((steady.at(-1)?.at ?? 0) - (steady[0]?.at ?? 0)) / 1000 : 0;
  const achieved = span > 0 ? (steady.length - 1) / span : undefined;
  row(
    'searchOrders: achieved rate',
    achieved === undefined ? 'n/a' : `${fmt(achieved, 5)}/s`,
    achieved === undefined
      ? `the bucket never ran dry in ${requests.length} requests: raise BENCH_RATE_ORDERS or lower BENCH_SPEED`
      : `${fmt((achieved / spec.rate) * 100, 1)} % of the documented ${spec.rate}/s (burst ${spec.burst}), ` +
          `over the ${steady.length - 1} requests after the bucket ran dry (request ${dry + 1}), ${fmt(span, 0)} virtual s; ` +
          `${steady.filter((r) => r.waited).length - 1} of them waited for a token`,
  );
  row(
    'searchOrders: requests / 429s',
    `${fmt(search.requests)} / ${fmt(search.throttled)}`,
    `${fmt(result.storedOrders)} orders stored in ${fmt(result.wallMs / 1000, 1)} s real; client waited ${fmt(clientWaitMs / 1000, 0)} virtual s for tokens`,
  );
  row(
    'LWA token: requests / 429s',
    `${fmt(token.requests)} / ${fmt(token.throttled)}`,
    'access tokens live 1 h',
  );
  const other = Object.entries(result.stats.amazon).filter(
    ([name]) => name !== SEARCH && name !== 'lwa.token',
  );
  row(
    'other SP-API operations',
    other.length === 0 ? 'none' : other.map(([name, s]) => `${name} ${s.requests}`).join(', '),
    'the sync reads orders with searchOrders only (no getOrder)',
  );
  const atRealRate = ((Math.ceil(config.backfillOrders / 100) - spec.burst) / spec.rate / 3600).toFixed(1);
  row(
    `real time for ${fmt(config.backfillOrders)} orders`,
    `${atRealRate} h`,
    `${fmt(Math.ceil(config.backfillOrders / 100))} pages of 100 at ${spec.rate}/s after a burst of ${spec.burst}`,
  );
}

interface MemorySample {
  readonly at: string;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapAfterGc: number | undefined;
}

async function memory(): Promise<void> {
  section(
    `Memory: ${fmt(config.backfillOrders)}-order backfill, store only ("Import Amazon Orders" Disabled), rate limits off`,
  );
  log(`memory: ${fmt(config.backfillOrders)}-order backfill…`);
  const gc = (globalThis as { gc?: () => void }).gc;
  const sample = (at: string): MemorySample => {
    const before = process.memoryUsage();
    gc?.();
    return {
      at,
      rss: before.rss,
      heapUsed: before.heapUsed,
      heapAfterGc: gc ? process.memoryUsage().heapUsed : undefined,
    };
  };
  const samples: MemorySample[] = [sample('start')];
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  }, 100);
  let next = config.memoryEvery;
  try {
    const result = await run({
      label: 'memory',
      amazon: {
        rateLimits: false,
        orders: { count: config.backfillOrders, historyMs: 365 * DAY, seed: 17 },
      },
      importOrders: 'disabled',
      amazonClient: () => UNLIMITED,
      // Commits do not wait for the WAL flush: the disk's flush latency would set the pace, not memory.
      synchronousCommit: config.memorySynchronousCommit,
      onProgress: (fetched) => {
        if (fetched >= next) {
          samples.push(sample(`${fmt(fetched)} orders stored`));
          log(`  ${fmt(fetched)} orders…`);
          next += config.memoryEvery;
        }
      },
    });
    samples.push(sample(`all ${fmt(result.report.skippedOrders)} marked "stored only"`));
    for (const s of samples) {
      row(
        s.at,
        `RSS ${mb(s.rss)}`,
        `heap used ${mb(s.heapUsed)}${s.heapAfterGc === undefined ? '' : `, after GC ${mb(s.heapAfterGc)}`}`,
      );
    }
    row(
      'peak (sampled every 100 ms)',
      `RSS ${mb(peakRss)}`,
      `heap used ${mb(peakHeap)}; ${fmt(result.storedOrders)} orders in ${fmt(result.wallMs / 1000, 0)} s (${fmt(result.storedOrders / (result.wallMs / 1000), 0)}/s)`,
    );
  } finally {
    clearInterval(sampler);
  }
}

function printTable(): void {
  const values = rows.filter((r) => r[1] !== '');
  const w0 = Math.max(...values.map((r) => r[0].length));
  const w1 = Math.max(...values.map((r) => r[1].length));
  const line = (r: [string, string, string]) =>
    r[1] === '' ? `\n${r[0]}` : `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`;
  process.stdout.write(`${rows.map(line).join('\n')}\n`);
}

assertLoopback(config.databaseUrl);
const os = await import('node:os');
log(
  `saleschannel sync bench — Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), PostgreSQL at ${new URL(config.databaseUrl).host}${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: heap after GC not shown)'}`,
);
const benchStarted = performance.now();
if (config.parts.has('throughput')) {
  await throughput();
}
if (config.parts.has('rate')) {
  await rate();
}
if (config.parts.has('memory')) {
  await memory();
}
printTable();
log(`\nbench took ${fmt((performance.now() - benchStarted) / 1000, 0)} s`);
