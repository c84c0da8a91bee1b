import { intentNames, intentSlotSchemas } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { recognize } from './index.js';
import { utterances } from './utterances.fixture.js';

const label = (row: (typeof utterances)[number]) =>
  row.context ? `${row.text} @ ${row.context.now}` : row.text;

describe('utterance table', () => {
  it.each(utterances.map((row) => [label(row), row] as const))('%s', (_, row) => {
    const { intent } = recognize(row.text, row.context);
    if (row.intent === null) {
      expect(intent).toBeNull();
      return;
    }
    expect(intent?.name).toBe(row.intent);
    expect(intent?.slots).toEqual(row.slots ?? {});
  });

  it('produces only slots that the catalogue schemas accept, unchanged', () => {
    for (const row of utterances) {
      const { intent, alternatives } = recognize(row.text, row.context);
      for (const match of intent ? [intent, ...alternatives] : alternatives) {
        const parsed = intentSlotSchemas[match.name].safeParse(match.slots);
        expect(parsed.success, `${row.text} -> ${match.name} ${JSON.stringify(match.slots)}`).toBe(true);
        // zod strips unknown keys: equality proves no slot outside the schema was emitted.
        expect(parsed.data).toEqual(match.slots);
      }
    }
  });

  it('covers every intent of the catalogue', () => {
    const covered = new Set(utterances.map((row) => row.intent));
    expect(intentNames.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('has at least 300 rows, 40 of them negatives', () => {
    expect(utterances.length).toBeGreaterThanOrEqual(300);
    expect(utterances.filter((row) => row.intent === null).length).toBeGreaterThanOrEqual(40);
  });

  it('has no duplicate rows', () => {
    const keys = utterances.map(label);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
