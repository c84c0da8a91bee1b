/**
 * `npm run nlu:eval`: scores the shipped recogniser (templates, then the bundled model) on
 * the train and dev splits and prints markdown tables for docs/NLU.md. The test split is
 * scored only with `-- --test`, once, when tuning is over; its misses are never listed, so
 * that nobody tunes on them. `-- --misses train|dev` lists what a split got wrong.
 */

import { normalize } from '../src/normalize.js';
import { recognize } from '../src/recognizer.js';
import { fixtureExamples, loadSplits } from './dataset.js';
import { perIntentTable, type SplitScore, scoreSplit, summaryTable } from './evaluate.js';

const splits = loadSplits();
// Common phrasings ("what time is it") are in the template table too; the test utterances that are
// not are the better estimate for phrasing nobody wrote a template for.
const tableTexts = new Set(fixtureExamples().map((example) => normalize(example.text)));
const novelTest = splits.test.filter((example) => !tableTexts.has(normalize(example.text)));
const scores: Record<string, SplitScore> = {
  train: scoreSplit(recognize, splits.train),
  dev: scoreSplit(recognize, splits.dev),
  ...(process.argv.includes('--test')
    ? { test: scoreSplit(recognize, splits.test), 'test, not in the table': scoreSplit(recognize, novelTest) }
    : {}),
};
console.log(`${summaryTable(scores)}\n\n${perIntentTable(scores)}`);

const missesOf = process.argv.indexOf('--misses');
if (missesOf >= 0) {
  const split = process.argv[missesOf + 1];
  if (split !== 'train' && split !== 'dev')
    throw new Error('--misses takes train or dev (the test split stays unread)');
  console.log(`\n${split} misses:`);
  for (const { example, outcome } of scores[split]!.misses)
    console.log(
      `${example.label}\t${outcome.kind === 'intent' ? `${outcome.name}/${outcome.stage}` : outcome.kind}\t${example.text}`,
    );
}
