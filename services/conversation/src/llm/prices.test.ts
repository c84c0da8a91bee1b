import { describe, expect, it } from 'vitest';
import { PriceList } from './prices.js';

describe('PriceList', () => {
  const prices = new PriceList({
    'llama3.1:8b': { input: 0, output: 0 },
    'gpt-4o': { input: 3, output: 12 },
  });

  it('prices in micro-USD from USD per 1M tokens, with overrides winning over the defaults', () => {
    expect(prices.costMicroUsd('gpt-4o-mini', { promptTokens: 1_000, completionTokens: 200 })).toBe(270);
    expect(prices.costMicroUsd('gpt-4o', { promptTokens: 1_000, completionTokens: 100 })).toBe(4_200);
    expect(prices.costMicroUsd('llama3.1:8b', { promptTokens: 5_000, completionTokens: 500 })).toBe(0);
  });

  it('charges cached input tokens at the cached price, and at the input price where none is known', () => {
    // gpt-4o-mini: 800 uncached x 0.15 + 1,200 cached x 0.075 + 100 x 0.6 = 120 + 90 + 60.
    expect(
      prices.costMicroUsd('gpt-4o-mini', { promptTokens: 2_000, cachedTokens: 1_200, completionTokens: 100 }),
    ).toBe(270);
    // gpt-4.1-mini: 1,024 cached x 0.1 + 976 x 0.4 = 102.4 + 390.4.
    expect(
      prices.costMicroUsd('gpt-4.1-mini', { promptTokens: 2_000, cachedTokens: 1_024, completionTokens: 0 }),
    ).toBe(493);
    // The override of gpt-4o names no cached price: all input at 3.
    expect(
      prices.costMicroUsd('gpt-4o', { promptTokens: 1_000, cachedTokens: 1_000, completionTokens: 0 }),
    ).toBe(3_000);
    // More cached than sent (a confused server) is never cheaper than all cached.
    expect(
      prices.costMicroUsd('gpt-4o-mini', { promptTokens: 100, cachedTokens: 500, completionTokens: 0 }),
    ).toBe(8);
  });

  it('prices dated snapshots like their model, and unknown models as free', () => {
    expect(
      prices.costMicroUsd('gpt-4o-mini-2024-07-18', { promptTokens: 1_000_000, completionTokens: 0 }),
    ).toBe(150_000);
    expect(prices.knows('gpt-4o-2024-11-20')).toBe(true);
    expect(prices.knows('mistral')).toBe(false);
    expect(prices.costMicroUsd('mistral', { promptTokens: 1_000, completionTokens: 1_000 })).toBe(0);
  });
});
