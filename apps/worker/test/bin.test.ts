import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function cli(args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [main, ...args], {
      env: { ...process.env, DATABASE_URL: '', SALESCHANNEL_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('saleschannel-worker binary', () => {
  it('prints help, runs a command on the embedded database, and exits 2 on a usage error', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-bin-'));
    expect((await cli(['--help'], dataDir)).stdout).toContain('accounts add --file account.json');
    const list = await cli(['accounts', 'list'], dataDir);
    expect(list).toMatchObject({ code: 0 });
    expect(list.stdout).toContain('No accounts yet');
    const bad = await cli(['accounts', 'explode'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "accounts explode"');
  });
});
