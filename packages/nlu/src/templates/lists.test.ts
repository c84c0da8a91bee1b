import { describe, expect, it } from 'vitest';
import { canonicalListName, DEFAULT_LIST } from './lists.js';

describe('canonicalListName', () => {
  it('defaults to the shopping list', () => {
    expect(canonicalListName(undefined)).toBe(DEFAULT_LIST);
    expect(DEFAULT_LIST).toBe('shopping');
  });

  it('merges names for the same list and keeps others as said', () => {
    expect(canonicalListName('grocery')).toBe('shopping');
    expect(canonicalListName('groceries')).toBe('shopping');
    expect(canonicalListName('tasks')).toBe('to do');
    expect(canonicalListName('to do')).toBe('to do');
    expect(canonicalListName('packing')).toBe('packing');
  });
});
