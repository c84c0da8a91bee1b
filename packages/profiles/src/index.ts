export * from './profile-keys.js';
export * from './profile-store.js';
