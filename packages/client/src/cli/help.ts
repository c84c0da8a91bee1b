import type { Command } from './command.js';
import { DEFAULT_URL } from './config.js';
import { formatTable } from './format.js';

const globalHelp: [string, string][] = [
  ['--url <url>', `Server base URL (env HARK_URL; default ${DEFAULT_URL})`],
  ['--key <key>', 'User API key (env HARK_API_KEY)'],
  ['--admin-token <token>', 'Operator token, for admin commands (env HARK_ADMIN_TOKEN)'],
  ['--config <file>', 'Config file (env HARK_CONFIG; default ~/.config/hark/config.json)'],
  ['--json', "Print the server's JSON answer as is, for scripts"],
  ['-h, --help', 'Show help (also: hark <command> --help)'],
  ['-V, --version', 'Print the version of hark and exit'],
];

const exitCodes =
  'Exit codes: 0 ok, 1 API error, 2 usage error, 3 cannot reach the server, 4 authentication error, 130 interrupted.';

const indent = (block: string) => block.replace(/^/gm, '  ');

const usageLine = (command: Command) => `hark ${command.name}${command.args ? ` ${command.args}` : ''}`;

/** `hark --help`, or the help of a group ("admin") when `group` is given. */
export function overviewHelp(commands: readonly Command[], group?: string): string {
  const shown = commands.filter((command) =>
    group ? command.name.startsWith(`${group} `) : !command.name.includes(' '),
  );
  const rows = shown.map((command) => [usageLine(command).slice(5), command.summary]);
  if (!group)
    rows.push([
      'admin <command>',
      'Operator commands: plans, grant, revoke, insights, users, operators, whoami',
    ]);
  const title = group
    ? `hark ${group}: operator commands (need the operator token)`
    : 'hark: talk to a Hark server from the command line';
  return [
    title,
    '',
    `Usage: hark ${group ? `${group} ` : ''}<command> [options]`,
    '',
    'Commands:',
    indent(formatTable(rows)),
    '',
    'Global options:',
    indent(formatTable(globalHelp)),
    '',
    'Settings come from flags, then the environment, then the config file',
    '(JSON {"url", "apiKey", "adminToken"}), then the default URL.',
    exitCodes,
    '',
  ].join('\n');
}

/** `hark <command> --help`. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${usageLine(command)} [options]`, '', command.summary];
  if (command.description?.length) lines.push('', ...command.description);
  if (command.optionHelp?.length) lines.push('', 'Options:', indent(formatTable(command.optionHelp)));
  lines.push('', 'Global options:', indent(formatTable(globalHelp)), '', exitCodes, '');
  return lines.join('\n');
}
