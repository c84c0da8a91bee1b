// Which vitest run `npm test` adds on a Redis Cluster, from the arguments it was given.
import { describe, expect, it } from 'vitest';
import { CLUSTER_RUN_EXCLUDES, clusterRunArgs } from '../../scripts/lib/redis-cluster.mjs';

const quiet = { env: {}, log: () => {} };
// Browser tests run once, on the single Redis.
const skip = ['--exclude', 'test/browser/**', '--exclude', 'test/security/csp-browser.int.test.ts'];

describe('clusterRunArgs', () => {
  it('runs the integration project without the browser tests, keeping the caller filters', () => {
    expect(CLUSTER_RUN_EXCLUDES).toEqual(['test/browser/**', 'test/security/csp-browser.int.test.ts']);
    expect(clusterRunArgs([], quiet)).toEqual(['run', '--project', 'integration', ...skip]);
    expect(clusterRunArgs(['scheduler'], quiet)).toEqual([
      'run',
      '--project',
      'integration',
      ...skip,
      'scheduler',
    ]);
  });

  it('keeps a selection that names the integration project, and runs nothing for other projects', () => {
    expect(clusterRunArgs(['--project', 'integration', 'x'], quiet)).toEqual([
      'run',
      ...skip,
      '--project',
      'integration',
      'x',
    ]);
    expect(clusterRunArgs(['--project=integration'], quiet)).toEqual([
      'run',
      ...skip,
      '--project=integration',
    ]);
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
