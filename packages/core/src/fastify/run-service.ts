import type { FastifyInstance } from 'fastify';
import { ConfigError, type HarkConfig, loadConfig } from '../config.js';

const SHUTDOWN_GRACE_MS = 10_000;
const IDLE_REAP_MS = 100;

export interface ServiceSpec {
  /** Used in start-up errors: "router: refusing to start". */
  name: string;
  /** The port when PORT is not set (PORT is shared by every service's config). */
  defaultPort: number;
  build(config: HarkConfig): Promise<FastifyInstance>;
  /** Work after building and before listening (seeding, start-up log lines). */
  beforeListen?(app: FastifyInstance, config: HarkConfig): Promise<void> | void;
}

function readConfig(name: string): HarkConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${name}: refusing to start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * A service's process: parse the config (fail fast, naming variables, never values), build,
 * listen, and on SIGINT/SIGTERM drain in-flight work through Fastify's close hooks, giving up
 * after 10 s.
 */
export function runService(spec: ServiceSpec): void {
  const start = async () => {
    const config = readConfig(spec.name);
    const app = await spec.build(config);
    if (config.INTERNAL_TOKEN_GENERATED) {
      app.log.warn(
        'INTERNAL_TOKEN is not set: this process made up a random one, so calls between services ' +
          '(router -> conversation, router -> entitlements) fail unless every service is given the same ' +
          'INTERNAL_TOKEN (npm start does that)',
      );
    }
    await spec.beforeListen?.(app, config);
    await app.listen({ host: config.HOST, port: process.env.PORT ? config.PORT : spec.defaultPort });
    let closing = false;
    const shutdown = (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down: draining in-flight work');
      setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
      // server.close() ends only the connections idle at that moment: one whose request is still in
      // flight stays open (keep-alive) after its response, and would hold close() until the client or
      // load balancer lets go of it. Each is closed as soon as its last response is out.
      setInterval(() => app.server.closeIdleConnections(), IDLE_REAP_MS).unref();
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  };
  start().catch((error: unknown) => {
    console.error(`${spec.name}: failed to start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
