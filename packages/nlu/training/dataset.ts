import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intentNames } from '@hark/contracts';
import { OUT_OF_SCOPE } from '../src/model/intent-model.js';
import { normalize } from '../src/normalize.js';
import { utterances } from '../src/utterances.fixture.js';

/**
 * The written utterances (packages/nlu/data): `train/` and `test/` are separate files by
 * separate writers; `dev` is a fixed slice of `train/` picked by a hash of the normalised
 * text, so the slice never changes when lines are added elsewhere and an utterance that
 * normalises the same as another lands on the same side.
 */

export interface Example {
  label: string;
  text: string;
  /** Where it was written: "train/lists-1.tsv:12". */
  source: string;
}

export type SplitName = 'train' | 'dev' | 'test';

export const DATA_DIR = new URL('../data/', import.meta.url);
const DEV_PERCENT = 15;

const knownLabels: ReadonlySet<string> = new Set([OUT_OF_SCOPE, ...intentNames]);

function parseLine(line: string, source: string): Example | null {
  if (line.trim() === '' || line.startsWith('#')) return null;
  const tab = line.indexOf('\t');
  if (tab < 0) throw new Error(`${source}: expected "label<TAB>text"`);
  const label = line.slice(0, tab).trim();
  const text = line.slice(tab + 1).trim();
  if (!knownLabels.has(label)) throw new Error(`${source}: unknown label "${label}"`);
  if (text === '') throw new Error(`${source}: empty text`);
  return { label, text, source };
}

/** Every example of the TSV files in data/<folder>, in file then line order. */
export function readFolder(folder: 'train' | 'test'): Example[] {
  const dir = new URL(`${folder}/`, DATA_DIR);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.tsv'))
    .sort();
  const examples: Example[] = [];
  for (const file of files) {
    const lines = readFileSync(join(dir.pathname, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const example = parseLine(line, `${folder}/${file}:${i + 1}`);
      if (example) examples.push(example);
    });
  }
  return examples;
}

/** FNV-1a of a string: the split key, stable across runs and machines. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

const isDev = (example: Example): boolean => stableHash(normalize(example.text)) % 100 < DEV_PERCENT;

/** Keeps the first of examples that normalise to the same text (a duplicate teaches nothing new). */
function distinct(examples: readonly Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((example) => {
    const key = normalize(example.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface Splits {
  train: Example[];
  dev: Example[];
  test: Example[];
}

/**
 * The template stage's table (src/fixtures): rows written for the templates, each with its
 * intent or none. They teach the model too, from train only, so dev stays the written slice.
 */
export function fixtureExamples(): Example[] {
  return utterances.map((row, i) => ({
    label: row.intent ?? OUT_OF_SCOPE,
    text: row.text,
    source: `fixtures:${i + 1}`,
  }));
}

/** The three splits; test utterances whose normalised text is also in train/ are left out of train and dev. */
export function loadSplits(): Splits {
  const test = distinct(readFolder('test'));
  const testTexts = new Set(test.map((example) => normalize(example.text)));
  const written = distinct(readFolder('train')).filter((example) => !testTexts.has(normalize(example.text)));
  const dev = written.filter(isDev);
  const devTexts = new Set(dev.map((example) => normalize(example.text)));
  const fixtures = fixtureExamples().filter(
    (example) => !testTexts.has(normalize(example.text)) && !devTexts.has(normalize(example.text)),
  );
  return {
    train: distinct([...written.filter((example) => !isDev(example)), ...fixtures]),
    dev,
    test,
  };
}
