import type { IntentMatch } from '@hark/contracts';
import { MAX_TOKENS } from './matcher.js';
import { bundledIntentModel } from './model/bundled-model.js';
import type { IntentModel } from './model/intent-model.js';
import { readWithModel, vetoesTemplates } from './model-stage.js';
import { type AnalyzeOptions, analyze, type Utterance } from './normalize.js';
import { SpanCache } from './span-cache.js';
import { MAX_ALTERNATIVES, matchTemplates } from './template-stage.js';
import type { ResolveContext } from './template-types.js';

export { MAX_ALTERNATIVES };

export interface RecognizeContext {
  /** BCP 47 tag; only English is supported, any other language recognises nothing. */
  locale?: string;
  /**
   * The user's local date-time, "YYYY-MM-DDTHH:MM". Optional and never read from a clock:
   * with it, "tomorrow", weekdays and bare clock times in reminders resolve to dates.
   */
  now?: string;
}

/** Which stage gave the intent: the exact templates, or the trained model. */
export type RecognizeStage = 'template' | 'model';

export interface RecognizeResult {
  intent: IntentMatch | null;
  alternatives: IntentMatch[];
  stage: RecognizeStage | null;
  /**
   * No stage was sure, but the text reads as one of these free skills (best first): ask
   * which one was meant. Empty whenever `intent` is set or the text is not about a skill.
   */
  clarify: IntentMatch[];
}

const NOW = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

function resolveContextOf(context: RecognizeContext): ResolveContext {
  const parts = context.now === undefined ? null : NOW.exec(context.now);
  return parts ? { today: parts[1]!, time: parts[2]! } : {};
}

const isSupportedLocale = (locale: string | undefined): boolean =>
  locale === undefined || /^en\b/i.test(locale);

const NOTHING: RecognizeResult = Object.freeze({ intent: null, alternatives: [], stage: null, clarify: [] });

export interface RecognizerOptions {
  /** Stage 2; null for the templates alone. */
  model: IntentModel | null;
  analyze?: AnalyzeOptions;
}

/** The two stages in order: templates first, where they match; the model for the rest. Pure. */
export function createRecognizer(options: RecognizerOptions) {
  return function recognizeText(text: string, context: RecognizeContext = {}): RecognizeResult {
    if (!isSupportedLocale(context.locale)) return { ...NOTHING };
    return recognizeUtterance(analyze(text, options.analyze), resolveContextOf(context), options.model);
  };
}

function recognizeUtterance(
  utterance: Utterance,
  context: ResolveContext,
  model: IntentModel | null,
): RecognizeResult {
  // Slot spans parsed for the templates are reused by the model stage's slot scan.
  const spans = new SpanCache(utterance.tokens);
  const { intent, alternatives, freeText } = matchTemplates(utterance, context, spans);
  // Only a match that took free text ("the weather in {minecraft}") can be a near miss worth a veto.
  if (intent && !(model && freeText && vetoesTemplates(model, utterance)))
    return { intent, alternatives, stage: 'template', clarify: [] };
  if (!model || intent || utterance.tokens.length === 0 || utterance.tokens.length > MAX_TOKENS)
    return { ...NOTHING };
  const read = readWithModel(model, utterance, context, spans);
  return { ...read, stage: read.intent ? 'model' : null };
}

let bundled: ReturnType<typeof createRecognizer> | undefined;

/**
 * Best intent for an utterance, with up to three other readings. Pure: no clock, and no I/O
 * but reading the bundled model once, on the first call (so training can import this file
 * before a model exists).
 */
export function recognize(text: string, context: RecognizeContext = {}): RecognizeResult {
  bundled ??= createRecognizer({ model: bundledIntentModel() });
  return bundled(text, context);
}

/** The template stage alone, as `recognize` runs it: the utterance table's subject. */
export const recognizeTemplates = createRecognizer({ model: null });

/** The template stage with analysis options; for tests that measure what an option changes. */
export function recognizeWith(
  text: string,
  context: RecognizeContext,
  options: AnalyzeOptions,
): RecognizeResult {
  return createRecognizer({ model: null, analyze: options })(text, context);
}
