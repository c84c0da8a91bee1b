import { HarkError } from '@hark/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/** Why a turn's AbortController fired: the cause decides the error the caller sees. */
export class TurnAbort extends Error {
  constructor(readonly why: 'first-token' | 'total' | 'client') {
    super(`turn aborted: ${why}`);
    this.name = 'TurnAbort';
  }
}

export type FailureKind = 'timeout' | 'unavailable' | 'rejected' | 'aborted' | 'circuit-open';

interface FailureOptions {
  /** Another model may answer instead (429, 5xx, timeouts, connection trouble, unknown model). */
  tryNextModel: boolean;
  /** Says something about the upstream's health, so it counts towards opening the circuit. */
  upstreamFault: boolean;
  cause?: unknown;
  /** For an open circuit: when a call may go out again. */
  retryAfterMs?: number;
}

/** One failed model call, classified once so fallback, breaker and the client's error agree. */
export class LlmFailure extends Error {
  readonly tryNextModel: boolean;
  readonly upstreamFault: boolean;
  readonly retryAfterMs: number;

  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
    options: FailureOptions,
  ) {
    super(reason, { cause: options.cause });
    this.name = 'LlmFailure';
    this.tryNextModel = options.tryNextModel;
    this.upstreamFault = options.upstreamFault;
    this.retryAfterMs = options.retryAfterMs ?? 0;
  }

  toHarkError(): HarkError {
    if (this.kind === 'timeout') return new HarkError('LLM_TIMEOUT', { reason: this.reason });
    if (this.kind === 'circuit-open') {
      return new HarkError('LLM_CIRCUIT_OPEN', {
        retryAfterSeconds: Math.max(1, Math.ceil(this.retryAfterMs / 1000)),
      });
    }
    return new HarkError('LLM_UNAVAILABLE', { reason: this.reason });
  }
}

/** Every model's circuit is open: fail at once, without calling anyone. */
export const circuitOpen = (retryAfterMs: number) =>
  new LlmFailure('circuit-open', 'circuit open', { tryNextModel: false, upstreamFault: false, retryAfterMs });

const upstreamTrouble = (reason: string, cause?: unknown) =>
  new LlmFailure('unavailable', reason, { tryNextModel: true, upstreamFault: true, cause });

function fromAbort(abort: TurnAbort, settings: { firstTokenTimeoutMs: number; totalTimeoutMs: number }) {
  if (abort.why === 'client') {
    return new LlmFailure('aborted', 'the client went away', { tryNextModel: false, upstreamFault: false });
  }
  if (abort.why === 'first-token') {
    return new LlmFailure('timeout', `no first token within ${settings.firstTokenTimeoutMs} ms`, {
      tryNextModel: true,
      upstreamFault: true,
    });
  }
  return new LlmFailure('timeout', `no complete answer within ${settings.totalTimeoutMs} ms`, {
    tryNextModel: false,
    upstreamFault: true,
  });
}

function fromStatus(error: APIError): LlmFailure {
  const status = error.status ?? 0;
  if (status === 429) return upstreamTrouble('rate limited (429)', error);
  if (status === 408 || status >= 500) return upstreamTrouble(`upstream error ${status}`, error);
  if (status === 404) return upstreamTrouble('model not found (404)', error);
  // 400/401/403/422: our request or our credentials; another model would be refused alike.
  return new LlmFailure('rejected', `upstream refused the request (${status})`, {
    tryNextModel: false,
    upstreamFault: false,
    cause: error,
  });
}

/** Maps whatever a model call threw onto one LlmFailure; `signal` is the call's own. */
export function classifyFailure(
  error: unknown,
  signal: AbortSignal,
  settings: { firstTokenTimeoutMs: number; totalTimeoutMs: number },
): LlmFailure {
  if (error instanceof LlmFailure) return error;
  if (signal.aborted && signal.reason instanceof TurnAbort) return fromAbort(signal.reason, settings);
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmFailure('timeout', 'the connection timed out', { tryNextModel: true, upstreamFault: true });
  }
  if (error instanceof APIConnectionError) return upstreamTrouble('could not connect', error);
  if (error instanceof APIError && error.status !== undefined) return fromStatus(error);
  // A stream cut mid-way surfaces as undici's "terminated" TypeError, or an error event in the stream.
  return upstreamTrouble('the stream broke off', error);
}
