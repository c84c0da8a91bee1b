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

  it('keeps things that are not places out of locations', () => {
    expect(parseFreeText('the movie dune', 'location')).toBeNull();
    expect(parseFreeText('the oven', 'location')).toBeNull();
    expect(parseFreeText('my house', 'location')).toBeNull();
    expect(parseFreeText('the bahamas', 'location')).toBe('the bahamas');
  });

  it('keeps words that describe the weather out of a place said before it', () => {
    expect(parseFreeText('los angeles', 'location_before')).toBe('los angeles');
    expect(parseFreeText('nice', 'location_before')).toBeNull();
    expect(parseFreeText('nice', 'location')).toBe('nice');
  });

  it('keeps people out of list items and alarm devices out of labels', () => {
    expect(parseFreeText('me', 'item')).toBeNull();
    expect(parseFreeText('my name', 'item')).toBe('my name');
    expect(parseFreeText('car', 'label')).toBeNull();
    expect(parseFreeText('smoke', 'label')).toBeNull();
    expect(parseFreeText('morning', 'label')).toBe('morning');
    expect(parseFreeText('tomorrow', 'label')).toBeNull();
  });

  it("keeps other systems' lists out of list names", () => {
    expect(parseFreeText('waiting', 'list')).toBeNull();
    expect(parseFreeText('best seller', 'list')).toBeNull();
    expect(parseFreeText('camping', 'list')).toBe('camping');
  });

  it('keeps questions and bare times out of reminder text', () => {
    expect(parseFreeText('why i came in here', 'text')).toBeNull();
    expect(parseFreeText('in 10 minutes', 'text')).toBeNull();
    expect(parseFreeText('tomorrow', 'text')).toBeNull();
    expect(parseFreeText('5 pm', 'text')).toBeNull();
    expect(parseFreeText('call mom', 'text')).toBe('call mom');
  });
});
