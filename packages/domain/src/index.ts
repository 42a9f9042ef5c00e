export * from './account.js';
export * from './lifecycle.js';
export * from './money.js';
export * from './order/amazon-order.js';
export * from './order/status.js';
export * from './outbound.js';
export * from './settings.js';
