import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectTestRedis, type TestRedis, unusedPort } from '@hark/testing';
import { afterEach, describe, expect, it } from 'vitest';

const serverEntry = fileURLToPath(new URL('../../services/router/dist/server.js', import.meta.url));

function startRouter(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const { ADMIN_TOKEN: _a, DEMO_API_KEY: _d, SEED_DEMO: _s, NODE_ENV: _n, ...inherited } = process.env;
  const child = spawn(process.execPath, [serverEntry], {
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe.skipIf(!existsSync(serverEntry))('router start-up in production', () => {
  let testRedis: TestRedis | undefined;
  let running: ChildProcess | undefined;
  afterEach(async () => {
    running?.kill('SIGTERM');
    await testRedis?.cleanup();
  });

  it('refuses to start without an explicit operator token, naming it but no value', async () => {
    const started = startRouter({ NODE_ENV: 'production', PORT: String(await unusedPort()) });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(
      /refusing to start[\s\S]*ADMIN_TOKEN: required when NODE_ENV=production/,
    );
  });

  it('seeds nothing: the demo key does not work', async () => {
    testRedis = await connectTestRedis('prod');
    const port = await unusedPort();
    const started = startRouter({
      NODE_ENV: 'production',
      PORT: String(port),
      ADMIN_TOKEN: 'a-real-operator-token-32-characters',
      INTERNAL_TOKEN: 'a-real-internal-token',
      REDIS_PREFIX: testRedis.prefix,
    });
    running = started.child;
    let ready = false;
    for (let attempt = 0; attempt < 100 && !ready; attempt++) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready, started.output()).toBe(true);
    const response = await fetch(`http://127.0.0.1:${port}/v1/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'what time is it' }),
    });
    expect(response.status).toBe(401);
    expect(await testRedis.redis.exists(`${testRedis.prefix}{demo}:user`)).toBe(0);
  });
});
