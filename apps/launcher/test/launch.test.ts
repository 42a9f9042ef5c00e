import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function start(env: Record<string, string>): {
  child: ChildProcess;
  ready: Promise<{ admin: string; api: string; commerce?: string }>;
} {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      API_PORT: '0',
      ADMIN_PORT: '0',
      DEMO_AMAZON_PORT: '0',
      DEMO_COMMERCE_PORT: '0',
      SALESCHANNEL_DEMO: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ admin: string; api: string; commerce?: string }>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const admin = /Admin UI: (\S+)/.exec(output)?.[1];
      const api = /API: +(\S+)\/health/.exec(output)?.[1];
      const commerce = /watch them arrive at (\S+)\//.exec(output)?.[1];
      if (admin && api && (env.SALESCHANNEL_DEMO !== 'on' || commerce)) {
        resolve({ admin, api, ...(commerce ? { commerce } : {}) });
      }
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`the launcher exited with ${code}:\n${output}`)));
  });
  return { child, ready };
}

let running: ChildProcess | undefined;
afterEach(() => {
  running?.kill('SIGTERM');
});

describe('launcher', () => {
  it('runs the API, the worker and the admin in one process on the embedded database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-launch-'));
    const { child, ready } = start({ SALESCHANNEL_DATA_DIR: dataDir });
    running = child;
    const { admin, api } = await ready;
    const health = await (await fetch(`${api}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { driver: 'pglite', reachable: true } });
    const page = await (await fetch(admin)).text();
    expect(page).toContain('Embedded PostgreSQL (PGlite)');
    expect(page).toContain(join(dataDir, 'pglite'));
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'runs on PostgreSQL when DATABASE_URL is set',
    async () => {
      const { createEmptyDatabaseUrl } = await import('@saleschannel/db/testing');
      const empty = await createEmptyDatabaseUrl();
      try {
        const { child, ready } = start({ DATABASE_URL: empty.url ?? '' });
        running = child;
        const { admin, api } = await ready;
        const health = await (await fetch(`${api}/health`)).json();
        expect(health).toMatchObject({ status: 'ok', database: { driver: 'postgres', reachable: true } });
        expect(await (await fetch(admin)).text()).toContain('PostgreSQL server');
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      } finally {
        await empty.drop();
      }
    },
  );

  it('without credentials, the demo brings Amazon orders into the Commerce stand-in within a minute', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-launch-'));
    const { child, ready } = start({ SALESCHANNEL_DATA_DIR: dataDir, SALESCHANNEL_DEMO: 'on' });
    running = child;
    const { commerce } = await ready;
    expect(commerce).toBeTruthy();
    await expect
      .poll(
        async () => ((await (await fetch(`${commerce}/`)).text()).match(/\d{3}-\d{7}-\d{7}/g) ?? []).length,
        {
          timeout: 60_000,
          interval: 1_000,
        },
      )
      .toBeGreaterThan(0);
  });

  it('stops with a clear error in production without an encryption key', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-launch-'));
    const { child, ready } = start({ SALESCHANNEL_DATA_DIR: dataDir, NODE_ENV: 'production' });
    running = child;
    await expect(ready).rejects.toThrow(/SALESCHANNEL_ENCRYPTION_KEY is not set/);
  });
});
