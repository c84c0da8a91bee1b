import { describe, expect, it } from 'vitest';
import { analyze } from '../normalize.js';
import { joinListItems } from './list-items.js';

/** The items of a whole utterance, as the list slot would carry them. */
const itemsOf = (text: string) => {
  const utterance = analyze(text);
  return joinListItems(utterance, 0, utterance.tokens.length);
};

describe('joinListItems', () => {
  it.each([
    ['eggs', 'eggs'],
    ['olive oil', 'olive oil'],
    ['eggs, milk and bread', 'eggs, milk, bread'],
    ['eggs, milk, and bread', 'eggs, milk, bread'],
    ['eggs and milk', 'eggs, milk'],
    ['toothpaste; shampoo; soap', 'toothpaste, shampoo, soap'],
    ['2 dozen eggs, a bag of flour', '2 dozen eggs, a bag of flour'],
    ['eggs bread and cheese', 'eggs bread, cheese'],
  ])('%j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  it('joins only the captured span', () => {
    const utterance = analyze('add eggs, milk and bread to my list');
    expect(joinListItems(utterance, 1, 5)).toBe('eggs, milk, bread');
    expect(joinListItems(utterance, 1, 2)).toBe('eggs');
  });
});
