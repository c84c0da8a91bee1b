import { ConfigError, type HarkConfig, loadConfig } from '@hark/core';
import { buildEntitlements } from './app.js';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): HarkConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`entitlements: refusing to start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const app = await buildEntitlements({ config });
  await app.listen({ host: config.HOST, port: config.PORT });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    // Closing stops the Stripe event worker after its jobs in flight; queued jobs wait in Redis.
    app.log.info({ signal }, 'shutting down: draining in-flight requests and Stripe event jobs');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('entitlements: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
