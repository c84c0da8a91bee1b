import {
  type IntentModelFile,
  loadIntentModel,
  type ModelThresholds,
  OUT_OF_SCOPE,
} from '../src/model/intent-model.js';
import { analyze } from '../src/normalize.js';
import type { Example } from './dataset.js';
import { decide, type Observation, observe } from './decide.js';

/**
 * Calibration on the dev split: a temperature that makes the probabilities honest
 * (lowest negative log-likelihood), then the decision thresholds:
 * - veto: see chooseVeto;
 * - acceptWithSlots and accept: see chooseAcceptance;
 * - clarify: the lowest in-scope probability mass that asks "which skill?" while at most
 *   MAX_OUT_OF_SCOPE_QUESTIONS of out-of-scope utterances are asked instead of answered.
 */

export const MAX_FALSE_MATCH = 0.008;
export const MAX_OUT_OF_SCOPE_QUESTIONS = 0.02;
const TEMPERATURES = Array.from({ length: 60 }, (_, i) => 0.25 + i * 0.05);
const GRID = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
/** Acceptance candidates, from the highest down: coarse, so that dev noise is not fitted. */
const ACCEPT_GRID = Array.from({ length: 36 }, (_, i) => Number((1 - i * 0.02).toFixed(2)));
/** Veto candidates: only near-certainty may overrule a template. */
const VETO_GRID = [0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995];

function negativeLogLikelihood(file: IntentModelFile, dev: readonly Example[]): number {
  const model = loadIntentModel(file);
  let total = 0;
  for (const example of dev) {
    const right = model.probabilities(analyze(example.text).tokens)[model.labels.indexOf(example.label)] ?? 0;
    total -= Math.log(Math.max(right, 1e-12));
  }
  return total / dev.length;
}

export function fitTemperature(file: IntentModelFile, dev: readonly Example[]): number {
  let best = { temperature: 1, loss: Infinity };
  for (const temperature of TEMPERATURES) {
    const loss = negativeLogLikelihood({ ...file, temperature }, dev);
    if (loss < best.loss) best = { temperature: Number(temperature.toFixed(2)), loss };
  }
  return best.temperature;
}

const isOutOfScope = (observation: Observation) => observation.example.label === OUT_OF_SCOPE;

function rate(observations: readonly Observation[], hit: (observation: Observation) => boolean): number {
  return observations.length === 0 ? 0 : observations.filter(hit).length / observations.length;
}

/** The lowest out-of-scope certainty that overrules a template without losing one right template match on dev. */
function chooseVeto(observations: readonly Observation[]): number {
  const rightTemplates = observations.filter(
    (o) => o.template !== null && !o.templateLiteral && o.template === o.example.label,
  );
  return VETO_GRID.find((veto) => rightTemplates.every((o) => 1 - o.inScope < veto)) ?? 1;
}

/**
 * The pair of acceptance thresholds (with and without a slot value behind the reading) that
 * gets the most dev in-scope utterances right while claiming at most MAX_FALSE_MATCH of the
 * dev out-of-scope ones; ties go to the stricter pair.
 */
function chooseAcceptance(observations: readonly Observation[], veto: number) {
  const negatives = observations.filter(isOutOfScope);
  const positives = observations.filter((o) => !isOutOfScope(o));
  let best = { acceptWithSlots: 1, accept: 1, right: -1 };
  for (const acceptWithSlots of ACCEPT_GRID) {
    for (const accept of ACCEPT_GRID.filter((value) => value >= acceptWithSlots)) {
      const thresholds = { acceptWithSlots, accept, clarify: 2, veto };
      if (rate(negatives, (o) => decide(o, thresholds).kind === 'intent') > MAX_FALSE_MATCH) continue;
      const right = positives.filter((o) => {
        const outcome = decide(o, thresholds);
        return outcome.kind === 'intent' && outcome.name === o.example.label;
      }).length;
      if (right > best.right) best = { acceptWithSlots, accept, right };
    }
  }
  return { acceptWithSlots: best.acceptWithSlots, accept: best.accept };
}

export function chooseThresholds(file: IntentModelFile, dev: readonly Example[]): ModelThresholds {
  const observations = observe(loadIntentModel(file), dev);
  const negatives = observations.filter(isOutOfScope);
  const veto = chooseVeto(observations);
  const acceptance = chooseAcceptance(observations, veto);
  const asked = (clarify: number) => (o: Observation) =>
    decide(o, { ...acceptance, clarify, veto }).kind === 'clarify';
  const clarify =
    GRID.find((threshold) => rate(negatives, asked(threshold)) <= MAX_OUT_OF_SCOPE_QUESTIONS) ?? 1;
  return { ...acceptance, clarify, veto };
}
