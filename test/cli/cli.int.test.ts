// The `hark` CLI in process against a real listening router (and entitlement service) on the
// test Redis: what a person at a terminal sees, and the exit codes scripts rely on.
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import {
  createHarkClient,
  type DeviceEvent,
  HarkApiError,
  HarkNetworkError,
  HarkTimeoutError,
} from '@hark/client';
import { unusedPort } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture, runCli } from './support/cli-run.js';
import { type CliStack, startCliStack } from './support/cli-stack.js';

let stack: CliStack;
let env: Record<string, string>;
let key: string;

beforeAll(async () => {
  stack = await startCliStack();
  key = await stack.router.userWithKey('ada', 'Europe/Paris');
  env = { HARK_URL: stack.url, HARK_API_KEY: key };
});
afterAll(() => stack.close());

const hark = (...argv: string[]) => runCli(argv, env);

describe('hark say', () => {
  it('prints the reply of a skill turn, and the timer it set shows in hark timers', async () => {
    const said = await hark('say', 'set', 'a', 'pasta', 'timer', 'for', '9', 'minutes');
    expect(said).toMatchObject({ code: 0, stderr: '' });
    expect(said.stdout).toMatch(/pasta/i);
    expect(said.stdout.endsWith('\n')).toBe(true);

    const listed = await hark('timers');
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +STATE +LENGTH +LEFT +DUE$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\S+ +pasta +ON +9m 00s +(9m 00s|8m 5\ds) +\d\d:\d\d:\d\d$/);
  });

  it('continues a session with --session when the assistant asks back', async () => {
    const asked = await hark('say', 'set a timer');
    expect(asked.code).toBe(0);
    const [, sessionId] = asked.stderr.match(/hark say --session (\S+) "\.\.\."/) ?? [];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const answered = await hark('say', '--session', sessionId!, '3 minutes');
    expect(answered.code).toBe(0);
    expect(answered.stdout).toMatch(/3 minutes/i);
    expect(answered.stderr).toBe('');
  });

  it('prints the whole JSON answer with --json', async () => {
    const { code, stdout } = await hark('say', '--json', 'what is the date');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'date.get' },
      expectsReply: false,
    });
  });
});

describe('hark parse', () => {
  it('shows intent, confidence and slots as an aligned table', async () => {
    const { code, stdout } = await hark('parse', 'set a pasta timer for 9 minutes');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('intent      timer.start');
    expect(lines[1]).toMatch(/^confidence {2}(0|1)\.\d\d$/);
    expect(lines.slice(2, 4)).toEqual(['', 'SLOT              VALUE']);
    expect(lines.slice(4).sort()).toEqual(['duration_seconds  540', 'name              pasta']);
  });

  it('prints exactly what POST /v1/nlu/parse answers with --json', async () => {
    const text = 'add milk and eggs to my shopping list';
    const { stdout } = await hark('parse', '--json', text);
    const direct = await fetch(`${stack.url}/v1/nlu/parse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(JSON.parse(stdout)).toEqual(await direct.json());
  });

  it('says so when nothing matches', async () => {
    const { code, stdout } = await hark('parse', 'explain quantum chromodynamics to a cat');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^no intent matched/);
  });
});

describe('hark lists', () => {
  it('shows every list with its count, and the items of one', async () => {
    expect((await hark('say', 'add oat milk to my shopping list')).code).toBe(0);
    const lists = await hark('lists');
    expect(lists.stdout).toMatch(/^LIST +ITEMS$/m);
    expect(lists.stdout).toMatch(/^shopping +1$/m);
    const items = await hark('lists', 'shopping');
    expect(items.stdout).toMatch(/^ITEM +ADDED\noat milk +\d\d:\d\d:\d\d\n$/);
    const unknown = await hark('lists', 'no such list');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/HARK_ERR_NOT_FOUND, HTTP 404/);
  });
});

describe('hark listen', () => {
  it('prints device events live, including a timer firing, until Ctrl-C (exit 0)', async () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const ctrlC = new AbortController();
    const listening = runCli(['listen'], env, { stdout, stderr, signal: ctrlC.signal });
    await stderr.waitFor(/listening for events/);
    const client = createHarkClient({ baseUrl: stack.url, apiKey: key });
    const { timer } = await client.timers.create({ durationSeconds: 1, name: 'tea' });
    await stdout.waitFor(new RegExp(`timer\\.started +tea timer \\(1s\\) id ${timer.id}`));
    await stdout.waitFor(new RegExp(`timer\\.finished +tea timer \\(1s\\) id ${timer.id}`), 5_000);
    ctrlC.abort();
    expect((await listening).code).toBe(0);
  });

  it('prints one JSON object per event with --json, resuming after --since', async () => {
    const client = createHarkClient({ baseUrl: stack.url, apiKey: key });
    const stdout = new Capture();
    const ctrlC = new AbortController();
    const first = runCli(['listen', '--json'], env, { stdout, stderr: new Capture(), signal: ctrlC.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { timer } = await client.timers.create({ durationSeconds: 600 });
    await stdout.waitFor(/"type":"timer.started"/);
    ctrlC.abort();
    await first;
    const started = JSON.parse(stdout.text.trim().split('\n').at(-1)!);
    expect(started).toMatchObject({ type: 'timer.started', data: { id: timer.id, durationSeconds: 600 } });

    await client.timers.cancel(timer.id);
    const resumed = new Capture();
    const stop = new AbortController();
    const second = runCli(['listen', '--json', '--since', started.id], env, {
      stdout: resumed,
      signal: stop.signal,
    });
    await resumed.waitFor(/"type":"timer.cancelled"/);
    stop.abort();
    expect((await second).code).toBe(0);
  });
});

describe('failures and exit codes', () => {
  it('exits 4 with a clear message for a wrong API key, never printing it', async () => {
    const wrongKey = 'hk_wrong_key_0123456789';
    const result = await runCli(['timers'], { ...env, HARK_API_KEY: wrongKey });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^hark: authentication failed: .*\(HARK_ERR_UNAUTHORIZED, HTTP 401\); check the API key/,
    );
    expect(result.stderr).not.toContain(wrongKey);
  });

  it('exits 4 for a wrong operator token on admin commands', async () => {
    const result = await runCli(['admin', 'plans'], { ...env, HARK_ADMIN_TOKEN: 'not-the-token' });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/check the operator token/);
    expect(result.stderr).not.toContain('not-the-token');
  });

  it('exits 3 when nothing listens at the URL', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const result = await runCli(['timers'], { ...env, HARK_URL: url });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(`^hark: cannot reach the Hark server at ${url}: .*ECONNREFUSED`),
    );
    expect(result.stderr).not.toContain(key);
  });

  it('exits 1 with the code when a streamed turn fails after the stream started', async () => {
    const result = await hark('say', '--timezone', 'Mars/Olympus_Mons', 'what time is it');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^hark: Unknown time zone "Mars\/Olympus_Mons".*\(HARK_ERR_INVALID_TIMEZONE\)\n$/,
    );
  });

  it('exits 1 with the code and details when the server refuses the request', async () => {
    const result = await hark('say', '--session', 'not-a-uuid', 'hello');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(HARK_ERR_VALIDATION, HTTP 400\)\n {2}details: /);
  });
});

/** Polls until `condition` holds, or fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the client library', () => {
  it('resumes the event stream after a dropped connection, with nothing lost meanwhile', async () => {
    const client = createHarkClient({ baseUrl: stack.url, apiKey: key });
    const stop = new AbortController();
    const seen: DeviceEvent[] = [];
    const reconnects: number[] = [];
    let opened = 0;
    const events = client.events({
      signal: stop.signal,
      onOpen: () => opened++,
      onReconnect: (info) => reconnects.push(info.attempt),
    });
    const consuming = (async () => {
      for await (const event of events) seen.push(event);
    })().catch((error: unknown) => error);
    await until(() => opened === 1);
    const before = await client.timers.create({ durationSeconds: 600, name: 'before' });
    await until(() => seen.some((event) => event.data.id === before.timer.id));

    stack.router.app.server.closeAllConnections();
    await until(() => reconnects.length === 1);
    // Created while no connection is open: only a resume with Last-Event-ID can deliver it.
    const during = await client.timers.create({ durationSeconds: 600, name: 'during' });
    await until(() => seen.some((event) => event.data.id === during.timer.id), 8_000);
    expect(opened).toBe(2);
    expect(seen.filter((event) => event.data.id === before.timer.id)).toHaveLength(1);

    stop.abort(new Error('done listening'));
    expect(await consuming).toEqual(new Error('done listening'));
  });

  it('tells an API error, a network failure and a timeout apart', async () => {
    const bad = createHarkClient({ baseUrl: stack.url, apiKey: 'hk_nope' });
    await expect(bad.timers.list()).rejects.toMatchObject({
      constructor: HarkApiError,
      status: 401,
      code: 'HARK_ERR_UNAUTHORIZED',
    });
    const nowhere = createHarkClient({ baseUrl: `http://127.0.0.1:${await unusedPort()}`, apiKey: key });
    await expect(nowhere.timers.list()).rejects.toBeInstanceOf(HarkNetworkError);
    // A server that accepts the connection and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const impatient = createHarkClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: key, timeoutMs: 100 });
    const started = performance.now();
    await expect(impatient.timers.list()).rejects.toMatchObject({
      constructor: HarkTimeoutError,
      timeoutMs: 100,
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
});
