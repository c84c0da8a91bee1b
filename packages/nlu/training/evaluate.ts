import { OUT_OF_SCOPE } from '../src/model/intent-model.js';
import type { RecognizeResult } from '../src/recognizer.js';
import type { Example } from './dataset.js';
import { EVAL_NOW, type Outcome, outcomeOf } from './decide.js';

/**
 * Scores a recogniser on one split the way the issue measures it: an in-scope utterance
 * counts when the recognised intent is its label; an out-of-scope one counts against when
 * any local intent is recognised. Clarifying questions are counted apart: not right, not a
 * false match.
 */

export interface LabelScore {
  label: string;
  total: number;
  right: number;
  byTemplate: number;
  byModel: number;
  clarified: number;
  /** Out-of-scope only: utterances some local intent claimed. */
  falseMatches: number;
}

export interface SplitScore {
  perLabel: LabelScore[];
  inScope: { total: number; right: number; clarified: number };
  outOfScope: { total: number; falseMatches: number; clarified: number };
  /** Answers the model stage gave: how sure it said it was, and how often it was right. */
  modelAnswers: { total: number; meanConfidence: number; right: number };
  misses: { example: Example; outcome: Outcome }[];
}

type Recognize = (text: string, context: { now: string }) => RecognizeResult;

function emptyScore(label: string): LabelScore {
  return { label, total: 0, right: 0, byTemplate: 0, byModel: 0, clarified: 0, falseMatches: 0 };
}

export function scoreSplit(recognize: Recognize, examples: readonly Example[]): SplitScore {
  const perLabel = new Map<string, LabelScore>();
  const modelAnswers = { total: 0, meanConfidence: 0, right: 0 };
  const misses: SplitScore['misses'] = [];
  for (const example of examples) {
    const result = recognize(example.text, { now: EVAL_NOW });
    const outcome = outcomeOf(result);
    const score = perLabel.get(example.label) ?? emptyScore(example.label);
    perLabel.set(example.label, score);
    score.total++;
    const right =
      example.label === OUT_OF_SCOPE
        ? outcome.kind !== 'intent'
        : outcome.kind === 'intent' && outcome.name === example.label;
    if (right) score.right++;
    else misses.push({ example, outcome });
    if (outcome.kind === 'clarify') score.clarified++;
    if (outcome.kind === 'intent') {
      if (example.label === OUT_OF_SCOPE) score.falseMatches++;
      if (right && outcome.stage === 'template') score.byTemplate++;
      if (right && outcome.stage === 'model') score.byModel++;
      if (outcome.stage === 'model') {
        modelAnswers.total++;
        modelAnswers.meanConfidence += result.intent!.confidence;
        if (outcome.name === example.label) modelAnswers.right++;
      }
    }
  }
  if (modelAnswers.total > 0) modelAnswers.meanConfidence /= modelAnswers.total;
  const labels = [...perLabel.values()].sort((a, b) => a.label.localeCompare(b.label));
  const inScopeLabels = labels.filter((score) => score.label !== OUT_OF_SCOPE);
  const none = perLabel.get(OUT_OF_SCOPE) ?? emptyScore(OUT_OF_SCOPE);
  const sum = (key: keyof Omit<LabelScore, 'label'>) =>
    inScopeLabels.reduce((total, score) => total + score[key], 0);
  return {
    perLabel: labels,
    inScope: { total: sum('total'), right: sum('right'), clarified: sum('clarified') },
    outOfScope: { total: none.total, falseMatches: none.falseMatches, clarified: none.clarified },
    modelAnswers,
    misses,
  };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;

/** One markdown table: a row per label with each split's right share (and n). */
export function perIntentTable(scores: Record<string, SplitScore>): string {
  const splits = Object.keys(scores);
  const labels = [
    ...new Set(Object.values(scores).flatMap((score) => score.perLabel.map((row) => row.label))),
  ].sort();
  const header = `| intent | ${splits.map((split) => `${split} right (n)`).join(' | ')} |`;
  const rule = `|---|${splits.map(() => '---:').join('|')}|`;
  const rows = labels.map((label) => {
    const cells = splits.map((split) => {
      const row = scores[split]!.perLabel.find((score) => score.label === label);
      return row ? `${percent(row.right, row.total)} (${row.total})` : '-';
    });
    return `| ${label === OUT_OF_SCOPE ? 'none (not claimed)' : label} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** The headline figures per split, as a markdown table. */
export function summaryTable(scores: Record<string, SplitScore>): string {
  const rows = Object.entries(scores).map(([split, score]) => {
    const { inScope, outOfScope, modelAnswers } = score;
    const templateRight = score.perLabel.reduce(
      (total, row) => total + (row.label === OUT_OF_SCOPE ? 0 : row.byTemplate),
      0,
    );
    return (
      `| ${split} | ${inScope.total} | ${percent(inScope.right, inScope.total)} | ${percent(templateRight, inScope.total)} | ` +
      `${percent(inScope.clarified, inScope.total)} | ${outOfScope.total} | ${percent(outOfScope.falseMatches, outOfScope.total)} | ` +
      `${percent(outOfScope.clarified, outOfScope.total)} | ${modelAnswers.total} | ${modelAnswers.meanConfidence.toFixed(3)} | ` +
      `${percent(modelAnswers.right, modelAnswers.total)} |`
    );
  });
  return [
    '| split | in-scope n | right intent | of which templates | asked which | out-of-scope n | claimed locally | asked which | model answers | mean confidence | model right |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
