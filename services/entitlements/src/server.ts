import { runService } from '@hark/core';
import { buildEntitlements } from './app.js';

// Closing stops the Stripe event worker after its jobs in flight; queued jobs wait in Redis.
runService({ name: 'entitlements', defaultPort: 3002, build: (config) => buildEntitlements({ config }) });
