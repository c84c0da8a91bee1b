import type { Clock } from '@hark/core';
import type { TurnBudget } from '../budget/budget-guard.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { circuitOpen, type LlmFailure } from './llm-failure.js';
import {
  type ChatRequest,
  type ModelAnswer,
  type ModelCallSettings,
  streamModelAnswer,
} from './model-call.js';

export interface LlmGatewaySettings extends ModelCallSettings {
  /** The primary model first, then the fallbacks in the order to try them. */
  models: readonly string[];
  breakerFailures: number;
  breakerCooldownMs: number;
  clock: Clock;
  /** Told about every failed model call, for logs and metrics. */
  onModelFailure?: (model: string, failure: LlmFailure) => void;
}

/**
 * The one way the service talks to the LLM: each model behind its own circuit breaker, fallback
 * models tried in order when one is rate-limited, failing or too slow. A fallback only takes over
 * while nothing of the answer has been streamed yet: a listener must never hear two beginnings.
 */
export class LlmGateway {
  private readonly breakers: Map<string, CircuitBreaker>;
  private readonly budget: TurnBudget | null;

  constructor(
    private readonly settings: LlmGatewaySettings,
    /** A turn's view (withBudget) shares the breakers of the service's gateway. */
    shared?: { breakers: Map<string, CircuitBreaker>; budget: TurnBudget },
  ) {
    this.breakers = shared?.breakers ?? new Map();
    this.budget = shared?.budget ?? null;
    if (shared) return;
    for (const model of settings.models) {
      const breaker = new CircuitBreaker({
        failures: settings.breakerFailures,
        cooldownMs: settings.breakerCooldownMs,
        clock: settings.clock,
      });
      this.breakers.set(model, breaker);
    }
  }

  get models(): readonly string[] {
    return this.settings.models;
  }

  /**
   * The same models and breakers for one turn under the margin guard (src/budget): each call
   * reserves its worst case first, models that do not fit are skipped (cheapest first near the
   * budget), and with none left the call throws HARK_ERR_LLM_BUDGET_REACHED.
   */
  withBudget(budget: TurnBudget): LlmGateway {
    return new LlmGateway(this.settings, { breakers: this.breakers, budget });
  }

  /** The circuit state per model, for /readyz-style introspection and tests. */
  circuitStates(): Record<string, string> {
    return Object.fromEntries([...this.breakers].map(([model, breaker]) => [model, breaker.status]));
  }

  async complete(
    request: ChatRequest,
    signal: AbortSignal,
    onText: (text: string) => void,
  ): Promise<ModelAnswer> {
    let lastFailure: LlmFailure | undefined;
    let streamed = false;
    const relay = (text: string) => {
      streamed = true;
      onText(text);
    };
    const budget = this.budget;
    const models = budget ? await budget.modelsToTry(this.settings.models, request) : this.settings.models;
    let fitted = false;
    let tooDear = false;
    for (const model of models) {
      const breaker = this.breakers.get(model);
      const hold = budget ? await budget.reserve(model, request) : null;
      if (budget && !hold) {
        tooDear = true;
        continue;
      }
      fitted = true;
      if (!breaker?.tryAcquire()) {
        if (budget && hold) await budget.settle(hold, 'nothing');
        continue;
      }
      // Another model than the plan's, because of the budget (not because the first one failed).
      if (budget && model !== this.settings.models[0] && (tooDear || budget.step === 'step-down'))
        budget.steppedDown();
      try {
        const answer = await streamModelAnswer(this.settings, model, request, signal, relay);
        breaker.succeeded();
        if (budget && hold) await budget.settle(hold, { answer, request });
        return answer;
      } catch (error) {
        const failure = error as LlmFailure;
        // Refused upstream before answering: not billed. Cut off mid-answer (or hung up on): it may
        // have been, so the worst case stays spent.
        if (budget && hold)
          await budget.settle(hold, streamed || failure.kind === 'aborted' ? 'worst' : 'nothing');
        if (failure.upstreamFault) breaker.failed();
        else breaker.released();
        if (failure.kind !== 'aborted') this.settings.onModelFailure?.(model, failure);
        lastFailure = failure;
        if (!failure.tryNextModel || streamed) throw failure;
      }
    }
    if (budget && !fitted) throw budget.paused();
    throw lastFailure ?? circuitOpen(this.soonestRetryMs());
  }

  private soonestRetryMs(): number {
    return Math.min(...[...this.breakers.values()].map((breaker) => breaker.retryAfterMs()));
  }
}
