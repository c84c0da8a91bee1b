import type { Clock } from '@hark/core';
import { type InteractionEvent, recordInteraction } from '@hark/interactions';
import type { StandInCustomer, StandInInvoice, StandInSubscription } from '@hark/testing';
import { deliverAndDrain, planOf } from './stripe-scenarios.js';
import { bearer, operator, PREMIUM_PRICE, type TestEntitlements } from './test-entitlements.js';

/**
 * A scripted month of billing against the Stripe stand-in (issue 21), played on a test
 * entitlement service whose clock the stand-in shares. February sets up 20 paying customers;
 * March brings renewals (one fails, then recovers), upgrades, a downgrade, cancellations, a
 * refund, premium-gate hits followed into checkout (completed, late, abandoned), a grant after the
 * gate, two trials (one converts) and a reactivation. Three more users are comped onto premium by an
 * operator, and one internal test user, marked through PUT /admin/users/:id/internal, hammers the
 * API. Usage (USAGE below) comes on two days, 9 and 28 March, written by the interaction writer the
 * router and conversation services use, and is folded at once, as the background folder would:
 * a turn counts in the customer class its user had that day. Tests assert figures they compute by
 * hand from this script; the console's browser test plays the same month.
 *
 * All amounts are USD cents. Prices: premium 500/month (PREMIUM_PRICE), "plus" 900, "lite" 300.
 * Every LLM turn is LLM_TURN: 25 000 micro-USD.
 */
export const SCRIPTED_MONTH = {
  /** When the report is asked for: March is complete. */
  reportAt: '2026-04-02T12:00:00Z',
  range: { from: '2026-03-01', to: '2026-03-31' },
  plusPrice: 'price_premium_plus_test',
  litePrice: 'price_premium_lite_test',
  /** Comped onto premium by an operator on 7 March. */
  comps: ['c1', 'c2', 'c3'],
  /** The internal test user: granted premium and marked internal on 7 March, then hammering. */
  internalUser: 'qa-load',
  /** The internal user's turns: 200 skill and 100 LLM on 9 March, 100 skill on 28 March. */
  internalTurns: { skill9: 200, llm9: 100, skill28: 100 },
} as const;

/**
 * Every LLM turn of the month, as the conversation service meters it: gpt-4o at 2.50 USD per 1M
 * input and 10 USD per 1M output tokens, 6 000 x 2.5 + 1 000 x 10 = 25 000 micro-USD.
 */
export const LLM_TURN = {
  model: 'gpt-4o',
  promptTokens: 6_000,
  completionTokens: 1_000,
  costMicroUsd: 25_000,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** One scripted turn: a skill intent, or "llm" (with the tool names the model called). */
type Turn = { intent: string } | { llm: true; tools?: string[] };
const skill = (intent: string, times = 1): Turn[] => Array.from({ length: times }, () => ({ intent }));
const llm = (times = 1, tools: string[] = []): Turn[] =>
  Array.from({ length: times }, (_, index) => ({ llm: true, tools: index === 0 ? tools : [] }));
const users = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => `${prefix}${pad(from + index)}`);

/**
 * Who says what on the two days of usage (the internal user apart). Each event carries the plan in
 * force that day, asked of the service as the router asks it: premium for paying, trial and comped
 * users, free otherwise.
 */
export const USAGE: Record<'2026-03-09' | '2026-03-28', [userIds: string[], turns: Turn[]][]> = {
  '2026-03-09': [
    // Paying: v01..v07 talk to the LLM (v01's turns call timer_start, then weather_get).
    [['v01'], [...llm(1, ['timer_start']), ...llm(1, ['weather_get'])]],
    [users('v', 2, 7), llm(2)],
    // v08..v11 only set timers and alarms; v12 too, and says "stop" (a system exchange).
    [users('v', 8, 11), [...skill('timer.start', 2), ...skill('alarm.set')]],
    [['v12'], [...skill('timer.start'), ...skill('system.stop')]],
    [users('v', 13, 20), [...skill('timer.start'), ...skill('weather.get')]],
    [users('g', 1, 4), llm(1)],
    // Comped: g07 and c1..c3; c1's first turn asks for more tools, then creates a reminder.
    [['c1'], llm(3, ['more_tools', 'reminder_create'])],
    [['g07', 'c2', 'c3'], llm(3)],
    // Trials: t1's first turn sets an alarm through the LLM.
    [['t1'], llm(2, ['alarm_set'])],
    [['t2'], llm(2)],
    // Free: f01..f06 only timers and alarms; f07 a bit of everything and its 5 free LLM turns.
    [users('f', 1, 6), [...skill('timer.start'), ...skill('alarm.set')]],
    [['f07'], [...skill('timer.start'), ...skill('weather.get'), ...llm(5, ['timer_start'])]],
    [['f08'], skill('weather.get')],
    [['f09'], skill('time.get')],
    [['f10'], skill('list.add')],
    [['g08'], llm(3)],
  ],
  '2026-03-28': [
    // Paying: v04 and v05 cancelled on 12 March; v06 is back.
    [['v02'], [...llm(1, ['timer_start', 'timer_add_time']), ...llm(1)]],
    [['v01', 'v03', 'v06', 'v07'], llm(2)],
    [users('v', 8, 11), skill('timer.start')],
    [['g05', 't1'], llm(1)],
    [['g07', 'c1', 'c2', 'c3'], llm(1)],
    [users('f', 1, 3), skill('alarm.set')],
    // v04, free since 12 March, still sets timers.
    [['v04'], skill('timer.start')],
  ],
};

export interface Customer {
  userId: string;
  apiKey: string;
  customer: StandInCustomer;
  subscription: StandInSubscription;
  invoices: StandInInvoice[];
}

export interface ScriptedMonth {
  /** v01..v20: subscribed 1 February at 500. */
  veterans: Customer[];
  /** g01..g10: free users who hit the premium gate on 2 March. */
  gateUsers: string[];
  /** t1 (converts on 22 March) and t2 (cancels on 22 March), trials from 8 March. */
  trials: Customer[];
  /** f01..f14: free users who never pay. */
  freeUsers: string[];
  /** c1..c3: comped onto premium on 7 March. */
  comps: string[];
  /** Marked internal on 7 March; their turns are left out of every figure. */
  internalUser: string;
  apiKeys: Map<string, string>;
}

/**
 * Plays the month. `clock` must be the service's clock (a fixedClock); the stand-in is set to
 * share it. Every Stripe change is delivered as the signed webhook Stripe would send, and the
 * queue drained, before the clock moves on.
 */
export async function playScriptedMonth(
  env: TestEntitlements,
  clock: Clock & { set(at: Date | string): void },
): Promise<ScriptedMonth> {
  const stripe = env.stripe!;
  stripe.state.clock = clock;
  stripe.state.registerPrice({ id: PREMIUM_PRICE, unitAmount: 500 });
  stripe.state.registerPrice({ id: SCRIPTED_MONTH.plusPrice, unitAmount: 900 });
  stripe.state.registerPrice({ id: SCRIPTED_MONTH.litePrice, unitAmount: 300 });
  const apiKeys = new Map<string, string>();
  const user = async (userId: string) => {
    apiKeys.set(userId, await env.userWithKey(userId));
    return userId;
  };
  const at = (iso: string) => clock.set(iso);
  const deliver = (type: string, object: unknown) => deliverAndDrain(env, type, object);
  /** Folds what was recorded, as the background folder does a few seconds after each turn. */
  const fold = async () => {
    for (;;) {
      const result = await env.service.insightsFolder.fold({ maxMs: 10_000 });
      if (result.busy) throw new Error('the insights fold lock is held by someone else');
      if (result.caughtUp) return;
    }
  };
  const record = (event: Omit<InteractionEvent, 'at' | 'outcome' | 'latencyMs'>) =>
    recordInteraction(env.testRedis.redis, env.keys, {
      outcome: 'ok',
      latencyMs: 10,
      ...event,
      at: clock.now(),
    });
  const play = async (userId: string, plan: string, turn: Turn) =>
    'intent' in turn
      ? record({ userId, plan, handledBy: 'skill', intent: turn.intent })
      : record({
          userId,
          plan,
          handledBy: 'llm',
          intent: null,
          ...LLM_TURN,
          toolCalls: turn.tools?.length ?? 0,
          tools: turn.tools ?? [],
          sessionId: `s-${userId}`,
        });
  /** One day of USAGE, then the internal user's turns, then a fold. */
  const useDay = async (day: keyof typeof USAGE, internal: { skill: number; llm: number }) => {
    at(`${day}T12:00:00Z`);
    for (const [userIds, turns] of USAGE[day]) {
      for (const userId of userIds) {
        // The plan in force that day, as the router asks the entitlement service for it.
        const plan = await planOf(env, apiKeys.get(userId)!);
        for (const turn of turns) await play(userId, plan, turn);
      }
    }
    const tester = SCRIPTED_MONTH.internalUser;
    const testerPlan = await planOf(env, apiKeys.get(tester)!);
    await Promise.all([
      ...Array.from({ length: internal.skill }, (_, n) =>
        play(tester, testerPlan, { intent: n % 2 === 0 ? 'timer.start' : 'weather.get' }),
      ),
      ...Array.from({ length: internal.llm }, () =>
        play(tester, testerPlan, { llm: true, tools: ['timer_start', 'more_tools'] }),
      ),
    ]);
    await fold();
  };
  const grantPremium = async (userId: string, reason: string) => {
    const response = await env.app.inject({
      method: 'PUT',
      url: `/admin/users/${userId}/grant`,
      headers: operator('scripted-month'),
      payload: { plan: 'premium', reason },
    });
    if (response.statusCode !== 200) throw new Error(`grant for ${userId}: ${response.body}`);
  };

  /** A paying customer from now: subscription and its first invoice, both delivered. */
  const subscribe = async (userId: string, existing?: StandInCustomer, trialDays?: number) => {
    const customer = existing ?? stripe.state.createCustomer({ metadata: { userId } });
    const { subscription, invoice } = stripe.state.subscribe({
      customer: customer.id,
      price: PREMIUM_PRICE,
      metadata: { userId, planId: 'premium' },
      ...(trialDays ? { trialDays } : {}),
    });
    await deliver('customer.subscription.created', subscription);
    await deliver('invoice.paid', invoice);
    return { userId, apiKey: apiKeys.get(userId)!, customer, subscription, invoices: [invoice] };
  };

  // February: 20 customers at 500.
  at('2026-02-01T10:00:00Z');
  const veterans: Customer[] = [];
  for (let n = 1; n <= 20; n += 1) veterans.push(await subscribe(await user(`v${pad(n)}`)));
  const freeUsers: string[] = [];
  for (let n = 1; n <= 14; n += 1) freeUsers.push(await user(`f${pad(n)}`));
  const gateUsers: string[] = [];
  for (let n = 1; n <= 10; n += 1) gateUsers.push(await user(`g${pad(n)}`));
  const trialUsers = [await user('t1'), await user('t2')];
  const comps: string[] = [];
  for (const userId of SCRIPTED_MONTH.comps) comps.push(await user(userId));
  const internalUser = await user(SCRIPTED_MONTH.internalUser);
  const v = (n: number) => veterans[n - 1]!;

  // 1 March: renewals; v20's payment fails (past_due keeps its MRR).
  at('2026-03-01T10:00:00Z');
  for (const veteran of veterans) {
    const failed = veteran === v(20);
    const { subscription, invoice } = stripe.state.renew(veteran.subscription.id, { fail: failed });
    veteran.invoices.push(invoice);
    await deliver(failed ? 'invoice.payment_failed' : 'invoice.paid', invoice);
    if (failed) await deliver('customer.subscription.updated', subscription);
  }

  // 2 March: g01..g10 hit the premium gate.
  at('2026-03-02T10:00:00Z');
  for (const userId of gateUsers) {
    await recordInteraction(env.testRedis.redis, env.keys, {
      userId,
      plan: 'free',
      handledBy: 'fallback',
      upsell: true,
      outcome: 'ok',
      latencyMs: 10,
      at: clock.now(),
    });
  }
  await fold();

  const startCheckout = async (userId: string) => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/billing/checkout',
      headers: bearer(apiKeys.get(userId)!),
      payload: { plan: 'premium' },
    });
    if (response.statusCode !== 200) throw new Error(`checkout for ${userId}: ${response.body}`);
    return response.json().sessionId as string;
  };
  const completeCheckout = async (sessionId: string, trialDays?: number) => {
    const { session, subscription, invoice } = stripe.state.completeCheckout(sessionId, 'active', trialDays);
    await deliver('checkout.session.completed', session);
    await deliver('customer.subscription.created', subscription);
    await deliver('invoice.paid', invoice);
  };

  // 3 March: g01..g06 start a checkout; g01..g04 pay at once, g06 walks away.
  at('2026-03-03T09:00:00Z');
  const sessions = new Map<string, string>();
  for (const userId of gateUsers.slice(0, 6)) sessions.set(userId, await startCheckout(userId));
  for (const userId of gateUsers.slice(0, 4)) await completeCheckout(sessions.get(userId)!);

  // 4 March: v20's invoice is paid after all; g06's session expires.
  at('2026-03-04T09:00:00Z');
  stripe.state.payInvoice(v(20).invoices[1]!.id);
  await deliver('invoice.paid', stripe.state.invoices.get(v(20).invoices[1]!.id));
  await deliver('customer.subscription.updated', v(20).subscription);
  await deliver('checkout.session.expired', stripe.state.expireCheckout(sessions.get('g06')!));
  // g05's session of 3 March expires too (Stripe's sessions live 24 hours).
  await deliver('checkout.session.expired', stripe.state.expireCheckout(sessions.get('g05')!));

  // 5 March: v01 and v02 upgrade to "plus" (900).
  at('2026-03-05T09:00:00Z');
  for (const veteran of [v(1), v(2)]) {
    await deliver(
      'customer.subscription.updated',
      stripe.state.changePrice(veteran.subscription.id, SCRIPTED_MONTH.plusPrice),
    );
  }

  // 6 March: an operator grants g07 premium (a comp after the gate: not a conversion).
  at('2026-03-06T09:00:00Z');
  await grantPremium('g07', 'scripted month: comp after the gate');

  // 7 March: an operator comps c1..c3 onto premium; the QA team's load-test user gets premium
  // too, and is marked internal before it says anything.
  at('2026-03-07T09:00:00Z');
  for (const userId of comps) await grantPremium(userId, 'scripted month: press and partners');
  await grantPremium(internalUser, 'scripted month: load test');
  const mark = await env.app.inject({
    method: 'PUT',
    url: `/admin/users/${internalUser}/internal`,
    headers: operator('scripted-month'),
    payload: { internal: true, note: 'load test key' },
  });
  if (mark.statusCode !== 200) throw new Error(`internal mark: ${mark.body}`);

  // 8 March: t1 and t2 start 14-day trials.
  at('2026-03-08T09:00:00Z');
  const trials = [
    await subscribe(trialUsers[0]!, undefined, 14),
    await subscribe(trialUsers[1]!, undefined, 14),
  ];

  // 9 March: the first day of usage (USAGE), the internal user hammering beside it.
  const hammer = SCRIPTED_MONTH.internalTurns;
  await useDay('2026-03-09', { skill: hammer.skill9, llm: hammer.llm9 });

  // 10 March: v03 downgrades to "lite" (300).
  at('2026-03-10T09:00:00Z');
  await deliver(
    'customer.subscription.updated',
    stripe.state.changePrice(v(3).subscription.id, SCRIPTED_MONTH.litePrice),
  );

  // 12 March: v04, v05 and v06 cancel.
  at('2026-03-12T09:00:00Z');
  for (const veteran of [v(4), v(5), v(6)]) {
    await deliver('customer.subscription.deleted', stripe.state.cancel(veteran.subscription.id));
  }

  // 15 March: v07's March invoice is refunded in full.
  at('2026-03-15T09:00:00Z');
  await deliver('refund.created', stripe.state.refundInvoice(v(7).invoices[1]!.id));

  // 20 March: g05 comes back, 18 days after the gate, and pays.
  at('2026-03-20T09:00:00Z');
  await completeCheckout(await startCheckout('g05'));

  // 22 March: t1's trial ends and its first invoice is paid; t2 cancels before paying.
  at('2026-03-22T09:00:00Z');
  const converted = stripe.state.renew(trials[0]!.subscription.id);
  trials[0]!.invoices.push(converted.invoice);
  await deliver('customer.subscription.updated', converted.subscription);
  await deliver('invoice.paid', converted.invoice);
  await deliver('customer.subscription.deleted', stripe.state.cancel(trials[1]!.subscription.id));

  // 25 March: v06 subscribes again (a reactivation).
  at('2026-03-25T09:00:00Z');
  const back = await subscribe('v06', v(6).customer);
  v(6).subscription = back.subscription;
  v(6).invoices.push(...back.invoices);

  // 28 March: the second day of usage.
  await useDay('2026-03-28', { skill: hammer.skill28, llm: 0 });

  at(SCRIPTED_MONTH.reportAt);
  return { veterans, gateUsers, trials, freeUsers, comps, internalUser, apiKeys };
}
