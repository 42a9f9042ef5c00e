import { createTestDatabase, seedAccount, type TestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type JobQueue, QUEUES, type SyncAccountJob, startJobQueue } from '../src/jobs.js';

let database: TestDatabase;
const queues: JobQueue[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.stop()));
  await database.destroy();
});

async function queue(): Promise<JobQueue> {
  const started = await startJobQueue(database, { supervise: false });
  queues.push(started);
  return started;
}

describe(`job queue (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('delivers a requested sync to a worker', async () => {
    const { accountId } = await seedAccount(database);
    const q = await queue();
    const seen: SyncAccountJob[] = [];
    await q.boss.work<SyncAccountJob>(QUEUES.syncAccount, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) {
        seen.push(job.data);
      }
    });
    expect(await q.requestSync({ accountId, reason: 'manual' })).toBeTruthy();
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual([{ accountId, reason: 'manual' }]);
  });

  it('keeps at most one queued sync per account; other accounts are independent', async () => {
    const q = await queue();
    expect(await q.requestSync({ accountId: 'acc_a', reason: 'schedule' })).toBeTruthy();
    expect(await q.requestSync({ accountId: 'acc_a', reason: 'manual' })).toBeNull();
    expect(await q.requestSync({ accountId: 'acc_b', reason: 'manual' })).toBeTruthy();
    expect(await q.boss.getQueueSize(QUEUES.syncAccount)).toBe(2);
  });

  it('never runs two syncs of one account at once, however many workers', async () => {
    const workers = [await queue(), await queue(), await queue()];
    const running = new Map<string, number>();
    let overlap = 0;
    let done = 0;
    for (const worker of workers) {
      await worker.boss.work<SyncAccountJob>(
        QUEUES.syncAccount,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        async ([job]) => {
          if (!job) {
            return;
          }
          const now = (running.get(job.data.accountId) ?? 0) + 1;
          running.set(job.data.accountId, now);
          if (now > 1) {
            overlap++;
          }
          await new Promise((resolve) => setTimeout(resolve, 150));
          running.set(job.data.accountId, now - 1);
          done++;
        },
      );
    }
    // Keep asking for syncs of one account while they run: a second may queue behind the running one, never beside it.
    for (let round = 0; round < 8; round++) {
      await workers[round % workers.length]?.requestSync({ accountId: 'acc_busy', reason: 'manual' });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expect.poll(() => done, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(overlap).toBe(0);
  });

  it('retries a failing sync and dead-letters it after the bound', async () => {
    const q = await queue();
    await q.boss.updateQueue(QUEUES.syncAccount, {
      name: QUEUES.syncAccount,
      policy: 'stately',
      retryLimit: 1,
      retryDelay: 0,
      retryBackoff: false,
      deadLetter: QUEUES.deadLetter,
    });
    let attempts = 0;
    await q.boss.work(QUEUES.syncAccount, { pollingIntervalSeconds: 0.5 }, async () => {
      attempts++;
      throw new Error('Commerce is down');
    });
    await q.requestSync({ accountId: 'acc_failing', reason: 'manual' });
    await expect.poll(() => q.boss.getQueueSize(QUEUES.deadLetter), { timeout: 15_000 }).toBe(1);
    expect(attempts).toBe(2);
    const [dead] = await q.boss.fetch<SyncAccountJob>(QUEUES.deadLetter);
    expect(dead?.data).toEqual({ accountId: 'acc_failing', reason: 'manual' });
  });
});
