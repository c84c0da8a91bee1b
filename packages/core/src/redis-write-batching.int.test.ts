import { testClusterNodes, testRedisUrl, uniquePrefix } from '@hark/testing';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from './redis.js';

let client: RedisClient;
beforeEach(async () => {
  const nodes = testClusterNodes();
  client = createRedis(nodes ? { clusterNodes: nodes } : { url: testRedisUrl() });
  await client.connect();
});
afterEach(() => client.quit());

/** Counts the socket writes of a one-server client (each _write or _writev is one system call). */
function countWrites(connection: Redis): () => number {
  let writes = 0;
  const stream = connection.stream as Redis['stream'] &
    Record<'_write' | '_writev', (...args: unknown[]) => void>;
  for (const method of ['_write', '_writev'] as const) {
    const original = stream[method].bind(stream);
    stream[method] = (...args: unknown[]) => {
      writes++;
      original(...args);
    };
  }
  return () => writes;
}

describe('batchCommandWrites (every createRedis client)', () => {
  // On a Cluster the keys of one turn go to several nodes, each connection batching its own.
  it.skipIf(testClusterNodes() !== null)(
    'sends the commands of one event-loop turn in one socket write, in order',
    async () => {
      const key = `${uniquePrefix('write-batching')}{one}:counter`;
      const writes = countWrites(client as Redis);
      const replies = await Promise.all([
        client.set(key, '1'),
        client.incr(key),
        client.incr(key),
        client.get(key),
        client.del(key),
      ]);
      expect(replies).toEqual(['OK', 2, 3, '3', 1]);
      expect(writes()).toBe(1);
    },
  );

  it('keeps writing after each batch, across turns and reconnections', async () => {
    const prefix = uniquePrefix('write-batching');
    for (let turn = 0; turn < 5; turn++) {
      await Promise.all([
        client.set(`${prefix}{a}:${turn}`, String(turn)),
        client.set(`${prefix}{b}:${turn}`, 'x'),
      ]);
    }
    if (!('nodes' in client)) {
      client.disconnect(true);
      await new Promise((resolve) => client.once('ready', resolve));
    }
    expect(await client.get(`${prefix}{a}:4`)).toBe('4');
    for (let turn = 0; turn < 5; turn++) {
      await Promise.all([client.del(`${prefix}{a}:${turn}`), client.del(`${prefix}{b}:${turn}`)]);
    }
  });
});
