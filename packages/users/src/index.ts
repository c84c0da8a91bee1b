export * from './auth-plugin.js';
export * from './user-index.js';
export * from './user-keys.js';
export * from './user-store.js';
