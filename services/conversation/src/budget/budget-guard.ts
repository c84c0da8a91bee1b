import { randomUUID } from 'node:crypto';
import { utcMonth } from '@hark/contracts';
import { type Clock, HarkError, type RedisClient } from '@hark/core';
import { type BudgetGuardKeys, type BudgetStep, budgetResumesOn } from '@hark/interactions';
import type { ChatRequest, ModelAnswer } from '../llm/model-call.js';
import type { PriceList } from '../llm/prices.js';
import { estimateTokenCount, tokenCounterFor } from '../memory/token-count.js';
import { budgetScripts } from './budget-scripts.js';

/** Ledgers outlive their month by a little (the admin view reads last month's); HLLs serve insights. */
const LEDGER_TTL_SECONDS = 40 * 86_400;
const STEP_USERS_TTL_SECONDS = 400 * 86_400;

export interface BudgetGuardSettings {
  /** LLM_BUDGET_STEP_DOWN_SHARE: from this share of the budget on, the cheapest model first. */
  stepDownShare: number;
  /** LLM_MAX_OUTPUT_TOKENS: every call asks for at most this many (`max_tokens`). */
  maxOutputTokens: number;
  /** How long a reservation holds unsettled before it lapses: longer than any turn may run. */
  holdMs: number;
}

/** One model call's hold on the budget, to settle with its real cost. */
export interface Reservation {
  member: string;
  amountMicroUsd: number;
}

/**
 * The margin guard (issue 22): a user's LLM cost in a UTC month never passes the plan's
 * `conversation.llm_budget_micro_usd`. Before every model call the call's worst case (the request
 * as sent, counted with the model's tokenizer, plus `max_tokens` of output) is reserved atomically
 * against spent + in flight (lua/reserve-budget.lua); after it the real cost replaces the hold
 * (lua/settle-budget.lua). Near the budget the cheapest configured model goes first; when not even
 * its worst case fits, the turn is not run: HARK_ERR_LLM_BUDGET_REACHED.
 */
export class BudgetGuard {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: BudgetGuardKeys,
    private readonly prices: PriceList,
    private readonly clock: Clock,
    private readonly settings: BudgetGuardSettings,
  ) {}

  /** The guard of one turn, or null when the grant carries no budget (a router from before the guard). */
  forTurn(turn: { userId: string; plan: { id: string; llmBudgetMicroUsd?: number } }): TurnBudget | null {
    const budget = turn.plan.llmBudgetMicroUsd;
    if (budget === undefined) return null;
    return new TurnBudget(this, turn.userId, turn.plan.id, budget);
  }

  /** The worst case of one call of `model` with `request`: every input token, and `max_tokens` out. */
  worstCaseMicroUsd(model: string, request: ChatRequest): number {
    const sent = JSON.stringify(request.messages) + JSON.stringify(request.tools);
    // The tokenizer over the JSON (keys, quotes) counts more than the upstream does for the same
    // messages; the characters / 4 estimate is what servers without a usage chunk are billed at.
    const promptTokens = Math.max(tokenCounterFor(model)(sent), estimateTokenCount(sent));
    const worst = this.prices.costMicroUsd(model, {
      promptTokens,
      completionTokens: this.settings.maxOutputTokens,
    });
    return worst === 0 ? 0 : worst + 1; // costMicroUsd rounds; never below the exact figure
  }

  /** What a finished call cost, as the turn ledger counts it (chars / 4 when the server sent no usage). */
  costMicroUsd(answer: ModelAnswer, request: ChatRequest): number {
    const said = answer.text + answer.toolCalls.map((call) => call.name + call.arguments).join('');
    const usage = answer.usage ?? {
      promptTokens: estimateTokenCount(JSON.stringify(request.messages)),
      completionTokens: estimateTokenCount(said),
    };
    return this.prices.costMicroUsd(answer.model, usage);
  }

  async spent(userId: string): Promise<number> {
    const month = utcMonth(this.clock.now());
    return Number((await this.redis.hget(this.keys.budgetLedger(userId, month), 'spent')) ?? 0);
  }

  async reserve(userId: string, amountMicroUsd: number, budget: number): Promise<Reservation | null> {
    const now = this.clock.now();
    const month = utcMonth(now);
    const id = randomUUID();
    const [held] = await budgetScripts(this.redis).reserveBudget(
      this.keys.budgetLedger(userId, month),
      this.keys.budgetReservations(userId, month),
      id,
      amountMicroUsd,
      budget,
      now.getTime(),
      now.getTime() + this.settings.holdMs,
      LEDGER_TTL_SECONDS,
    );
    return held === 1 ? { member: `${id}:${amountMicroUsd}`, amountMicroUsd } : null;
  }

  /** Replaces the hold by the real cost; a Redis failure here only leaves the hold to lapse. */
  async settle(userId: string, reservation: Reservation, costMicroUsd: number): Promise<void> {
    const month = utcMonth(this.clock.now());
    await budgetScripts(this.redis)
      .settleBudget(
        this.keys.budgetLedger(userId, month),
        this.keys.budgetReservations(userId, month),
        reservation.member,
        costMicroUsd,
        LEDGER_TTL_SECONDS,
      )
      .catch(() => undefined);
  }

  /** Counts the user among the plan's users who reached `step` this month (insights), once. */
  async reached(userId: string, planId: string, step: Exclude<BudgetStep, 'normal'>): Promise<void> {
    const now = this.clock.now();
    const month = utcMonth(now);
    const users =
      step === 'paused' ? this.keys.budgetPaused(planId, month) : this.keys.budgetSteppedDown(planId, month);
    const ledger = this.keys.budgetLedger(userId, month);
    const field = step === 'paused' ? 'pausedAt' : 'steppedDownAt';
    await Promise.all([
      this.redis.multi().pfadd(users, userId).expire(users, STEP_USERS_TTL_SECONDS).exec(),
      this.redis.multi().hsetnx(ledger, field, now.toISOString()).expire(ledger, LEDGER_TTL_SECONDS).exec(),
    ]).catch(() => undefined);
  }

  get stepDownShare(): number {
    return this.settings.stepDownShare;
  }

  get clockNow(): Date {
    return this.clock.now();
  }
}

/** The models a turn may call, in order, and each call's hold on the budget. */
export class TurnBudget {
  /** The furthest step this turn reached. */
  step: BudgetStep = 'normal';

  constructor(
    private readonly guard: BudgetGuard,
    readonly userId: string,
    readonly planId: string,
    readonly budgetMicroUsd: number,
  ) {}

  /**
   * The configured models (LLM_MODEL first, then LLM_FALLBACK_MODELS) in the order to try them for
   * this call: as configured, or cheapest worst case first once the month has spent the step-down
   * share of the budget.
   */
  async modelsToTry(configured: readonly string[], request: ChatRequest): Promise<string[]> {
    const spent = await this.guard.spent(this.userId);
    if (spent < this.guard.stepDownShare * this.budgetMicroUsd) return [...configured];
    this.step = 'step-down';
    return this.byPrice(configured, request);
  }

  /** Reserves `model`'s worst case for `request`; null when it does not fit what is left. */
  async reserve(model: string, request: ChatRequest): Promise<Reservation | null> {
    const amount = this.guard.worstCaseMicroUsd(model, request);
    return this.guard.reserve(this.userId, amount, this.budgetMicroUsd);
  }

  /**
   * Settles a hold: with the answer's real cost, or for a failed call 'nothing' (refused before any
   * answer: not billed) or 'worst' (cut off mid-answer: it may have been billed, so the hold stays spent).
   */
  async settle(
    reservation: Reservation,
    outcome: { answer: ModelAnswer; request: ChatRequest } | 'nothing' | 'worst',
  ): Promise<void> {
    const cost =
      outcome === 'nothing'
        ? 0
        : outcome === 'worst'
          ? reservation.amountMicroUsd
          : this.guard.costMicroUsd(outcome.answer, outcome.request);
    await this.guard.settle(this.userId, reservation, cost);
  }

  /** A call went to a cheaper model than the plan's, for the budget's sake. */
  steppedDown(): void {
    this.step = 'step-down';
    void this.guard.reached(this.userId, this.planId, 'step-down');
  }

  /** Not even the cheapest model's worst case fits: the turn is not run. */
  paused(): HarkError {
    this.step = 'paused';
    void this.guard.reached(this.userId, this.planId, 'paused');
    const resumesOn = budgetResumesOn(this.guard.clockNow);
    return new HarkError('LLM_BUDGET_REACHED', { resumesOn }, { resumesOn });
  }

  private byPrice(models: readonly string[], request: ChatRequest): string[] {
    const worst = new Map(models.map((model) => [model, this.guard.worstCaseMicroUsd(model, request)]));
    return [...models].sort((a, b) => (worst.get(a) ?? 0) - (worst.get(b) ?? 0));
  }
}
