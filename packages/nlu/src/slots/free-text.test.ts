import { describe, expect, it } from 'vitest';
import { FREE_TEXT_KINDS, freeTextSpans, parseFreeText } from './free-text.js';

describe('free-text captures', () => {
  it('accepts plain phrases within the kind length', () => {
    expect(parseFreeText('soft boiled eggs', 'name')).toBe('soft boiled eggs');
    expect(parseFreeText('call the plumber about the leak', 'text')).toBe('call the plumber about the leak');
    expect(parseFreeText('new york city', 'location')).toBe('new york city');
    expect(parseFreeText('to do', 'list')).toBe('to do');
  });

  it('enforces each kind length cap', () => {
    expect(parseFreeText('one two three four five', 'name')).toBeNull();
    expect(parseFreeText('a very long list name', 'list')).toBeNull();
  });

  it('never starts or ends on a joining word', () => {
    expect(parseFreeText('eggs and', 'item')).toBeNull();
    expect(parseFreeText('and eggs', 'item')).toBeNull();
    expect(parseFreeText('to the pasta', 'name')).toBeNull();
    expect(parseFreeText('pasta the', 'name')).toBeNull();
  });

  it('keeps words of other slots out', () => {
    expect(parseFreeText('pasta timer', 'name')).toBeNull();
    expect(parseFreeText('10', 'name')).toBeNull();
    expect(parseFreeText('shopping list', 'list')).toBeNull();
    expect(parseFreeText('paris tomorrow', 'location')).toBeNull();
    expect(parseFreeText('gym alarm', 'label')).toBeNull();
  });

  it('keeps reminder text from hiding its time', () => {
    expect(parseFreeText('call mom at 5 pm', 'text')).toBeNull();
    expect(parseFreeText('call mom in 10 minutes', 'text')).toBeNull();
    expect(parseFreeText('call mom tomorrow', 'text')).toBeNull();
    expect(parseFreeText('call mom on friday', 'text')).toBeNull();
    expect(parseFreeText('look at the photos', 'text')).toBe('look at the photos');
    expect(parseFreeText('call mom at 5 pm', 'topic')).toBe('call mom at 5 pm');
  });

  it('rejects locations with pronouns or verbs', () => {
    expect(parseFreeText('here', 'location')).toBeNull();
    expect(parseFreeText('paris is nice', 'location')).toBeNull();
  });

  it('rejects places that are not on Earth', () => {
    expect(parseFreeText('mars', 'location')).toBeNull();
    expect(parseFreeText('the moon', 'location')).toBeNull();
    expect(parseFreeText('outer space', 'location')).toBeNull();
  });

  it('offers captures shortest first, bounded by the tokens after them', () => {
    const tokens = ['call', 'bob', 'to', 'my', 'list'];
    expect(freeTextSpans(tokens, 0, FREE_TEXT_KINDS.item).map((span) => span.value)).toEqual([
      'call',
      'call bob',
    ]);
  });
});
