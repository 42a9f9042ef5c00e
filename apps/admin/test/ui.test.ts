import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.SALESCHANNEL_REQUIRE_BROWSER) {
  throw new Error(`UI tests need Chromium at ${CHROMIUM} (apt-get install chromium)`);
}
if (!browserAvailable) {
  console.warn(
    `UI tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

const appDir = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`the admin exited with code ${child.exitCode}`);
    }
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the admin did not answer at ${url}`);
}

describe.runIf(browserAvailable)('admin UI', () => {
  let server: ChildProcess;
  let browser: Browser;
  let url: string;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sc-admin-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['build'], {
      cwd: appDir,
      env: {
        ...process.env,
        DATABASE_URL: '',
        SALESCHANNEL_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        ORIGIN: url,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    await waitForServer(url, server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('the status page says which database the product uses', async () => {
    const page = await browser.newPage();
    const response = await page.goto(url);
    expect(response?.status(), output).toBe(200);
    await expect.poll(() => page.getByTestId('database-status').textContent()).toContain('Connected');
    expect(await page.getByTestId('database-driver').textContent()).toContain('Embedded PostgreSQL (PGlite)');
    expect(await page.getByTestId('database-location').textContent()).toBe(
      `embedded PGlite at ${join(dataDir, 'pglite')}`,
    );
    await expect.poll(() => page.title()).toBe('Status · saleschannel');
  });
});
