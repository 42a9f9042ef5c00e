export * from './health.js';
export * from './jobs.js';
export * from './logger.js';
export * from './runtime.js';
