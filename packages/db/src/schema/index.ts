export * from './accounts.js';
export * from './order-settings.js';
export * from './orders.js';
export * from './sync.js';
export * from './users.js';
