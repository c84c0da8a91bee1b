import { ConfigError, type HarkConfig, loadConfig } from '@hark/core';
import { buildConversationService } from './app.js';

const SHUTDOWN_GRACE_MS = 10_000;
/** PORT is shared by every service's config; this one's own port applies when PORT is not set. */
const DEFAULT_PORT = 3001;

function readConfig(): HarkConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`conversation: refusing to start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const app = await buildConversationService({ config });
  const port = process.env.PORT ? config.PORT : DEFAULT_PORT;
  await app.listen({ host: config.HOST, port });
  app.log.info(
    { model: config.LLM_MODEL, fallbacks: config.LLM_FALLBACK_MODELS, baseUrl: config.LLM_BASE_URL },
    'LLM',
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining in-flight turns');
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
  console.error('conversation: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
