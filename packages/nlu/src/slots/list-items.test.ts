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
  ])('separated: %j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  // Speech-to-text writes no commas: the items are heard from what they are.
  it.each([
    ['milk eggs and bread', 'milk, eggs, bread'],
    ['eggs bread and cheese', 'eggs, bread, cheese'],
    ['tomatoes onions and garlic', 'tomatoes, onions, garlic'],
    ['apples bananas grapes', 'apples, bananas, grapes'],
    ['milk also eggs plus bread', 'milk, eggs, bread'],
  ])('known items: %j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  it.each([
    ['peanut butter jelly and bread', 'peanut butter, jelly, bread'],
    ['paper towels olive oil ice cream', 'paper towels, olive oil, ice cream'],
    ['orange juice milk', 'orange juice, milk'],
    ['cream cheese bagels', 'cream cheese, bagels'],
    ['toilet paper dish soap and trash bags', 'toilet paper, dish soap, trash bags'],
    ['strawberry jam vanilla ice cream', 'strawberry jam, vanilla ice cream'],
    ['banana bread milk', 'banana bread, milk'],
    // Only an item's last word takes a plural: bananas are no flavour.
    ['bananas milk', 'bananas, milk'],
  ])('items of several words stay whole: %j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  it.each([
    ['two dozen eggs milk', 'two dozen eggs, milk'],
    ['milk two dozen eggs', 'milk, two dozen eggs'],
    ['6 apples 3 bananas', '6 apples, 3 bananas'],
    ['bread a bag of oranges', 'bread, a bag of oranges'],
    ['milk 2 boxes of kleenex', 'milk, 2 boxes of kleenex'],
    ['two and a half pounds of ground beef and milk', 'two and a half pounds of ground beef, milk'],
    ['6 organic apples milk', '6 organic apples, milk'],
    ['some apples', 'some apples'],
  ])('numbers stay with their item: %j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  it.each([
    ['organic milk eggs', 'organic milk, eggs'],
    ['coffee filters milk', 'coffee filters, milk'],
    ['pasta with tomato sauce bread', 'pasta with tomato sauce, bread'],
    ['bread for the party', 'bread for the party'],
    ['the milk', 'the milk'],
    ['kitchen roll batteries', 'kitchen roll, batteries'],
  ])('other words join the item they belong to: %j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  it.each([
    ['call bob', 'call bob'],
    ['go to the gym', 'go to the gym'],
    ['pick up dry cleaning', 'pick up dry cleaning'],
    ['buy milk', 'buy milk'],
    ['a phone charger', 'a phone charger'],
    ['book dentist appointment', 'book dentist appointment'],
  ])('to-dos and unknown things stay one item: %j -> %j', (text, items) => {
    expect(itemsOf(text)).toBe(items);
  });

  it('joins only the captured span', () => {
    const utterance = analyze('add eggs, milk and bread to my list');
    expect(joinListItems(utterance, 1, 5)).toBe('eggs, milk, bread');
    expect(joinListItems(utterance, 1, 2)).toBe('eggs');
  });
});
