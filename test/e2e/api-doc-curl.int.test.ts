// docs/API.md is the curl tour of the API: every curl line of its `sh` blocks runs here, in order,
// against the built services as `npm start` runs them (router, conversation and entitlement
// service as processes, demo credentials seeded), with the OpenAI, Stripe and Open-Meteo stand-ins.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  connectTestRedis,
  type OpenAiStandIn,
  type OpenMeteoStandIn,
  StripeStandIn,
  startOpenAiStandIn,
  startOpenMeteoStandIn,
  type TestRedis,
} from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceProcess, startServiceProcess } from './support/router-process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = (service: string) => path.join(root, 'services', service, 'dist', 'server.js');
const built = ['router', 'conversation', 'entitlements'].every((service) => existsSync(entry(service)));
const run = promisify(execFile);

interface Block {
  /** The reason given in a `<!-- not run by … -->` comment just above the block, if any. */
  notRun: string | null;
  /** Its curl commands, one per line (continuation lines joined). */
  curls: string[];
}

/** Every ```sh block of docs/API.md. */
function apiDocBlocks(): Block[] {
  const lines = readFileSync(path.join(root, 'docs', 'API.md'), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index] !== '```sh') continue;
    const end = lines.indexOf('```', index + 1);
    const above = lines[index - 1] ?? '';
    const notRun =
      /^<!-- not run by test\/e2e\/api-doc-curl\.int\.test\.ts: (.+) -->$/.exec(above)?.[1] ?? null;
    const curls = lines
      .slice(index + 1, end)
      .join('\n')
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((line) => /\bcurl /.test(line));
    blocks.push({ notRun, curls });
    index = end;
  }
  return blocks;
}

const blocks = apiDocBlocks();
const examples = blocks.filter((block) => block.notRun === null).flatMap((block) => block.curls);

describe('docs/API.md curl examples', () => {
  it('has examples for every endpoint, and runs every curl example not marked as not run', () => {
    const all = examples.join('\n');
    for (const route of [
      '/v1/converse',
      '/v1/nlu/parse',
      '/v1/timers',
      '/v1/alarms',
      '/v1/reminders',
      '/v1/lists',
      '/v1/profile',
      '/v1/me',
      '/v1/billing/checkout',
      '/v1/billing/portal',
      '/admin/plans',
      '/admin/kill-switches/',
      '/admin/users/demo/grant',
      '/admin/audit',
      '/admin/stripe/resync',
      '/admin/insights',
      '/admin/insights.csv',
      '/admin/users',
      '/admin/users/alice/keys',
      '/admin/keys/',
      '/healthz',
      '/readyz',
      '/metrics',
      '/openapi.json',
      '/docs',
    ]) {
      expect(all, route).toContain(route);
    }
    // Only the live event stream (it never ends) and the router kill are left to readers.
    const skipped = blocks.filter((block) => block.notRun !== null);
    expect(skipped.map((block) => block.notRun)).toEqual([
      'the event stream never ends, and pkill kills the router',
    ]);
    // No curl hides in a fence this test does not read (```bash, ```console, a bare ```).
    const fenced = readFileSync(path.join(root, 'docs', 'API.md'), 'utf8')
      .split(/^```.*$/m)
      .filter((_part, index) => index % 2 === 1)
      .join('\n')
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((line) => /\bcurl /.test(line));
    expect(fenced.length).toBe(examples.length + skipped.flatMap((block) => block.curls).length);
    expect(examples.length).toBeGreaterThan(60);
  });
});

describe.skipIf(!built)('docs/API.md curl examples against the built services', () => {
  let testRedis: TestRedis;
  let openAi: OpenAiStandIn;
  let stripe: StripeStandIn;
  let openMeteo: OpenMeteoStandIn;
  const services: ServiceProcess[] = [];
  let router: ServiceProcess;
  let workDir: string;

  beforeAll(async () => {
    testRedis = await connectTestRedis('api-doc');
    [openAi, stripe, openMeteo] = await Promise.all([
      startOpenAiStandIn(),
      StripeStandIn.start(),
      startOpenMeteoStandIn(),
    ]);
    // As under `npm start`: development, demo user `demo-key` and operator token `demo-admin`, and one
    // random internal token shared by the three services (scripts/start.mjs).
    const env = {
      NODE_ENV: 'development',
      REDIS_PREFIX: testRedis.prefix,
      ADMIN_TOKEN: '',
      DEMO_API_KEY: '',
      INTERNAL_TOKEN: randomBytes(32).toString('base64url'),
      WEATHER_API_URL: openMeteo.url,
      GEOCODING_API_URL: openMeteo.url,
    };
    const [entitlements, conversation] = await Promise.all([
      startServiceProcess(entry('entitlements'), {
        ...env,
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_BASE: stripe.url,
        STRIPE_PRICE_PREMIUM: 'price_premium_api_doc',
      }),
      startServiceProcess(entry('conversation'), {
        ...env,
        LLM_BASE_URL: openAi.url,
        LLM_API_KEY: 'sk-stand-in',
        LLM_MAX_RETRIES: '0',
      }),
    ]);
    services.push(entitlements, conversation);
    router = await startServiceProcess(entry('router'), {
      ...env,
      ENTITLEMENTS_URL: entitlements.url,
      CONVERSATION_URL: conversation.url,
    });
    services.push(router);
    workDir = mkdtempSync(path.join(tmpdir(), 'hark-api-doc-'));
  }, 60_000);

  afterAll(async () => {
    for (const service of services) service.child.kill('SIGTERM');
    await Promise.all(services.map((service) => service.exited));
    await Promise.all([openAi?.close(), stripe?.close(), openMeteo?.close()]);
    await testRedis?.cleanup();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const output = () => services.map((service) => service.output()).join('\n');

  it('every example works as written (HTTP status below 400)', async () => {
    // Each curl gets --fail-with-body, so any 4xx/5xx fails the script; the port is the test router's.
    const script = [
      'set -euo pipefail',
      'curl() { command curl --fail-with-body --max-time 10 "$@"; }',
      ...examples,
    ]
      .join('\n')
      .replaceAll('localhost:3000', `127.0.0.1:${router.port}`);
    const { stdout } = await run('bash', ['-c', script], { cwd: workDir, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error) => {
        throw new Error(`docs/API.md example failed: ${error.stderr || error.stdout}\n${output()}`);
      },
    );
    expect(stdout).toContain('Tokyo');
    expect(stdout).toContain('"handledBy":"skill"');
    expect(stdout).toContain('"name":"timer.start"');
    expect(stdout, 'the premium answer streamed').toContain('event: done');
    expect(stdout, 'a Stripe Checkout URL').toMatch(/"url":"http/);
    expect(readFileSync(path.join(workDir, 'insights.csv'), 'utf8')).toMatch(
      /^section,period,tier,dimension,metric,value/,
    );
  }, 120_000);

  it('the headline example answers the time in Tokyo with a skill', async () => {
    const response = await fetch(`${router.url}/v1/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'what time is it in tokyo' }),
    });
    const body = (await response.json()) as { handledBy: string; reply: { text: string } };
    expect(body.handledBy).toBe('skill');
    expect(body.reply.text).toMatch(/^It's \d{1,2}:\d{2} [AP]M( tomorrow, \w+| yesterday, \w+)? in Tokyo\.$/);
  });
});
