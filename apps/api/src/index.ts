export { createApp } from './app.js';
export type { AppEnv } from './context.js';
export { parseApiEnv } from './env.js';
export { type RunningApi, startApi } from './server.js';
