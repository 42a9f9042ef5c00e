export * from './client.js';
export * from './config.js';
export * from './crypto.js';
export { newId } from './id.js';
export * from './schema/index.js';
export * from './types.js';
