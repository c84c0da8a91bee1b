import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connectTestRedis, type TestRedis, unusedPort } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const serverEntry = `${root}services/router/dist/server.js`;
const run = promisify(execFile);

/** The README's example block: every line that calls curl (with its continuation lines). */
function readmeExamples(): string[] {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.split('## Talk to it')[1]!.split('```sh')[1]!.split('```')[0]!;
  return section
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.includes('curl '));
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`router exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('router did not become ready');
}

describe.skipIf(!existsSync(serverEntry))('README curl examples against the built router', () => {
  let child: ChildProcess;
  let testRedis: TestRedis;
  let port: number;
  let output = '';

  beforeAll(async () => {
    testRedis = await connectTestRedis('readme');
    port = await unusedPort();
    child = spawn(process.execPath, [serverEntry], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        REDIS_PREFIX: testRedis.prefix,
        LOG_LEVEL: 'warn',
        ADMIN_TOKEN: '',
        DEMO_API_KEY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    await waitForReady(`http://127.0.0.1:${port}`, child);
  });

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((resolve) => child?.once('exit', resolve));
    await testRedis?.cleanup();
  });

  it('has examples for every endpoint', () => {
    const examples = readmeExamples().join('\n');
    for (const path of [
      '/v1/converse',
      '/v1/nlu/parse',
      '/admin/users',
      '/admin/users/alice/keys',
      '/admin/keys/',
      '/healthz',
      '/readyz',
      '/metrics',
      '/openapi.json',
      '/docs',
    ]) {
      expect(examples, path).toContain(path);
    }
  });

  it('every example works as written (HTTP status below 400)', async () => {
    // Each curl gets --fail-with-body, so any 4xx/5xx fails the script; the port is the test router's.
    const script = [
      'set -euo pipefail',
      'curl() { command curl --fail-with-body --max-time 5 "$@"; }',
      ...readmeExamples(),
    ]
      .join('\n')
      .replaceAll('localhost:3000', `127.0.0.1:${port}`);
    const { stdout } = await run('bash', ['-c', script], { cwd: root }).catch((error) => {
      throw new Error(`README example failed: ${error.stderr || error.stdout}\n${output}`);
    });
    expect(stdout).toContain('Tokyo');
    expect(stdout).toContain('"handledBy":"skill"');
    expect(stdout).toContain('"name":"timer.start"');
  });

  it('the headline example answers the time in Tokyo with a skill', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/v1/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'what time is it in tokyo' }),
    });
    const body = (await response.json()) as { handledBy: string; reply: { text: string } };
    expect(body.handledBy).toBe('skill');
    expect(body.reply.text).toMatch(/^It's \d{1,2}:\d{2} [AP]M( tomorrow, \w+| yesterday, \w+)? in Tokyo\.$/);
  });
});
