export * from './auth.js';
export * from './base-server.js';
export * from './error-handler.js';
export * from './metrics.js';
export * from './openapi.js';
export * from './rate-limit.js';
export * from './subscriber.js';
