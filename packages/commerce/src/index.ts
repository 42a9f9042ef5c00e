export * from './client.js';
export * from './errors.js';
export * from './oauth.js';
export * from './order-creation.js';
export * from './order-flow.js';
export * from './search-criteria.js';
export * from './stock.js';
export * from './transport.js';
export type * from './types.js';
