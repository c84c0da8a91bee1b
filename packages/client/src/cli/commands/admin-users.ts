import { HarkApiError } from '../../errors.js';
import type { UserDetail, UserUsageResponse } from '../../types.js';
import { type Command, expectArgs, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatFields, formatInstant, formatPercent, formatTable, formatUsd } from '../format.js';

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

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export const adminUsersCommand: Command = {
  name: 'admin users',
  args: '<user>',
  summary: "A user, the hints of their API keys, and this month's LLM usage against their plan",
  options: { month: { type: 'string' } },
  optionHelp: [['--month <YYYY-MM>', 'The month of the usage figures (default: this month, UTC)']],
  credential: 'admin',
  async run(context) {
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
  },
};
