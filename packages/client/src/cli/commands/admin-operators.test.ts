import { describe, expect, it } from 'vitest';
import type { Operator } from '../../types.js';
import { UsageError } from '../exit-codes.js';
import { main } from '../main.js';
import { describeCreated, describeOperators, describeWhoami, parseRole } from './admin-operators.js';

const ada: Operator = {
  id: 'op_1',
  name: 'Ada Support',
  role: 'support',
  createdAt: '2026-11-26T13:00:00.000Z',
  hint: 'x9Qz',
};
const bootstrap: Operator = { id: 'bootstrap', name: 'bootstrap', role: 'owner', createdAt: '', hint: '' };

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

/** Runs the CLI in process against a fake server that answers every request with `status` and `body`. */
async function run(argv: string[], status: number, body?: unknown) {
  let stdout = '';
  let stderr = '';
  const sent: Sent[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      authorization: headers.get('authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HARK_URL: 'http://hark.test', HARK_ADMIN_TOKEN: 'owner-token', HARK_API_KEY: 'user-key' },
    readFile: () => null,
    fetch: fetch as typeof globalThis.fetch,
  });
  return { code, stdout, stderr, sent };
}

describe('operator tables', () => {
  it('lists id, name, role, the end of the token and when it was made', () => {
    const [header, row] = describeOperators({ operators: [ada] }).split('\n');
    expect(header).toMatch(/^ID +NAME +ROLE +ENDS IN +CREATED$/);
    expect(row).toMatch(/^op_1 +Ada Support +support +…x9Qz +\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(describeOperators({ operators: [] })).toMatch(/^no named operators/);
  });

  it('shows the new token next to who holds it', () => {
    const text = describeCreated({ operator: ada, token: 'hark_op_secret' });
    expect(text).toMatch(/^operator +op_1\nname +Ada Support\nrole +support\ntoken +hark_op_secret$/);
  });

  it('says who the token belongs to and what the role may do; the bootstrap token has no hint', () => {
    expect(describeWhoami(ada)).toMatch(/^name +Ada Support\nrole +support \(users, API keys, grants/);
    expect(describeWhoami(bootstrap)).toMatch(/^role +owner \(everything, operators included\)$/m);
    expect(describeWhoami(bootstrap)).toMatch(/^token ends in +-$/m);
  });
});

describe('parseRole', () => {
  it.each(['viewer', 'support', 'billing', 'owner'])('takes %s', (role) => {
    expect(parseRole(role)).toBe(role);
  });
  it.each([undefined, '', 'admin', 'Owner', 'constructor'])('refuses %j', (role) => {
    expect(() => parseRole(role)).toThrow(UsageError);
  });
});

describe('hark admin operators and whoami, against a fake server', () => {
  it('creates an operator with the operator token, prints the token once and says it will not be shown again', async () => {
    const { code, stdout, stderr, sent } = await run(
      ['admin', 'operators', 'create', 'Ada Support', '--role', 'support'],
      201,
      { operator: ada, token: 'hark_op_secret' },
    );
    expect(code).toBe(0);
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'http://hark.test/admin/operators',
        authorization: 'Bearer owner-token',
        body: { name: 'Ada Support', role: 'support' },
      },
    ]);
    expect(stdout.match(/hark_op_secret/g)).toHaveLength(1);
    expect(stderr).toMatch(/will not be shown again/);
    expect(stderr).not.toContain('hark_op_secret');
  });

  it('prints the answer as JSON with --json, the warning still on stderr', async () => {
    const created = { operator: ada, token: 'hark_op_secret' };
    const { stdout, stderr } = await run(
      ['admin', 'operators', 'create', 'Ada Support', '--role', 'support', '--json'],
      201,
      created,
    );
    expect(JSON.parse(stdout)).toEqual(created);
    expect(stderr).toMatch(/will not be shown again/);
  });

  it('revokes by id, escaping it in the path', async () => {
    const { code, stdout, sent } = await run(['admin', 'operators', 'revoke', 'op/1'], 204);
    expect(code).toBe(0);
    expect(sent[0]).toMatchObject({ method: 'DELETE', url: 'http://hark.test/admin/operators/op%2F1' });
    expect(stdout).toBe('revoked operator op/1; its token no longer works\n');
  });

  it('asks GET /admin/operators/me for whoami', async () => {
    const { code, stdout, sent } = await run(['admin', 'whoami'], 200, { operator: ada });
    expect(code).toBe(0);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'http://hark.test/admin/operators/me' });
    expect(stdout).toMatch(/^name +Ada Support\nrole +support /);
  });

  it('exits 4 with the server message when the role is too low', async () => {
    const { code, stderr } = await run(['admin', 'operators', 'list'], 403, {
      error: {
        code: 'HARK_ERR_INSUFFICIENT_ROLE',
        message: 'Your operator role "support" may not do this; it needs "owner" (or "owner")',
      },
    });
    expect(code).toBe(4);
    expect(stderr).toMatch(
      /Your operator role "support" may not do this.*HARK_ERR_INSUFFICIENT_ROLE, HTTP 403/,
    );
  });

  it('is in the admin help, and its own help says what each role may do', async () => {
    const group = await run(['help', 'admin'], 500);
    expect(group.stdout).toMatch(
      /^ {2}admin operators list \| create <name> --role <role> \| revoke <id> +/m,
    );
    expect(group.stdout).toMatch(/^ {2}admin whoami +The operator the token belongs to/m);
    const own = await run(['admin', 'operators', '--help'], 500);
    expect(own.stdout).toMatch(/^ {2}billing +plans, prices, kill switches, Stripe resync/m);
    expect([group.sent, own.sent]).toEqual([[], []]);
  });

  it.each([
    [['admin', 'operators']],
    [['admin', 'operators', 'rename', 'op_1']],
    [['admin', 'operators', 'constructor']],
    [['admin', 'operators', 'create', 'Ada']],
    [['admin', 'operators', 'create', 'Ada', '--role', 'admin']],
    [['admin', 'operators', 'create', '--role', 'viewer']],
    [['admin', 'operators', 'list', '--role', 'viewer']],
    [['admin', 'operators', 'revoke']],
    [['admin', 'whoami', 'extra']],
  ])('refuses %j with a usage error before any request', async (argv) => {
    const { code, sent } = await run(argv, 500);
    expect(code).toBe(2);
    expect(sent).toEqual([]);
  });
});
