import type { UserList } from '../../api/admin.js';
import { HarkApiError } from '../../errors.js';
import type { UserDetail, UserUsageResponse } from '../../types.js';
import { type Command, type CommandContext, expectArgs, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatFields, formatInstant, formatPercent, formatTable, formatUsd } from '../format.js';
import { internalUsersCommand } from './admin-internal-users.js';

export function describeUser(detail: UserDetail): string {
  const { user, apiKeys } = detail;
  const fields = formatFields([
    ['user', user.id],
    ['name', user.name],
    ['timezone', user.timezone],
    ['created', formatInstant(user.createdAt)],
  ]);
  const keys =
    apiKeys.length > 0
      ? formatTable(
          apiKeys.map((key) => [key.id, `…${key.hint}`, formatInstant(key.createdAt)]),
          ['KEY ID', 'ENDS IN', 'CREATED'],
        )
      : 'no API keys';
  return `${fields}\n\n${keys}`;
}

export function describeUsage(usage: UserUsageResponse): string {
  const { plan, total } = usage;
  const price = plan.priced ? `${formatUsd(plan.monthlyPriceUsd)}/month` : 'unpriced';
  return formatFields([
    ['month', usage.month],
    ['plan', `${plan.name} (${plan.id}, ${plan.source}, ${price})`],
    ['LLM turns', total.turns],
    ['LLM tokens', `${total.tokens} (prompt ${total.promptTokens}, completion ${total.completionTokens})`],
    ['LLM cost', formatUsd(total.costUsd)],
    ['margin', formatUsd(usage.marginUsd)],
    ['cost / price', formatPercent(usage.costShareOfPrice)],
  ]);
}

/** A page of users as a table, and how to ask for the next page. */
export function describeUserList(page: UserList, nextCommand: string): string {
  if (page.users.length === 0) return 'no users';
  const table = formatTable(
    page.users.map((user) => [user.id, user.name, formatInstant(user.createdAt)]),
    ['ID', 'NAME', 'CREATED'],
  );
  return page.nextCursor ? `${table}\n\nmore: ${nextCommand} --cursor ${page.nextCursor}` : table;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** --limit, as a whole number from 1 to 100. */
function limitOption(context: CommandContext): number | undefined {
  const limit = stringOption(context.options, 'limit');
  if (limit === undefined) return undefined;
  if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 100)
    throw new UsageError(`--limit takes a whole number from 1 to 100, got "${limit}"`);
  return Number(limit);
}

/** `hark admin users list` and `hark admin users search <prefix>`: a page of users. */
async function listUsers(context: CommandContext, prefix: string | undefined): Promise<undefined> {
  const limit = limitOption(context);
  const cursor = stringOption(context.options, 'cursor');
  const page = await context.client.admin.users.list(
    { ...(prefix ? { query: prefix } : {}), ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) },
    { signal: context.signal },
  );
  if (context.json) context.output.json(page);
  else {
    const again =
      prefix === undefined ? 'hark admin users list' : `hark admin users search ${JSON.stringify(prefix)}`;
    context.output.line(describeUserList(page, limit ? `${again} --limit ${limit}` : again));
  }
  return undefined;
}

export const adminUsersCommand: Command = {
  name: 'admin users',
  args: '<user> | list | search <prefix> | internal ...',
  summary: "List or find users; or one user, the hints of their API keys, and this month's LLM usage",
  description: [
    'hark admin users list               every user, newest first',
    'hark admin users search <prefix>    users whose id or name starts with <prefix> (any case), A to Z',
    'hark admin users <user>             one user (a user named "list" or "search": hark admin users show <user>)',
    'hark admin users internal <user> on|off [--note text]   mark a user internal or test (left out of insights), or clear it',
    'hark admin users internal list      every user marked internal',
  ],
  options: {
    month: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    note: { type: 'string' },
  },
  optionHelp: [
    ['--month <YYYY-MM>', 'The month of the usage figures (default: this month, UTC)'],
    ['--limit <n>', 'Users per page for list and search (1-100, default 20)'],
    ['--cursor <cursor>', 'The next page of a list or search, as the previous page printed it'],
    ['--note <text>', 'Why a user is internal ("load test key"), with internal <user> on'],
  ],
  credential: 'admin',
  async run(context) {
    const [first, ...rest] = context.args;
    if (first === 'list' && rest.length === 0) return listUsers(context, undefined);
    if (first === 'internal' && rest.length > 0) return internalUsersCommand(context, rest);
    if (first === 'search') {
      if (rest.length !== 1 || !rest[0]!.trim())
        throw new UsageError('expected: hark admin users search <prefix>');
      return listUsers(context, rest[0]!);
    }
    return showUser(first === 'show' && rest.length === 1 ? { ...context, args: rest } : context);
  },
};

async function showUser(context: CommandContext): Promise<undefined> {
  const [userId] = expectArgs(context, 1, 'a user id');
  const month = stringOption(context.options, 'month');
  if (month !== undefined && !monthPattern.test(month)) {
    throw new UsageError(`--month takes a UTC month, YYYY-MM, got "${month}"`);
  }
  const { users } = context.client.admin;
  const detail = await users.get(userId!, { signal: context.signal });
  // Users live in the router, usage in the entitlement service: show the one even if the other fails.
  const usage = await users
    .usage(userId!, month ? { month } : {}, { signal: context.signal })
    .catch((error: unknown) => {
      if (error instanceof HarkApiError && !error.isAuthError) return error;
      throw error;
    });
  if (context.json) {
    context.output.json({ ...detail, usage: usage instanceof HarkApiError ? null : usage });
  } else {
    context.output.line(describeUser(detail));
    if (!(usage instanceof HarkApiError)) context.output.line(`\n${describeUsage(usage)}`);
  }
  if (usage instanceof HarkApiError) {
    context.output.note('the usage figures could not be loaded:');
    throw usage;
  }
  return undefined;
}
