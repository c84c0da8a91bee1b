import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands, main } from './main.js';

/** Runs the CLI in process with no server behind it: these paths must fail or finish before any request. */
async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    readFile: () => null,
    fetch: () => Promise.reject(new Error('no request expected on this path')),
  });
  return { code, stdout, stderr };
}

describe('hark without a server', () => {
  it('prints the overview for --help, naming every top-level command and the exit codes', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of commands.filter((c) => !c.name.includes(' '))) {
      expect(stdout).toMatch(new RegExp(`^  ${command.name}\\b`, 'm'));
    }
    expect(stdout).toContain('Exit codes: 0 ok, 1 API error, 2 usage error, 3 cannot reach the server');
  });

  it('prints the version of packages/client/package.json for --version and -V, and exits 0', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      expect(await run([flag])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    }
    expect((await run(['--help'])).stdout).toMatch(/^ {2}-V, --version +Print the version/m);
  });

  it('prints command help with its options', async () => {
    const { code, stdout } = await run(['admin', 'grant', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: hark admin grant <user> <plan> \[options\]/);
    expect(stdout).toMatch(/--until <when> +When it ends/);
    const group = await run(['help', 'admin']);
    expect(group.stdout).toMatch(/^ {2}admin revoke <user> +Revoke/m);
  });

  it('shows help on stderr with exit 2 when no command is given', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: hark <command> [options]');
  });

  it('exits 2 with a pointer to the help on a usage error', async () => {
    const { code, stderr } = await run(['admin', 'grant', 'ada'], { HARK_ADMIN_TOKEN: 't' });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'hark: expected a user id and a plan id, got "ada"\n(hark admin grant --help shows the usage)\n',
    );
    expect((await run(['dance'])).code).toBe(2);
    expect((await run(['help', 'dance'])).code).toBe(2);
    expect((await run(['timers', '--config', '/no/such/file.json'], { HARK_API_KEY: 'k' })).code).toBe(2);
    expect((await run(['timers', '--url', 'localhost:3000'], { HARK_API_KEY: 'k' })).code).toBe(2);
  });

  it('exits 4 before sending anything when the credential the command needs is missing', async () => {
    const user = await run(['timers'], { HARK_ADMIN_TOKEN: 'only-an-operator-token' });
    expect(user.code).toBe(4);
    expect(user.stderr).toBe(
      'hark: no API key: pass --key, set HARK_API_KEY, or put "apiKey" in the config file\n',
    );
    const admin = await run(['admin', 'plans'], { HARK_API_KEY: 'only-a-user-key' });
    expect(admin.code).toBe(4);
    expect(admin.stderr).toMatch(/no operator token: pass --admin-token, set HARK_ADMIN_TOKEN/);
  });

  it('checks its own arguments before calling the server', async () => {
    const env = { HARK_API_KEY: 'k', HARK_ADMIN_TOKEN: 't' };
    expect((await run(['say'], env)).stderr).toMatch(/say what\?/);
    expect((await run(['listen', '--since', 'yesterday'], env)).stderr).toMatch(/--since takes an event id/);
    expect((await run(['admin', 'insights', '--from', '1 Nov'], env)).stderr).toMatch(
      /--from takes a UTC day/,
    );
    expect((await run(['admin', 'users', 'ada', '--month', '2026-13'], env)).code).toBe(2);
  });
});
