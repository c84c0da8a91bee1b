export * from './admin.js';
export * from './converse.js';
export * from './errors.js';
export * from './health.js';
export * from './intents.js';
export * from './profile.js';
