import type { Clock } from '@hark/core';
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
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly settings: LlmGatewaySettings) {
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
    for (const [model, breaker] of this.breakers) {
      if (!breaker.tryAcquire()) continue;
      try {
        const answer = await streamModelAnswer(this.settings, model, request, signal, relay);
        breaker.succeeded();
        return answer;
      } catch (error) {
        const failure = error as LlmFailure;
        if (failure.upstreamFault) breaker.failed();
        else breaker.released();
        if (failure.kind !== 'aborted') this.settings.onModelFailure?.(model, failure);
        lastFailure = failure;
        if (!failure.tryNextModel || streamed) throw failure;
      }
    }
    throw lastFailure ?? circuitOpen(this.soonestRetryMs());
  }

  private soonestRetryMs(): number {
    return Math.min(...[...this.breakers.values()].map((breaker) => breaker.retryAfterMs()));
  }
}
