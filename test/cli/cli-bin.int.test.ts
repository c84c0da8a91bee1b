// The built `hark` as a separate process, the way a person or a script runs it: through the
// npm bin link (what `npx hark` runs) and through `node packages/client/dist/cli/main.js`.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHarkClient } from '@hark/client';
import { unusedPort } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture } from './support/cli-run.js';
import { type CliStack, startCliStack } from './support/cli-stack.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtMain = `${root}packages/client/dist/cli/main.js`;
const npmBin = `${root}node_modules/.bin/hark`;

let stack: CliStack;
let env: Record<string, string>;
let key: string;

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  // No HOME: a config file of whoever runs the tests must not be read.
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env, ...extraEnv } });
  const stdout = new Capture();
  const stderr = new Capture();
  child.stdout.setEncoding('utf8').on('data', stdout.write);
  child.stderr.setEncoding('utf8').on('data', stderr.write);
  const exited = new Promise<Exited>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: stdout.text, stderr: stderr.text })),
  );
  return { child, stdout, stderr, exited };
}

const run = (command: string, args: string[], extraEnv?: Record<string, string>) =>
  start(command, args, extraEnv).exited;

describe.skipIf(!existsSync(builtMain))('the built hark command', () => {
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await startCliStack();
    key = await stack.router.userWithKey('lin');
    env = { HARK_URL: stack.url, HARK_API_KEY: key };
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await stack.close();
  });

  it('runs through the npm bin link, as npx hark does', async () => {
    const result = await run(npmBin, ['parse', 'set a timer for 5 minutes']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^intent +timer\.start$/m);
    expect(result.stdout).toMatch(/^duration_seconds +300$/m);
  });

  it('runs with node dist/cli/main.js, printing JSON for scripts', async () => {
    const result = await run(process.execPath, [builtMain, 'timers', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ timers: [] });
  });

  it('prints its version for --version and -V, and exits 0', async () => {
    const manifest = JSON.parse(readFileSync(`${root}packages/client/package.json`, 'utf8'));
    for (const [command, args] of [
      [npmBin, ['--version']],
      [process.execPath, [builtMain, '-V']],
    ] as const) {
      expect(await run(command, [...args])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    }
  });

  it('sets the process exit code: 4 for a wrong key, 3 for no server, 2 for a usage error', async () => {
    expect((await run(process.execPath, [builtMain, 'me'], { HARK_API_KEY: 'hk_wrong' })).code).toBe(4);
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const started = performance.now();
    expect((await run(process.execPath, [builtMain, 'timers'], { HARK_URL: url })).code).toBe(3);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((await run(npmBin, ['timers', '--bogus'])).code).toBe(2);
  });

  it('listens until Ctrl-C (SIGINT), printing events as they come, and exits 0', async () => {
    const listener = start(npmBin, ['listen']);
    children.push(listener.child);
    await listener.stderr.waitFor(/listening for events/);
    const client = createHarkClient({ baseUrl: stack.url, apiKey: key });
    await client.timers.create({ durationSeconds: 300, name: 'bread' });
    await listener.stdout.waitFor(/timer\.started +bread timer \(5m 00s\)/);
    listener.child.kill('SIGINT');
    expect((await listener.exited).code).toBe(0);
  });
});
