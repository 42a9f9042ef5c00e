export * from './accounts.js';
export * from './errors.js';
export * from './health.js';
export * from './jobs.js';
export * from './logger.js';
export * from './orders/index.js';
export * from './runtime.js';
export * from './settings.js';
