export * from './open-meteo-fixtures.js';
export * from './open-meteo-stand-in.js';
export * from './redis-test-helpers.js';
