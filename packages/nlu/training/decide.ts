import {
  type IntentModel,
  type ModelThresholds,
  OUT_OF_SCOPE,
  rankedScores,
} from '../src/model/intent-model.js';
import { hasSlotEvidence, readWithModel } from '../src/model-stage.js';
import { analyze } from '../src/normalize.js';
import type { RecognizeResult } from '../src/recognizer.js';
import { matchTemplates } from '../src/template-stage.js';
import type { Example } from './dataset.js';

/**
 * What the recogniser would say for each example under any pair of thresholds, without
 * running it again per pair: the template answer, the model's best in-scope label with its
 * probability and whether its slots were found, and the in-scope probability mass.
 */

/** Every evaluation runs at this local time (a Wednesday evening), so "tomorrow" and bare times resolve. */
export const EVAL_NOW = '2026-03-04T18:30';
const EVAL_CONTEXT = { today: '2026-03-04', time: '18:30' };

export interface Observation {
  example: Example;
  template: string | null;
  /** The template match took no free text: no veto applies (see recognizer.ts). */
  templateLiteral: boolean;
  best: string;
  probability: number;
  complete: boolean;
  /** The best reading's slot scan found a value the intent uses. */
  evidence: boolean;
  inScope: number;
  clarifiable: boolean;
}

export function observe(model: IntentModel, examples: readonly Example[]): Observation[] {
  const open = { ...model, thresholds: { acceptWithSlots: 0, accept: 0, clarify: 0, veto: 1 } };
  const asking = { ...model, thresholds: { acceptWithSlots: 2, accept: 2, clarify: 0, veto: 1 } };
  return examples.map((example) => {
    const utterance = analyze(example.text);
    const templates = matchTemplates(utterance, EVAL_CONTEXT);
    const matched = templates.intent;
    const scores = rankedScores(model, utterance.tokens);
    const inScope = scores.filter((score) => score.label !== OUT_OF_SCOPE);
    const read = readWithModel(open, utterance, EVAL_CONTEXT);
    return {
      example,
      template: matched?.name ?? null,
      templateLiteral: !templates.freeText,
      best: inScope[0]!.label,
      probability: inScope[0]!.probability,
      complete: read.intent !== null,
      evidence: read.intent !== null && hasSlotEvidence(read.intent),
      inScope: 1 - (scores.find((score) => score.label === OUT_OF_SCOPE)?.probability ?? 0),
      clarifiable: readWithModel(asking, utterance, EVAL_CONTEXT).clarify.length > 0,
    };
  });
}

export type Outcome =
  | { kind: 'intent'; name: string; stage: 'template' | 'model' }
  | { kind: 'clarify' }
  | { kind: 'none' };

export function decide(observation: Observation, thresholds: ModelThresholds): Outcome {
  if (observation.template) {
    const vetoed = !observation.templateLiteral && 1 - observation.inScope >= thresholds.veto;
    return vetoed ? { kind: 'none' } : { kind: 'intent', name: observation.template, stage: 'template' };
  }
  const accept = observation.evidence ? thresholds.acceptWithSlots : thresholds.accept;
  if (observation.complete && observation.probability >= accept)
    return { kind: 'intent', name: observation.best, stage: 'model' };
  if (observation.clarifiable && observation.inScope >= thresholds.clarify) return { kind: 'clarify' };
  return { kind: 'none' };
}

/** The outcome of the real recogniser's answer, for the final evaluation. */
export function outcomeOf(result: RecognizeResult): Outcome {
  if (result.intent) return { kind: 'intent', name: result.intent.name, stage: result.stage ?? 'template' };
  return result.clarify.length > 0 ? { kind: 'clarify' } : { kind: 'none' };
}
