import { type Clock, createNodeHttpFetch, type HarkConfig } from '@hark/core';
import type { FastifyBaseLogger } from 'fastify';
import OpenAI from 'openai';
import { LlmGateway } from './llm-gateway.js';

/** Local servers (Ollama, vLLM, llama.cpp) take any key; the SDK insists on one. */
const KEYLESS = 'no-key';

export interface GatewayWiring {
  clock: Clock;
  log: FastifyBaseLogger;
  /** The transport for the LLM API (tests, a proxy); node:http with kept-alive connections otherwise. */
  fetch?: typeof fetch;
}

export function createLlmGateway(config: HarkConfig, wiring: GatewayWiring): LlmGateway {
  if (!config.LLM_API_KEY && new URL(config.LLM_BASE_URL).hostname === 'api.openai.com') {
    wiring.log.warn('LLM_API_KEY is not set: OpenAI will refuse every turn (HARK_ERR_LLM_UNAVAILABLE)');
  }
  const client = new OpenAI({
    apiKey: config.LLM_API_KEY ?? KEYLESS,
    baseURL: config.LLM_BASE_URL,
    maxRetries: config.LLM_MAX_RETRIES,
    // Never the SDK's 10-minute default on a voice path; the turn's own timers usually fire first.
    timeout: config.LLM_TOTAL_TIMEOUT_MS,
    fetch: wiring.fetch ?? createNodeHttpFetch(),
  });
  return new LlmGateway({
    client,
    models: [config.LLM_MODEL, ...config.LLM_FALLBACK_MODELS],
    firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
    totalTimeoutMs: config.LLM_TOTAL_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    breakerFailures: config.LLM_BREAKER_FAILURES,
    breakerCooldownMs: config.LLM_BREAKER_COOLDOWN_MS,
    clock: wiring.clock,
    onModelFailure: (model, failure) =>
      wiring.log.warn({ model, kind: failure.kind, reason: failure.reason }, 'LLM call failed'),
  });
}
