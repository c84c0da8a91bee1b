import type { LlmPriceTable } from '@hark/core';

/**
 * USD per 1M input, output and cached input tokens of well-known hosted models (OpenAI's list
 * prices, 2025; cached input is what prompt caching charges for a prompt's repeated beginning). LLM_PRICES
 * adds models or overrides these; a model in neither table costs 0 (a self-hosted one, say).
 */
export const DEFAULT_LLM_PRICES: LlmPriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
};

export interface TokenCounts {
  /** All input tokens, cached ones included (as the API's usage.prompt_tokens counts them). */
  promptTokens: number;
  completionTokens: number;
  /** Of promptTokens, those served from the prompt cache (usage.prompt_tokens_details.cached_tokens). */
  cachedTokens?: number;
}

export class PriceList {
  private readonly table: LlmPriceTable;
  /** Longest names first, so "gpt-4o-mini-2024-07-18" is priced as gpt-4o-mini, not gpt-4o. */
  private readonly names: string[];

  constructor(overrides: LlmPriceTable) {
    this.table = { ...DEFAULT_LLM_PRICES, ...overrides };
    this.names = Object.keys(this.table).sort((a, b) => b.length - a.length);
  }

  /** True when the model (or a dated snapshot of it) has a price. */
  knows(model: string): boolean {
    return this.priceOf(model) !== undefined;
  }

  /**
   * Cost in micro-USD, an integer so Redis can add it up exactly: USD per 1M tokens times
   * tokens is micro-USD directly. Cached input tokens are charged at the cached price (the input
   * price for a model without one); the rest of the input at the input price.
   */
  costMicroUsd(model: string, tokens: TokenCounts): number {
    const price = this.priceOf(model);
    if (!price) return 0;
    const cached = Math.min(tokens.cachedTokens ?? 0, tokens.promptTokens);
    return Math.round(
      (tokens.promptTokens - cached) * price.input +
        cached * (price.cachedInput ?? price.input) +
        tokens.completionTokens * price.output,
    );
  }

  private priceOf(model: string) {
    const exact = this.table[model];
    if (exact) return exact;
    const snapshotOf = this.names.find((name) => model.startsWith(`${name}-`));
    return snapshotOf ? this.table[snapshotOf] : undefined;
  }
}
