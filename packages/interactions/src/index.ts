export * from './interaction-keys.js';
export * from './interactions.js';
