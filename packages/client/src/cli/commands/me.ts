import type { MeResponse } from '../../types.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatFields, formatInstant, formatTable } from '../format.js';

/** Plan and subscription, then features, then limits next to what this period used of them. */
export function describeMe(me: MeResponse): string {
  const subscription = me.subscription
    ? `${me.subscription.status}${me.subscription.currentPeriodEnd ? `, renews ${formatInstant(me.subscription.currentPeriodEnd)}` : ''}`
    : 'none';
  const fields = formatFields([
    ['user', me.user.id],
    ['plan', `${me.plan.name} (${me.plan.id})`],
    ['subscription', subscription],
  ]);
  const features = formatTable(
    Object.entries(me.features).map(([name, on]) => [name, on]),
    ['FEATURE', 'ON'],
  );
  const limitNames = [...new Set([...Object.keys(me.limits), ...Object.keys(me.usage)])];
  const limits = formatTable(
    limitNames.map((name) => [name, me.limits[name], me.usage[name]]),
    ['LIMIT', 'MAX', 'USED'],
  );
  return `${fields}\n\n${features}\n\n${limits}`;
}

export const meCommand: Command = {
  name: 'me',
  summary: 'Your plan, features, limits and what you used of them this period',
  credential: 'user',
  async run(context) {
    if (context.args.length > 0) throw new UsageError(`unexpected argument "${context.args[0]}"`);
    const me = await context.client.me({ signal: context.signal });
    if (context.json) context.output.json(me);
    else context.output.line(describeMe(me));
    return undefined;
  },
};
