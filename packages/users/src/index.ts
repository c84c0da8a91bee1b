export * from './auth-plugin.js';
export * from './auth-throttle.js';
export * from './counted-stamp.js';
export * from './operator-audit.js';
export * from './operator-store.js';
export * from './user-index.js';
export * from './user-keys.js';
export * from './user-store.js';
