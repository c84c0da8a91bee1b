import type { GrantRequest, GrantResponse, Plan } from '../../types.js';
import { type Command, expectArgs, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatFields, formatInstant, formatTable } from '../format.js';

function price(plan: Plan): string {
  if (!plan.price) return 'free';
  return `${(plan.price.amount / 100).toFixed(2)} ${plan.price.currency.toUpperCase()}/${plan.price.interval}`;
}

const enabledFeatures = (plan: Plan) =>
  Object.entries(plan.features)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join(',');

export function planRows(plans: readonly Plan[]): string {
  const rows = plans.map((plan) => [plan.id, plan.name, plan.enabled, price(plan), enabledFeatures(plan)]);
  return formatTable(rows, ['ID', 'NAME', 'OPEN', 'PRICE', 'FEATURES']);
}

function describePlan(plan: Plan): string {
  const fields = formatFields([
    ['plan', `${plan.name} (${plan.id})`],
    ['open for new subscriptions', plan.enabled],
    ['price', price(plan)],
    ['stripe price', plan.price?.stripePriceId],
  ]);
  const features = formatTable(Object.entries(plan.features), ['FEATURE', 'ON']);
  const limits = formatTable(Object.entries(plan.limits), ['LIMIT', 'MAX']);
  return `${fields}\n\n${features}\n\n${limits}`;
}

export const adminPlansCommand: Command = {
  name: 'admin plans',
  args: '[<plan id>]',
  summary: 'Every plan with its price and features, or one plan with its limits',
  credential: 'admin',
  async run(context) {
    const [id, extra] = context.args;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const { plans } = context.client.admin;
    if (id) {
      const result = await plans.get(id, { signal: context.signal });
      if (context.json) context.output.json(result);
      else context.output.line(describePlan(result.plan));
      return undefined;
    }
    const result = await plans.list({ signal: context.signal });
    if (context.json) context.output.json(result);
    else context.output.line(planRows(result.plans));
    return undefined;
  },
};

const relativeUnits: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * When a grant ends, as the ISO instant the API takes: a relative "30m", "12h", "7d" or "2w"
 * from `now`, a date "2026-12-01" (its start, UTC), or an ISO date-time with a zone.
 */
export function parseUntil(value: string, now: Date): string {
  const relative = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (relative)
    return new Date(now.getTime() + Number(relative[1]) * relativeUnits[relative[2]!]!).toISOString();
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const instant = new Date(isDate ? `${value}T00:00:00Z` : value);
  if ((!isDate && !hasZone) || Number.isNaN(instant.getTime())) {
    throw new UsageError(
      `--until takes a duration (30m, 12h, 7d, 2w), a date (2026-12-01) or a date-time with a zone (2026-12-01T09:00:00Z), got "${value}"`,
    );
  }
  return instant.toISOString();
}

function describeGrant(result: GrantResponse, verb: string): string {
  const { effective } = result;
  const until = result.grant?.expiresAt ? ` until ${formatInstant(result.grant.expiresAt)}` : '';
  return `${verb}${until}; ${result.userId} is now on ${effective.planName} (${effective.planId}, ${effective.source}): ${effective.reason}`;
}

const operatorOption = { operator: { type: 'string' } } as const;
const operatorHelp: [string, string] = [
  '--operator <note>',
  'A note for the audit log (x-operator); the token already names who acted',
];

export const adminGrantCommand: Command = {
  name: 'admin grant',
  args: '<user> <plan>',
  summary: 'Give a user a plan (a comp account, support), until a time or until revoked',
  description: ['Example: hark admin grant ada premium --until 7d --reason "support case 42"'],
  options: { until: { type: 'string' }, reason: { type: 'string' }, ...operatorOption },
  optionHelp: [
    [
      '--until <when>',
      'When it ends: 30m, 12h, 7d, 2w, 2026-12-01 or an ISO date-time; default: until revoked',
    ],
    ['--reason <text>', 'Why, for the audit log and support (default "granted with the hark CLI")'],
    operatorHelp,
  ],
  credential: 'admin',
  async run(context) {
    const [userId, plan] = expectArgs(context, 2, 'a user id and a plan id');
    const request: GrantRequest = {
      plan: plan!,
      reason: stringOption(context.options, 'reason') ?? 'granted with the hark CLI',
    };
    const until = stringOption(context.options, 'until');
    if (until) request.expiresAt = parseUntil(until, new Date());
    const result = await context.client.admin.grant(userId!, request, { signal: context.signal });
    if (context.json) context.output.json(result);
    else context.output.line(describeGrant(result, `granted ${plan} to ${userId}`));
    return undefined;
  },
};

export const adminRevokeCommand: Command = {
  name: 'admin revoke',
  args: '<user>',
  summary: "Revoke a user's grant: their Stripe subscription or the default plan applies again",
  options: operatorOption,
  optionHelp: [operatorHelp],
  credential: 'admin',
  async run(context) {
    const [userId] = expectArgs(context, 1, 'a user id');
    const result = await context.client.admin.revoke(userId!, { signal: context.signal });
    if (context.json) context.output.json(result);
    else context.output.line(describeGrant(result, `revoked the grant of ${userId}`));
    return undefined;
  },
};
