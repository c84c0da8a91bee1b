import { intentNames } from '@hark/contracts';
import { normalize } from '@hark/nlu';
import { describe, expect, it } from 'vitest';
import { loadSplits, readFolder } from '../../packages/nlu/training/dataset.js';

/** The written data keeps its promises: enough of it, every intent in it, and test apart from train. */
describe('packages/nlu/data', () => {
  const splits = loadSplits();
  const all = [...splits.train, ...splits.dev, ...splits.test];

  it('has at least 5,000 in-scope and 3,000 out-of-scope utterances', () => {
    expect(all.filter((example) => example.label !== 'none').length).toBeGreaterThanOrEqual(5_000);
    expect(all.filter((example) => example.label === 'none').length).toBeGreaterThanOrEqual(3_000);
  });

  it('has every intent of the catalogue in train, dev and test', () => {
    for (const split of [splits.train, splits.dev, splits.test]) {
      const labels = new Set(split.map((example) => example.label));
      expect(intentNames.filter((name) => !labels.has(name))).toEqual([]);
    }
  });

  it('never lets a test utterance into train or dev, even written differently', () => {
    const testTexts = new Set(splits.test.map((example) => normalize(example.text)));
    const leaked = [...splits.train, ...splits.dev].filter((example) =>
      testTexts.has(normalize(example.text)),
    );
    expect(leaked).toEqual([]);
  });

  it('keeps dev out of train', () => {
    const devTexts = new Set(splits.dev.map((example) => normalize(example.text)));
    expect(splits.train.filter((example) => devTexts.has(normalize(example.text)))).toEqual([]);
  });

  it('labels each written text one way only', () => {
    const labelOf = new Map<string, string>();
    const conflicts: string[] = [];
    for (const example of [...readFolder('train'), ...readFolder('test')]) {
      const key = normalize(example.text);
      const seen = labelOf.get(key);
      if (seen !== undefined && seen !== example.label)
        conflicts.push(`${example.source}: ${seen} vs ${example.label}`);
      labelOf.set(key, example.label);
    }
    expect(conflicts).toEqual([]);
  });
});
