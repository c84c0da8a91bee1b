import type { IntentMatch, IntentName } from '@hark/contracts';
import { type IntentModel, type LabelScore, OUT_OF_SCOPE } from './model/intent-model.js';
import type { Utterance } from './normalize.js';
import { scanSlots } from './slot-scan.js';
import { SpanCache } from './span-cache.js';
import { MAX_ALTERNATIVES } from './template-stage.js';
import type { ResolveContext } from './template-types.js';

/**
 * Stage 2: text the templates missed, read by the intent model. Its best in-scope label is
 * taken when the model is sure enough and the slot scan finds what the intent needs; "sure
 * enough" is `thresholds.acceptWithSlots` when the scan found a value the intent uses (a
 * duration, a clock time, a place), else the stricter `thresholds.accept`. When it is not
 * sure but the text still reads as a free skill (in-scope probability mass at least
 * `thresholds.clarify`), the readings come back as `clarify`: the caller asks which one was
 * meant instead of sending a free skill's request to the paid path. Anything else is
 * nobody's: the conversational path.
 */

export interface ModelStageResult {
  intent: IntentMatch | null;
  alternatives: IntentMatch[];
  clarify: IntentMatch[];
}

/** A clarifying question offers at most this many readings ("A timer or an alarm?"). */
export const MAX_CLARIFY = 2;
/** Readings less likely than this are noise: not even alternatives (and their slots are not looked for). */
const MIN_READING = 0.05;
/** Readings less likely than this are not offered in a question. */
const MIN_OFFERED = 0.1;

const rounded = (probability: number) => Math.round(probability * 1000) / 1000;

/** A value found for the intent (a duration, a time, a place...; the default list name does not count). */
export const hasSlotEvidence = (match: IntentMatch): boolean =>
  Object.keys(match.slots).some((slot) => slot !== 'list');

/** A reading backed by a parsed value is taken at a lower probability than a bare one. */
const acceptanceFor = (match: IntentMatch, model: IntentModel): number =>
  hasSlotEvidence(match) ? model.thresholds.acceptWithSlots : model.thresholds.accept;

/** In-scope labels at least MIN_READING likely, best first (a handful: no sort of every label). */
function likelyInScope(model: IntentModel, probabilities: Float64Array): LabelScore[] {
  const likely: LabelScore[] = [];
  for (let i = 0; i < probabilities.length; i++) {
    const label = model.labels[i]!;
    if (label !== OUT_OF_SCOPE && probabilities[i]! >= MIN_READING)
      likely.push({ label, probability: probabilities[i]! });
  }
  return likely.sort((a, b) => b.probability - a.probability);
}

const outOfScopeProbability = (model: IntentModel, probabilities: Float64Array): number =>
  probabilities[model.labels.indexOf(OUT_OF_SCOPE)] ?? 0;

function reading(
  score: LabelScore,
  utterance: Utterance,
  context: ResolveContext,
  spans: SpanCache,
): IntentMatch | null {
  const name = score.label as IntentName;
  const slots = scanSlots(name, utterance, context, spans);
  return slots ? { name, confidence: rounded(score.probability), slots } : null;
}

/**
 * The one case where the model overrules the templates: it is all but certain (out-of-scope
 * probability at least `thresholds.veto`) that a template matched a request for something
 * else ("the traffic forecast", "the weather in minecraft").
 */
export function vetoesTemplates(model: IntentModel, utterance: Utterance): boolean {
  return outOfScopeProbability(model, model.probabilities(utterance.tokens)) >= model.thresholds.veto;
}

export function readWithModel(
  model: IntentModel,
  utterance: Utterance,
  context: ResolveContext,
  spans: SpanCache = new SpanCache(utterance.tokens),
): ModelStageResult {
  const probabilities = model.probabilities(utterance.tokens);
  const outOfScope = outOfScopeProbability(model, probabilities);
  const inScope = likelyInScope(model, probabilities);
  const readings = inScope
    .slice(0, MAX_ALTERNATIVES + 1)
    .map((score) => reading(score, utterance, context, spans))
    .filter((match) => match !== null);
  const [best] = readings;
  if (best && best.name === inScope[0]?.label && best.confidence >= acceptanceFor(best, model))
    return { intent: best, alternatives: readings.slice(1), clarify: [] };
  const unsure = 1 - outOfScope >= model.thresholds.clarify;
  const offered = readings.filter((match) => match.confidence >= MIN_OFFERED).slice(0, MAX_CLARIFY);
  // Not taken, but still the model's readings: the premium path offers the LLM their tools first.
  return { intent: null, alternatives: readings.slice(0, MAX_ALTERNATIVES), clarify: unsure ? offered : [] };
}
