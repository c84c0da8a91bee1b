// Operator commands and `hark me` through the router, with the entitlement service behind it
// (plans, grants, insights and usage live there), and the config file as the only settings.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-run.js';
import { type CliStack, startCliStack } from './support/cli-stack.js';

let stack: CliStack;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await startCliStack();
  const key = await stack.router.userWithKey('grace', 'Europe/Paris');
  env = { HARK_URL: stack.url, HARK_API_KEY: key, HARK_ADMIN_TOKEN: stack.adminToken };
});
afterAll(() => stack.close());

const hark = (...argv: string[]) => runCli(argv, env);

describe('hark me', () => {
  it('shows the plan, features and limits with what was used of them', async () => {
    const { code, stdout } = await hark('me');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^user +grace\nplan +Free \(free\)\nsubscription +none\n/);
    expect(stdout).toMatch(/^FEATURE +ON\n/m);
    expect(stdout).toMatch(/^conversation +no$/m);
    expect(stdout).toMatch(/^timers\.max_active +10 +-$/m);
  });
});

describe('hark admin', () => {
  it('lists the plans, and shows one with its limits', async () => {
    const list = await hark('admin', 'plans');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID +NAME +OPEN +PRICE +FEATURES$/m);
    expect(list.stdout).toMatch(/^free +Free +yes +free +/m);
    expect(list.stdout).toMatch(/^premium +Premium +yes +\d+\.\d\d [A-Z]{3}\/(month|year) +.*conversation/m);
    const one = await hark('admin', 'plans', 'premium');
    expect(one.stdout).toMatch(/^timers\.max_active +50$/m);
    const json = JSON.parse((await hark('admin', 'plans', '--json')).stdout);
    expect(json.plans.map((plan: { id: string }) => plan.id)).toEqual(
      expect.arrayContaining(['free', 'premium']),
    );
  });

  it('grants a plan until a time, which hark me then shows, and revokes it', async () => {
    const granted = await hark(
      'admin',
      'grant',
      'grace',
      'premium',
      '--until',
      '7d',
      '--reason',
      'cli test',
      '--operator',
      'cli-test',
    );
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(
      /^granted premium to grace until .+; grace is now on Premium \(premium, grant\): granted by bootstrap/,
    );
    expect((await hark('me')).stdout).toMatch(/^plan +Premium \(premium\)$/m);

    const revoked = await hark('admin', 'revoke', 'grace');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked the grant of grace; grace is now on Free \(free, default\)/);
    const again = await hark('admin', 'revoke', 'grace');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/HARK_ERR_NOT_FOUND, HTTP 404/);
  });

  it('refuses a grant of a plan that does not exist with exit 1', async () => {
    const result = await hark('admin', 'grant', 'grace', 'platinum');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hark: Plan platinum not found \(HARK_ERR_NOT_FOUND, HTTP 404\)/);
  });

  it('shows a user with key hints and their LLM usage this month', async () => {
    const { code, stdout, stderr } = await hark('admin', 'users', 'grace');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^user +grace\nname +grace\ntimezone +Europe\/Paris\n/);
    expect(stdout).toMatch(/^KEY ID +ENDS IN +CREATED\n\S+ +…[\w-]{4} +/m);
    expect(stdout).toMatch(/^month +\d{4}-\d\d$/m);
    expect(stdout).toMatch(/^LLM turns +0$/m);
    const missing = await hark('admin', 'users', 'nobody');
    expect(missing.code).toBe(1);
  });

  it('lists users newest first and finds them by the start of their id or name, a page at a time', async () => {
    for (const id of ['zelda-1', 'zelda-2', 'zelda-3']) {
      await stack.router.app.users.createUser({ id, name: `Zelda ${id.slice(-1)}` });
      await new Promise((resolve) => setTimeout(resolve, 2)); // distinct creation times
    }
    const newest = await hark('admin', 'users', 'list', '--limit', '2');
    expect(newest).toMatchObject({ code: 0, stderr: '' });
    expect(newest.stdout).toMatch(/^ID +NAME +CREATED\nzelda-3 +Zelda 3 +\S.*\nzelda-2 +Zelda 2 +/);
    const next = /^more: hark admin users list --limit 2 --cursor (\S+)$/m.exec(newest.stdout)?.[1];
    expect(next).toBeDefined();
    const older = await hark('admin', 'users', 'list', '--limit', '2', '--cursor', next!);
    expect(older.stdout).toMatch(/^ID +NAME +CREATED\nzelda-1 +Zelda 1 +/);

    const found = JSON.parse((await hark('admin', 'users', 'search', 'ZEL', '--json')).stdout);
    expect(found.users.map((user: { id: string }) => user.id)).toEqual(['zelda-1', 'zelda-2', 'zelda-3']);
    expect(found.nextCursor).toBeNull();
    expect((await hark('admin', 'users', 'search', 'nobody-at-all')).stdout).toBe('no users\n');
    expect((await hark('admin', 'users', 'list', '--limit', '0')).code).toBe(2);
    expect((await hark('admin', 'users', 'search')).code).toBe(2);
  });

  it('shows insights as text, as the CSV export, and as JSON', async () => {
    for (const text of ['set a timer for 2 minutes', 'what time is it'])
      expect((await hark('say', text)).code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    // Interactions are logged off the hot path: wait until both turns are counted.
    const counted = async () =>
      JSON.parse((await hark('admin', 'insights', '--json')).stdout).totals.interactions;
    for (let attempt = 0; attempt < 40 && (await counted()) < 2; attempt++)
      await new Promise((r) => setTimeout(r, 50));
    const report = await hark('admin', 'insights', '--to', today);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(
      new RegExp(`^range +\\d{4}-\\d\\d-\\d\\d \\.\\. ${today} \\(30 days\\)$`, 'm'),
    );
    expect(report.stdout).toMatch(/^interactions +2 \(skill 2, llm 0, fallback 0\)$/m);
    expect(report.stdout).toMatch(/^timers +utility +1 +50%$/m);
    expect(report.stdout).toMatch(/^list-price estimate per tier \(not money collected\):$/m);
    expect(report.stdout).toMatch(
      /^MONTH +TIER +ACTIVE +PAYING +LIST-PRICE EST\. +LLM COST +EST\. MARGIN +MARGIN %$/m,
    );
    // The money sections, with nothing collected on this stack: said so, not left out. grace set a
    // timer and asked the time: not a timer-and-alarm-only user.
    expect(report.stdout).toMatch(/^collected revenue: Stripe collected nothing in range$/m);
    expect(report.stdout).toMatch(/^MRR: no subscription had MRR in range$/m);
    expect(report.stdout).toMatch(/^funnel \(first premium-gate hit in range\):$/m);
    expect(report.stdout).toMatch(/^smart timer\? 0 of 1 active users \(0%\) only used timers and alarms/m);
    expect(report.stdout).toMatch(/^premium gate: /m);

    const csv = await hark('admin', 'insights', '--csv', '--from', today, '--to', today);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split(/\r?\n/)[0]).toBe('section,period,tier,dimension,metric,value');

    const json = JSON.parse((await hark('admin', 'insights', '--json', '--from', today)).stdout);
    expect(json.range).toMatchObject({ from: today, to: today, days: 1 });
  });
});

describe('hark admin users internal', () => {
  it('marks a user internal with a note, lists them, and clears the mark', async () => {
    const marked = await hark('admin', 'users', 'internal', 'grace', 'on', '--note', 'load test key');
    expect(marked).toMatchObject({ code: 0, stderr: '' });
    expect(marked.stdout).toBe(
      'marked grace internal (load test key): left out of insights from now on (by bootstrap)\n',
    );
    const list = await hark('admin', 'users', 'internal', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^USER +NOTE +MARKED +BY\ngrace +load test key +\S.* +bootstrap$/m);
    const json = JSON.parse((await hark('admin', 'users', 'internal', 'list', '--json')).stdout);
    expect(json.users).toEqual([
      expect.objectContaining({ userId: 'grace', internal: true, note: 'load test key' }),
    ]);

    const cleared = await hark('admin', 'users', 'internal', 'grace', 'off');
    expect(cleared.stdout).toBe('grace counts in insights again (cleared by bootstrap)\n');
    expect((await hark('admin', 'users', 'internal', 'list')).stdout).toBe('no user is marked internal\n');
  });

  it('refuses anything but on or off with exit 2', async () => {
    expect((await hark('admin', 'users', 'internal', 'grace', 'maybe')).code).toBe(2);
    expect((await hark('admin', 'users', 'internal', 'grace', 'off', '--note', 'why')).code).toBe(2);
    const missing = await hark('admin', 'users', 'internal', 'nobody-here', 'on');
    expect(missing.code).toBe(1);
  });
});

describe('hark admin operators and whoami', () => {
  it('creates a named operator whose token works with its role only, lists it, and revokes it', async () => {
    const owner = await hark('admin', 'whoami');
    expect(owner).toMatchObject({ code: 0, stderr: '' });
    expect(owner.stdout).toMatch(/^name +bootstrap\nrole +owner \(everything, operators included\)$/m);

    const text = await hark('admin', 'operators', 'create', 'Vic Viewer', '--role', 'viewer');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^operator +op_\S+\nname +Vic Viewer\nrole +viewer\ntoken +\S+$/m);
    expect(text.stderr).toMatch(/it will not be shown again/);
    const created = await hark('admin', 'operators', 'create', 'Vic Viewer 2', '--role', 'viewer', '--json');
    expect(created.code).toBe(0);
    const { operator, token } = JSON.parse(created.stdout);
    expect(operator).toMatchObject({ name: 'Vic Viewer 2', role: 'viewer', hint: token.slice(-4) });

    const viewer = (...argv: string[]) => runCli(argv, { ...env, HARK_ADMIN_TOKEN: token });
    const whoami = await viewer('admin', 'whoami');
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toMatch(
      /^name +Vic Viewer 2\nrole +viewer \(insights, audit log, plans read-only\)$/m,
    );
    expect(whoami.stdout).toContain(`…${token.slice(-4)}`);
    expect((await viewer('admin', 'plans')).code).toBe(0);
    const refused = await viewer('admin', 'operators', 'list');
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/role "viewer" may not do this.*HARK_ERR_INSUFFICIENT_ROLE, HTTP 403/);
    expect((await viewer('admin', 'grant', 'grace', 'premium')).code).toBe(4);

    const list = await hark('admin', 'operators', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID +NAME +ROLE +ENDS IN +CREATED$/m);
    expect(list.stdout).toMatch(
      new RegExp(`^${operator.id} +Vic Viewer 2 +viewer +…${token.slice(-4)} +`, 'm'),
    );
    expect(list.stdout).not.toContain(token);
    expect(list.stdout).not.toMatch(/bootstrap/);

    const revoked = await hark('admin', 'operators', 'revoke', operator.id);
    expect(revoked).toMatchObject({
      code: 0,
      stdout: `revoked operator ${operator.id}; its token no longer works\n`,
    });
    expect((await viewer('admin', 'whoami')).code).toBe(4);
    const again = await hark('admin', 'operators', 'revoke', operator.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/HARK_ERR_NOT_FOUND, HTTP 404/);
    const listed = JSON.parse((await hark('admin', 'operators', 'list', '--json')).stdout);
    expect(listed.operators.map((each: { name: string }) => each.name)).toEqual(['Vic Viewer']);
  });

  it('refuses a name the server does not take with exit 1 and the field in the details', async () => {
    const result = await hark('admin', 'operators', 'create', 'no/slashes', '--role', 'viewer');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(HARK_ERR_VALIDATION, HTTP 400\)\n {2}details: .*name/);
  });
});

describe('settings from a config file', () => {
  it('reads url and apiKey from HARK_CONFIG, and a flag still wins over the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hark-cli-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ url: stack.url, apiKey: env.HARK_API_KEY }));
    const fromFile = await runCli(['timers', '--json'], { HARK_CONFIG: file });
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toHaveProperty('timers');
    const flagWins = await runCli(['timers', '--key', 'hk_not_a_key'], { HARK_CONFIG: file });
    expect(flagWins.code).toBe(4);
    // The default location, under HOME.
    const home = mkdtempSync(path.join(tmpdir(), 'hark-home-'));
    const defaultFile = path.join(home, '.config', 'hark', 'config.json');
    mkdirSync(path.dirname(defaultFile), { recursive: true });
    writeFileSync(defaultFile, JSON.stringify({ url: stack.url, apiKey: env.HARK_API_KEY }));
    expect((await runCli(['lists'], { HOME: home })).code).toBe(0);
  });
});
