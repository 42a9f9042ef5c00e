export * from './errors.js';
export * from './oauth-verify.js';
export * from './search.js';
export * from './server.js';
export * from './store.js';
