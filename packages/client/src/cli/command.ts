import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { HarkClient } from '../client.js';
import type { Env, Settings } from './config.js';
import { type CredentialKind, type ExitCode, UsageError } from './exit-codes.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Where a command writes: stdout for results, stderr for everything else. */
export interface Output {
  /** A line of result on stdout. */
  line(text: string): void;
  /** Raw text on stdout, no newline added (streamed replies). */
  write(text: string): void;
  /** A line on stderr: progress, hints, warnings. */
  note(text: string): void;
  /** A value as indented JSON on stdout (--json). */
  json(value: unknown): void;
}

export interface CommandContext {
  /** Positional arguments after the command's own words. */
  args: string[];
  options: OptionValues;
  /** --json: print the server's JSON answer as is. */
  json: boolean;
  client: HarkClient;
  settings: Settings;
  output: Output;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  env: Env;
}

export interface Command {
  /** The words that call it: "say", "admin grant". */
  name: string;
  summary: string;
  /** The arguments after the name, for the usage line: "<user> <plan>". */
  args?: string;
  /** More lines for `hark <command> --help`. */
  description?: string[];
  options?: OptionSpecs;
  /** One [flag, explanation] per option, for help. */
  optionHelp?: [string, string][];
  /** The credential it sends, checked before any request. */
  credential: CredentialKind;
  /** Resolves the exit code; undefined means success. */
  run(context: CommandContext): Promise<ExitCode | undefined>;
}

export const globalOptions = {
  url: { type: 'string' },
  key: { type: 'string' },
  'admin-token': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export type Invocation =
  /** `explicit`: asked for (--help, `hark help`), rather than shown because no command was given. */
  | { kind: 'help'; topic: string[]; explicit: boolean }
  | { kind: 'command'; command: Command; args: string[]; options: OptionValues };

/** Names that group commands ("admin grant"); alone they show the group's help. */
export const commandGroups = new Set(['admin']);

/**
 * Finds the command and parses its arguments. Global options may stand anywhere; a command's
 * own options after its name. `--` ends the options, for text that starts with a dash.
 */
export function parseInvocation(argv: string[], commands: readonly Command[]): Invocation {
  const { words, help } = leadingWords(argv);
  if (words[0] === 'help') return { kind: 'help', topic: words.slice(1), explicit: true };
  const command = findCommand(words, commands);
  if (!command) {
    if (words.length === 0 || (commandGroups.has(words[0]!) && words.length === 1)) {
      return { kind: 'help', topic: words, explicit: help };
    }
    const attempted = commandGroups.has(words[0]!) ? words.slice(0, 2).join(' ') : words[0];
    throw new UsageError(`unknown command "${attempted}"; \`hark --help\` lists the commands`);
  }
  if (help) return { kind: 'help', topic: command.name.split(' '), explicit: true };
  const parsed = parseStrict(argv, { ...globalOptions, ...command.options });
  const nameLength = command.name.split(' ').length;
  return { kind: 'command', command, args: parsed.positionals.slice(nameLength), options: parsed.values };
}

/** The positional words in order, read leniently (a command's options are not known yet). */
function leadingWords(argv: string[]): { words: string[]; help: boolean } {
  const { positionals, values } = parseArgs({
    args: argv,
    options: globalOptions,
    strict: false,
    allowPositionals: true,
  });
  return { words: positionals, help: values.help === true };
}

function findCommand(words: string[], commands: readonly Command[]): Command | undefined {
  const two = words.slice(0, 2).join(' ');
  return (
    commands.find((command) => command.name === two) ?? commands.find((command) => command.name === words[0])
  );
}

function parseStrict(argv: string[], options: OptionSpecs) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's messages name the option; drop its "To specify a positional argument..." advice.
    const message = (error as Error).message.split('. To specify')[0];
    throw new UsageError(message ?? 'invalid arguments');
  }
}

/** The value of a string option, or undefined. */
export const stringOption = (options: OptionValues, name: string): string | undefined => {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
};

/** Fails with a usage error unless exactly `count` positional arguments were given. */
export function expectArgs(context: CommandContext, count: number, what: string): string[] {
  if (context.args.length !== count) {
    throw new UsageError(
      `expected ${what}, got ${context.args.length === 0 ? 'nothing' : `"${context.args.join(' ')}"`}`,
    );
  }
  return context.args;
}
