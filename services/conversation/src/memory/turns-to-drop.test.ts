import { describe, expect, it } from 'vitest';
import { turnsToDrop } from './conversation-memory.js';

describe('turnsToDrop', () => {
  it.each([
    [[], 100, 0],
    [[30, 30, 30], 100, 0],
    [[30, 30, 30, 30], 100, 1],
    [[90, 5, 5], 50, 1],
    [[10, 10, 500], 100, 2], // the newest turn stays even when it alone is over budget
  ])('%j within %i tokens drops %i', (tokens, budget, dropped) => {
    expect(turnsToDrop(tokens, budget)).toBe(dropped);
  });
});
