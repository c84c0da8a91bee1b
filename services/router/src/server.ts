import { ConfigError, type HarkConfig, loadConfig } from '@hark/core';
import { buildRouter } from './app.js';
import { seedDemoUser } from './demo-seed.js';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): HarkConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`router: refusing to start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const app = await buildRouter({ config });
  if (config.SEED_DEMO) {
    await seedDemoUser(app.users, config.DEMO_API_KEY);
    app.log.info(
      { user: 'demo' },
      'demo user seeded (development only): see the start banner for its credentials',
    );
  }
  await app.listen({ host: config.HOST, port: config.PORT });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining in-flight requests');
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
  console.error('router: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
