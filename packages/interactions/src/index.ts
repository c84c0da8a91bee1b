export * from './budget-guard-keys.js';
export * from './interaction-keys.js';
export * from './interactions.js';
