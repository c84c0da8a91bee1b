import type { AddressInfo } from 'node:net';
import {
  startTestEntitlements,
  type TestEntitlements,
} from '../../../services/entitlements/src/testing/test-entitlements.js';
import {
  ADMIN_TOKEN,
  startTestRouter,
  type TestRouter,
} from '../../../services/router/src/testing/test-router.js';

export interface CliStack {
  /** The router's base URL: the only URL the CLI is given. */
  url: string;
  router: TestRouter;
  entitlements: TestEntitlements;
  adminToken: string;
  close(): Promise<void>;
}

/**
 * Router and entitlement service, both listening, on one Redis prefix as in a deployment: the
 * CLI talks to the router only, which proxies /v1/me and the entitlement /admin paths.
 */
export async function startCliStack(): Promise<CliStack> {
  const entitlements = await startTestEntitlements({ stripe: false, env: { ADMIN_TOKEN } });
  const entitlementsUrl = await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  const router = await startTestRouter({
    REDIS_PREFIX: entitlements.testRedis.prefix,
    ENTITLEMENTS_URL: entitlementsUrl,
    SSE_HEARTBEAT_MS: '1000',
  });
  await router.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = router.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    router,
    entitlements,
    adminToken: ADMIN_TOKEN,
    async close() {
      // Keep-alive sockets of the CLI's fetch would hold close() for seconds.
      const closing = router.close();
      router.app.server.closeAllConnections();
      await closing;
      await entitlements.close();
    },
  };
}
