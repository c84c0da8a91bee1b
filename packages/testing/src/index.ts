export * from './redis-test-helpers.js';
