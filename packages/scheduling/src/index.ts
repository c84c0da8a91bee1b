export * from './due-handler.js';
export * from './item-store.js';
export * from './schedule-port.js';
export * from './scheduled-item-store.js';
export * from './scheduler.js';
export * from './scheduling-keys.js';
