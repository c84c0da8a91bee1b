import { describe, expect, it } from 'vitest';
import { MatchRun } from './matcher.js';
import { compileTemplate, requiredClauses } from './template-compiler.js';
import { parseTemplate } from './template-parser.js';
import type { IntentDefinition } from './template-types.js';

const definition: IntentDefinition = { intent: 'timer.start', templates: [] };
const rules = { set: '(set|start)', article: '[a|an]' };

function matchOne(template: string, utterance: string) {
  const compiled = compileTemplate(template, definition, rules, 0);
  return new MatchRun({ tokens: utterance.split(' '), breaks: new Set() }, {}).match(compiled);
}

describe('template parser', () => {
  it('parses words, alternatives, optionals, slots and rules', () => {
    expect(parseTemplate('<set> [the] {duration:duration_seconds} (timer|clock)', rules)).toEqual({
      type: 'sequence',
      items: [
        {
          type: 'alternatives',
          options: [
            { type: 'word', word: 'set' },
            { type: 'word', word: 'start' },
          ],
        },
        { type: 'optional', item: { type: 'word', word: 'the' } },
        { type: 'slot', kind: 'duration', slot: 'duration_seconds' },
        {
          type: 'alternatives',
          options: [
            { type: 'word', word: 'timer' },
            { type: 'word', word: 'clock' },
          ],
        },
      ],
    });
  });

  it("normalises literal words like utterances (what's -> what is)", () => {
    expect(parseTemplate("what's")).toEqual({
      type: 'sequence',
      items: [
        { type: 'word', word: 'what' },
        { type: 'word', word: 'is' },
      ],
    });
  });

  it('defaults the slot name to the kind', () => {
    expect(parseTemplate('{name}')).toEqual({ type: 'slot', kind: 'name', slot: 'name' });
  });

  it.each(['(a|b', '[a', 'a)', '<missing>', '{}'])('rejects malformed %j', (template) => {
    expect(() => parseTemplate(template, rules)).toThrow(/template/);
  });

  it('rejects rules that refer to themselves', () => {
    expect(() => parseTemplate('<loop>', { loop: 'a <loop>' })).toThrow(/refers to itself/);
  });
});

describe('required clauses', () => {
  it('collects words every match needs, with alternatives as one clause', () => {
    const tree = parseTemplate('<set> [a] timer (for|of) {duration}', rules);
    expect(requiredClauses(tree)).toEqual([['set', 'start'], ['timer'], ['for', 'of']]);
  });

  it('needs nothing from optional parts or from alternatives with an empty option', () => {
    expect(requiredClauses(parseTemplate('[the] (timer|{name})'))).toEqual([]);
  });
});

describe('compiled matching', () => {
  it('must consume every token', () => {
    expect(matchOne('<set> <article> timer', 'set a timer')).not.toBeNull();
    expect(matchOne('<set> <article> timer', 'set a timer now')).toBeNull();
    expect(matchOne('<set> <article> timer', 'set a')).toBeNull();
  });

  it('fills typed slots with parsed values', () => {
    expect(matchOne('timer for {duration:duration_seconds}', 'timer for 2 minutes')?.slots).toEqual({
      duration_seconds: 120,
    });
  });

  it('prefers the reading with more literal words', () => {
    // "the" can be the optional literal or part of the name; the literal reading wins.
    expect(matchOne('cancel [the] {name} timer', 'cancel the pasta timer')?.slots).toEqual({ name: 'pasta' });
  });

  it('weighs literal words above typed slots above free text', () => {
    const typed = matchOne('cancel [the] {duration:original_seconds} timer', 'cancel the 10 minute timer');
    const free = matchOne('cancel [the] {label} timer', 'cancel the 10 minute timer');
    expect(typed?.weight).toBe(10 * 3 + 9 * 2);
    expect(free?.weight).toBe(10 * 3 + 6 * 2);
    expect(free?.slots).toEqual({ label: '10 minute' });
  });
});
