export * from './import-state.js';
export * from './queries.js';
export * from './retry.js';
