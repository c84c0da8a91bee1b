import { describe, expect, it } from 'vitest';
import {
  canonicalListName,
  itemKey,
  itemProblem,
  joinWords,
  listNameProblem,
  mergeDuplicates,
  splitSpokenItems,
  spokenItems,
  spokenListName,
} from './list-items.js';

describe('splitSpokenItems', () => {
  it.each([
    ['eggs, milk and bread', ['eggs', 'milk', 'bread']],
    ['eggs, milk, and bread', ['eggs', 'milk', 'bread']],
    ['eggs,milk,bread', ['eggs', 'milk', 'bread']],
    ['salt and pepper', ['salt', 'pepper']],
    ['eggs milk and bread', ['eggs milk', 'bread']],
    ['bread & butter', ['bread', 'butter']],
    ['some milk', ['milk']],
    ['  olive   oil ', ['olive oil']],
    ['a dozen eggs', ['a dozen eggs']],
    ['call mom', ['call mom']],
    ['sandy beaches, sand and sun', ['sandy beaches', 'sand', 'sun']],
    ['', []],
  ])('"%s" -> %j', (said, items) => {
    expect(splitSpokenItems(said)).toEqual(items);
  });
});

describe('duplicates', () => {
  it('are the same item whatever the case or spacing; the first spelling wins', () => {
    expect(mergeDuplicates(['Milk', 'eggs', 'milk', 'EGGS ', 'bread'])).toEqual(['Milk', 'eggs', 'bread']);
    expect(itemKey('  Olive  Oil')).toBe('olive oil');
    expect(itemKey('some Milk')).toBe(itemKey('milk'));
  });
});

describe('validation', () => {
  it('refuses empty, reserved and overlong items', () => {
    expect(itemProblem('milk')).toBeNull();
    expect(itemProblem('   ')).toMatch(/empty/);
    expect(itemProblem('*')).toMatch(/reserved/);
    expect(itemProblem('x'.repeat(101))).toMatch(/100 characters/);
  });

  it('canonicalises and checks list names', () => {
    expect(canonicalListName('  To Do  List')).toBe('to do');
    expect(canonicalListName('Wish list')).toBe('wish');
    expect(canonicalListName('list')).toBe('list');
    expect(listNameProblem(canonicalListName("kid's packing"))).toBeNull();
    expect(listNameProblem('')).toMatch(/empty/);
    expect(listNameProblem('a'.repeat(41))).toMatch(/40 characters/);
    expect(listNameProblem('shopping/../admin')).toMatch(/letters/);
    expect(listNameProblem('-dash')).toMatch(/letters/);
  });

  it('reads a list name out of a spoken answer', () => {
    expect(spokenListName('camping')).toBe('camping');
    expect(spokenListName('call it the Camping list')).toBe('camping');
    expect(spokenListName('my to do list')).toBe('to do');
    expect(spokenListName('named birthday gifts')).toBe('birthday gifts');
  });
});

describe('reading lists', () => {
  it('joins with commas and a final "and"', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['eggs'])).toBe('eggs');
    expect(joinWords(['eggs', 'milk'])).toBe('eggs and milk');
    expect(joinWords(['eggs', 'milk', 'bread'])).toBe('eggs, milk and bread');
  });

  it('reads long lists in part', () => {
    const items = Array.from({ length: 13 }, (_, i) => `item ${i + 1}`);
    expect(spokenItems(items)).toBe(
      'item 1, item 2, item 3, item 4, item 5, item 6, item 7, item 8, item 9, item 10 and 3 more',
    );
  });
});
