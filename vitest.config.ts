import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (dir: string) => fileURLToPath(new URL(`./${dir}/src/index.ts`, import.meta.url));

// Extra globs to leave out, comma-separated: npm test's Redis Cluster run skips the browser tests
// (scripts/lib/redis-cluster.mjs clusterRunEnv).
const extraExcludes = (process.env.HARK_TEST_EXCLUDE ?? '').split(',').filter(Boolean);

// Tests import workspace packages from source, so `vitest` works without a build.
const alias = {
  // A subpath before its package: the first alias that matches wins.
  '@hark/client/cli': fileURLToPath(new URL('./packages/client/src/cli/main.ts', import.meta.url)),
  '@hark/client': src('packages/client'),
  '@hark/contracts': src('packages/contracts'),
  '@hark/core': src('packages/core'),
  '@hark/entitlements-client': src('packages/entitlements-client'),
  '@hark/interactions': src('packages/interactions'),
  '@hark/nlu': src('packages/nlu'),
  '@hark/premium': src('packages/premium'),
  '@hark/profiles': src('packages/profiles'),
  '@hark/scheduling': src('packages/scheduling'),
  '@hark/skills': src('packages/skills'),
  '@hark/testing': src('packages/testing'),
  '@hark/users': src('packages/users'),
};

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the CPUs (one on a 2-vCPU CI machine). The
    // integration tests spend most of their time waiting on Redis, child processes and browsers,
    // so at least two files run at once; HARK_TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.HARK_TEST_WORKERS) || Math.max(2, availableParallelism() - 1),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**', ...extraExcludes],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: [
            'packages/*/src/**/*.int.test.ts',
            'services/*/src/**/*.int.test.ts',
            'test/**/*.int.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', ...extraExcludes],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
