import { describe, expect, it } from 'vitest';
import { canonicalListName, commonListSpans, DEFAULT_LIST } from './list-names.js';

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

  it('offers the common list names a household keeps, canonicalised, longest first', () => {
    expect(commonListSpans(['grocery', 'shopping', 'list'], 0)).toEqual([
      { end: 2, value: 'shopping' },
      { end: 1, value: 'shopping' },
    ]);
    expect(commonListSpans(['to', 'do', 'list'], 0)).toEqual([{ end: 2, value: 'to do' }]);
    expect(commonListSpans(['presidents', 'list'], 0)).toEqual([]);
  });
});
