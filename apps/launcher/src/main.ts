#!/usr/bin/env node
import { resolve } from 'node:path';
import { sharedRuntime } from '@saleschannel/core';
import { launch, parseLauncherEnv } from './launch.js';

// Started through pnpm from the repository root, keep the data folder there rather than in apps/launcher.
const env = {
  ...process.env,
  SALESCHANNEL_DATA_DIR:
    process.env.SALESCHANNEL_DATA_DIR || resolve(process.env.INIT_CWD ?? process.cwd(), '.data'),
};
const runtime = await sharedRuntime(env);
const launched = await launch(runtime, parseLauncherEnv(env));
runtime.logger.info(
  { api: launched.apiUrl, admin: launched.adminUrl, database: runtime.database.location },
  'saleschannel is running',
);
const demo = launched.demo
  ? `\n  Demo (no credentials configured): Amazon orders from a local SP-API stand-in at ${launched.demo.amazonUrl}\n` +
    `  are imported every minute into a local Commerce stand-in; watch them arrive at ${launched.demo.commerceUrl}/\n`
  : '';
process.stdout.write(
  `\n  saleschannel is running\n  Admin UI: ${launched.adminUrl}\n  API:      ${launched.apiUrl}/health\n  Database: ${runtime.database.location}\n${demo}\n`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await launched.stop();
    await runtime.close();
    process.exit(0);
  });
}
