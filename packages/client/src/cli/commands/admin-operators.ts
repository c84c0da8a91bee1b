import { type OperatorRole, operatorRoles } from '@hark/contracts';
import type { CreatedOperator, Operator, OperatorList } from '../../types.js';
import { type Command, type CommandContext, expectArgs, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatFields, formatInstant, formatTable } from '../format.js';

/** What each role may do, for help and `hark admin whoami` (docs/RELIABILITY.md#who-may-call-what). */
export const roleScopes: Record<OperatorRole, string> = {
  viewer: 'insights, audit log, plans read-only',
  support: 'users, API keys, grants (and what a viewer may)',
  billing: 'plans, prices, kill switches, Stripe resync (and what a viewer may)',
  owner: 'everything, operators included',
};

const tokenHint = (operator: Operator) => (operator.hint ? `…${operator.hint}` : '-');

export function describeOperators(list: OperatorList): string {
  if (list.operators.length === 0)
    return 'no named operators (the bootstrap operator, ADMIN_TOKEN, is not listed)';
  return formatTable(
    list.operators.map((operator) => [
      operator.id,
      operator.name,
      operator.role,
      tokenHint(operator),
      formatInstant(operator.createdAt),
    ]),
    ['ID', 'NAME', 'ROLE', 'ENDS IN', 'CREATED'],
  );
}

export function describeCreated(created: CreatedOperator): string {
  const { operator, token } = created;
  return formatFields([
    ['operator', operator.id],
    ['name', operator.name],
    ['role', operator.role],
    ['token', token],
  ]);
}

/** The operator behind the token: who the audit log names, and what they may do. */
export function describeWhoami(operator: Operator): string {
  return formatFields([
    ['name', operator.name],
    ['role', `${operator.role} (${roleScopes[operator.role]})`],
    ['operator', operator.id],
    ['token ends in', tokenHint(operator)],
  ]);
}

/** --role, one of the roles the contracts define. */
export function parseRole(value: string | undefined): OperatorRole {
  const role = operatorRoles.find((candidate) => candidate === value);
  if (!role) {
    const given = value === undefined ? 'none was given' : `got "${value}"`;
    throw new UsageError(`--role takes one of ${operatorRoles.join(', ')}; ${given}`);
  }
  return role;
}

export const TOKEN_SHOWN_ONCE =
  'Keep this token now: it will not be shown again (Hark stores only its hash). Revoke it with hark admin operators revoke <id>.';

async function listOperators(context: CommandContext): Promise<undefined> {
  expectArgs(context, 0, 'nothing after "list"');
  const list = await context.client.admin.operators.list({ signal: context.signal });
  if (context.json) context.output.json(list);
  else context.output.line(describeOperators(list));
  return undefined;
}

async function createOperator(context: CommandContext): Promise<undefined> {
  const [name] = expectArgs(context, 1, 'the name of who will hold the token');
  const role = parseRole(stringOption(context.options, 'role'));
  const created = await context.client.admin.operators.create(
    { name: name!, role },
    { signal: context.signal },
  );
  if (context.json) context.output.json(created);
  else context.output.line(describeCreated(created));
  context.output.note(TOKEN_SHOWN_ONCE);
  return undefined;
}

async function revokeOperator(context: CommandContext): Promise<undefined> {
  const [id] = expectArgs(context, 1, 'an operator id (hark admin operators list shows them)');
  await context.client.admin.operators.revoke(id!, { signal: context.signal });
  if (context.json) context.output.json({ revoked: id });
  else context.output.line(`revoked operator ${id}; its token no longer works`);
  return undefined;
}

// A Map, so a word such as "constructor" is not found on an object's prototype.
const subcommands = new Map<string, (context: CommandContext) => Promise<undefined>>([
  ['list', listOperators],
  ['create', createOperator],
  ['revoke', revokeOperator],
]);

export const adminOperatorsCommand: Command = {
  name: 'admin operators',
  args: 'list | create <name> --role <role> | revoke <id>',
  summary: 'Named operator tokens with a role: list, create (the token is shown once), revoke (owners only)',
  description: [
    'hark admin operators list                         every named operator, oldest first (never a token)',
    'hark admin operators create <name> --role <role>  a new token for <name>; printed once, keep it',
    'hark admin operators revoke <id>                  the token stops working at once, on every instance',
    '',
    'Roles:',
    ...operatorRoles.map((role) => `  ${role.padEnd(8)} ${roleScopes[role]}`),
  ],
  options: { role: { type: 'string' } },
  optionHelp: [['--role <role>', `For create: ${operatorRoles.join(', ')}`]],
  credential: 'admin',
  async run(context) {
    const [action, ...rest] = context.args;
    const subcommand = action === undefined ? undefined : subcommands.get(action);
    if (!subcommand) {
      const got = action === undefined ? 'nothing' : `"${action}"`;
      throw new UsageError(`expected list, create <name> --role <role> or revoke <id>, got ${got}`);
    }
    if (action !== 'create' && stringOption(context.options, 'role') !== undefined)
      throw new UsageError('--role is only for hark admin operators create');
    return subcommand({ ...context, args: rest });
  },
};

export const adminWhoamiCommand: Command = {
  name: 'admin whoami',
  summary: 'The operator the token belongs to: name and role (any operator)',
  credential: 'admin',
  async run(context) {
    expectArgs(context, 0, 'no arguments');
    const { operator } = await context.client.admin.operators.me({ signal: context.signal });
    if (context.json) context.output.json({ operator });
    else context.output.line(describeWhoami(operator));
    return undefined;
  },
};
