export * from './buckets.js';
export * from './clock.js';
export * from './faults.js';
export * from './models.js';
export * from './notifications.js';
export * from './scenario.js';
export * from './server.js';
export * from './store.js';
