// Which vitest run `npm test` adds on a Redis Cluster, from the arguments it was given.
import { describe, expect, it } from 'vitest';
import { clusterRunArgs, clusterRunEnv } from '../../scripts/lib/redis-cluster.mjs';

const quiet = { env: {}, log: () => {} };

describe('clusterRunArgs', () => {
  it('runs the integration project, keeping the caller filters', () => {
    expect(clusterRunArgs([], quiet)).toEqual(['run', '--project', 'integration']);
    expect(clusterRunArgs(['scheduler'], quiet)).toEqual(['run', '--project', 'integration', 'scheduler']);
  });

  it('leaves the browser tests out (through vitest.config.ts), keeping the environment', () => {
    expect(clusterRunEnv({ REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toEqual({
      REDIS_CLUSTER_NODES: '127.0.0.1:7000',
      HARK_TEST_EXCLUDE: 'test/browser/**,test/security/csp-browser.int.test.ts',
    });
  });

  it('keeps a selection that names the integration project, and runs nothing for other projects', () => {
    expect(clusterRunArgs(['--project', 'integration', 'x'], quiet)).toEqual([
      'run',
      '--project',
      'integration',
      'x',
    ]);
    expect(clusterRunArgs(['--project=integration'], quiet)).toEqual(['run', '--project=integration']);
    expect(clusterRunArgs(['--project', 'unit'], quiet)).toBeNull();
    expect(clusterRunArgs(['--project=unit'], quiet)).toBeNull();
  });

  it('is turned off by HARK_TEST_CLUSTER=off (or false, 0, no), and says so', () => {
    const lines: string[] = [];
    for (const value of ['off', 'false', '0', 'no', 'OFF']) {
      expect(
        clusterRunArgs([], { env: { HARK_TEST_CLUSTER: value }, log: (line) => lines.push(line) }),
      ).toBeNull();
    }
    expect(lines[0]).toMatch(/HARK_TEST_CLUSTER=off/);
    expect(clusterRunArgs([], { env: { HARK_TEST_CLUSTER: 'on' }, log: () => {} })).not.toBeNull();
  });
});
