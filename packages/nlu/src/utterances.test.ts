import { intentNames, intentSlotSchemas } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { recognizeTemplates as recognize, recognizeWith } from './recognizer.js';
import { type UtteranceCase, utterances } from './utterances.fixture.js';

const label = (row: UtteranceCase) => (row.context ? `${row.text} @ ${row.context.now}` : row.text);

const negatives = utterances.filter((row) => row.intent === null);

/** Whether `recognize` (or a variant) gives exactly the row's intent and slots. */
function isRight(
  row: UtteranceCase,
  recognizeRow = (r: UtteranceCase) => recognize(r.text, r.context),
): boolean {
  const { intent } = recognizeRow(row);
  if (row.intent === null) return intent === null;
  return (
    intent?.name === row.intent &&
    JSON.stringify(sorted(intent.slots)) === JSON.stringify(sorted(row.slots ?? {}))
  );
}

const sorted = (slots: object) =>
  Object.fromEntries(Object.entries(slots).sort(([a], [b]) => a.localeCompare(b)));

const withoutSttRepairs = (row: UtteranceCase) =>
  recognizeWith(row.text, row.context ?? {}, { sttRepairs: false });

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

  it('has at least 800 rows, 100 of them negatives', () => {
    expect(utterances.length).toBeGreaterThanOrEqual(800);
    expect(negatives.length).toBeGreaterThanOrEqual(100);
  });

  it('has no duplicate rows', () => {
    const keys = utterances.map(label);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});

describe('speech-to-text repairs', () => {
  const marked = utterances.filter((row) => row.sttSlip);

  it('match nothing among the negatives, with or without repairs', () => {
    const falseMatches = (recognizeRow?: (row: UtteranceCase) => ReturnType<typeof recognize>) =>
      negatives.filter((row) => !isRight(row, recognizeRow)).map(label);
    expect(falseMatches()).toEqual([]);
    expect(falseMatches(withoutSttRepairs)).toEqual([]);
  });

  it('are what makes every marked row right, and only those', () => {
    const fixedByRepairs = utterances.filter((row) => isRight(row) && !isRight(row, withoutSttRepairs));
    expect(fixedByRepairs.map(label)).toEqual(marked.map(label));
    expect(marked.length).toBeGreaterThanOrEqual(15);
  });

  it('change no other row', () => {
    const changed = utterances.filter(
      (row) =>
        !row.sttSlip &&
        JSON.stringify(recognize(row.text, row.context)) !== JSON.stringify(withoutSttRepairs(row)),
    );
    expect(changed.map(label)).toEqual([]);
  });
});
