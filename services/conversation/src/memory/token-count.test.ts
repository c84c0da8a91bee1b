import { describe, expect, it } from 'vitest';
import { estimateTokenCount, tokenCounterFor } from './token-count.js';

describe('tokenCounterFor', () => {
  // "Bonjour" is one o200k token, two cl100k ones; the estimate says two (7 characters / 4).
  it.each([
    ['gpt-4o-mini', 'o200k'],
    ['gpt-4o-2024-08-06', 'o200k'],
    ['gpt-4.1-nano', 'o200k'],
    ['gpt-4-turbo', 'cl100k'],
    ['gpt-3.5-turbo', 'cl100k'],
    ['llama3.1:8b', 'estimate'],
  ])('counts %s with %s', (model, kind) => {
    const counter = tokenCounterFor(model);
    if (kind === 'estimate') expect(counter).toBe(estimateTokenCount);
    else expect(counter).not.toBe(estimateTokenCount);
  });

  it('counts real tokens: CJK text is far more tokens than characters / 4', () => {
    const text = '今日は東京で雨が降るでしょうか。傘を持って行くべきですか。'.repeat(4);
    const real = tokenCounterFor('gpt-4o')(text);
    expect(real).toBeGreaterThan(2 * estimateTokenCount(text));
    expect(tokenCounterFor('gpt-4o')('Bonjour')).toBe(1);
    expect(tokenCounterFor('gpt-4')('hello world')).toBe(2);
  });
});
