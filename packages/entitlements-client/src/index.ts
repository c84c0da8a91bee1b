export * from './entitlement-keys.js';
export * from './entitlement-source.js';
export * from './entitlements-client.js';
export * from './entitlements-plugin.js';
export * from './quota-meter.js';
export * from './quota-periods.js';
