#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHarkClient } from '../client.js';
import {
  type Command,
  type Invocation,
  type OptionValues,
  type Output,
  parseInvocation,
  stringOption,
} from './command.js';
import { adminInsightsCommand } from './commands/admin-insights.js';
import { adminOperatorsCommand, adminWhoamiCommand } from './commands/admin-operators.js';
import { adminGrantCommand, adminPlansCommand, adminRevokeCommand } from './commands/admin-plans.js';
import { adminUsersCommand } from './commands/admin-users.js';
import { parseCommand, sayCommand } from './commands/conversation.js';
import { alarmsCommand, listsCommand, remindersCommand, timersCommand } from './commands/items.js';
import { listenCommand } from './commands/listen.js';
import { meCommand } from './commands/me.js';
import { type Env, type ReadFile, resolveSettings, type Settings } from './config.js';
import {
  type CredentialKind,
  describeFailure,
  ExitCode,
  MissingCredentialsError,
  UsageError,
} from './exit-codes.js';
import { commandHelp, overviewHelp } from './help.js';

/** For checks that the CLI and the error catalogue agree (test/cli). */
export { authErrorCodes } from './exit-codes.js';

/** Where the CLI reads and writes; `main` uses the process's own unless a caller (a test) passes others. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Env;
  /** Aborted on Ctrl-C: a running command stops, `listen` exits 0, anything else 130. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  readFile?: ReadFile;
}

export const commands: readonly Command[] = [
  sayCommand,
  parseCommand,
  timersCommand,
  alarmsCommand,
  remindersCommand,
  listsCommand,
  listenCommand,
  meCommand,
  adminPlansCommand,
  adminGrantCommand,
  adminRevokeCommand,
  adminInsightsCommand,
  adminUsersCommand,
  adminOperatorsCommand,
  adminWhoamiCommand,
];

/** The version of this package (packages/client/package.json), the same from src/ and from dist/. */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

const VERSION_FLAGS = new Set(['--version', '-V']);

/** Runs `hark <argv>`; resolves the exit code (see ExitCode) instead of exiting. */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const signal = io.signal ?? new AbortController().signal;
  const output = outputTo(stdout, stderr);
  let invoked: Command | undefined;
  try {
    // `hark --version` / `hark -V`: asked before any command, so it needs no server and no credential.
    if (VERSION_FLAGS.has(argv[0] ?? '')) {
      output.line(cliVersion());
      return ExitCode.ok;
    }
    const invocation = parseInvocation(argv, commands);
    if (invocation.kind === 'help') return showHelp(invocation, output, stderr);
    const { command, args, options } = invocation;
    invoked = command;
    const env = io.env ?? process.env;
    const settings = resolveSettings(
      {
        url: stringOption(options, 'url'),
        key: stringOption(options, 'key'),
        adminToken: stringOption(options, 'admin-token'),
        config: stringOption(options, 'config'),
      },
      env,
      io.readFile ?? readIfExists,
    );
    requireCredential(command.credential, settings);
    const client = clientFor(command, settings, options, io.fetch);
    const json = options.json === true;
    return (await command.run({ args, options, json, client, settings, output, signal, env })) ?? ExitCode.ok;
  } catch (error) {
    if (signal.aborted) return ExitCode.interrupted;
    const failure = describeFailure(error, invoked?.credential ?? 'none');
    stderr.write(`hark: ${failure.message}\n`);
    if (failure.code === ExitCode.usage)
      stderr.write(`(hark ${invoked ? `${invoked.name} ` : ''}--help shows the usage)\n`);
    return failure.code;
  }
}

/** Only the credential the command needs leaves this machine. */
function clientFor(
  command: Command,
  settings: Settings,
  options: OptionValues,
  fetch?: typeof globalThis.fetch,
) {
  const operator = stringOption(options, 'operator');
  return createHarkClient({
    baseUrl: settings.url,
    ...(command.credential === 'user' ? { apiKey: settings.apiKey } : {}),
    ...(command.credential === 'admin' ? { adminToken: settings.adminToken } : {}),
    ...(operator ? { operator } : {}),
    ...(fetch ? { fetch } : {}),
  });
}

function outputTo(stdout: CliIo['stdout'], stderr: CliIo['stderr']): Output {
  return {
    line: (text) => stdout.write(`${text}\n`),
    write: (text) => stdout.write(text),
    note: (text) => stderr.write(`${text}\n`),
    json: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

/** Help asked for goes to stdout (exit 0); help shown because no command was given goes to stderr (exit 2). */
function showHelp(
  invocation: Extract<Invocation, { kind: 'help' }>,
  output: Output,
  stderr: CliIo['stderr'],
): number {
  const topic = invocation.topic.join(' ');
  const command = commands.find((candidate) => candidate.name === topic);
  let text: string;
  if (command) text = commandHelp(command);
  else if (topic === '' || topic === 'admin') text = overviewHelp(commands, topic || undefined);
  else throw new UsageError(`no help for "${topic}": there is no such command`);
  if (invocation.explicit) {
    output.write(text);
    return ExitCode.ok;
  }
  stderr.write(text);
  return ExitCode.usage;
}

const credentialSources: Record<'user' | 'admin', string> = {
  user: 'no API key: pass --key, set HARK_API_KEY, or put "apiKey" in the config file',
  admin:
    'no operator token: pass --admin-token, set HARK_ADMIN_TOKEN, or put "adminToken" in the config file',
};

function requireCredential(kind: CredentialKind, settings: Settings): void {
  if (kind === 'user' && !settings.apiKey) throw new MissingCredentialsError(credentialSources.user);
  if (kind === 'admin' && !settings.adminToken) throw new MissingCredentialsError(credentialSources.admin);
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** True when this file is the program node runs (also through the npm bin symlink), not an import. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

/** `hark` as a process: Ctrl-C aborts the command, and the exit code becomes the process's. */
export async function runAsProgram(): Promise<void> {
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort(new Error('interrupted'));
    // A second Ctrl-C does not wait for a clean stop.
    process.once('SIGINT', () => process.exit(ExitCode.interrupted));
  });
  // `hark timers | head -1` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), { signal: interrupt.signal });
}

// `node packages/client/dist/cli/main.js ...` runs the CLI; an import (tests, bin/hark.mjs) does not.
if (isEntryPoint()) await runAsProgram();
