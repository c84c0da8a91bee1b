/**
 * @hark/nlu: a pure intent recogniser in two stages. Templates are data (src/templates),
 * compiled once at load and tried first; text they miss goes to a linear model trained in
 * this repository (src/model, training/), read from model/intent-model.json once.
 * `recognize` reads no clock and does no other I/O. `parseAnswer` and `parseChoice` read
 * short answers to a follow-up question the same way.
 */
export { type AnswerContext, type AnswerKind, parseAnswer, parseChoice } from './answers.js';
export { BUNDLED_MODEL_URL } from './model/bundled-model.js';
export { type IntentModel, type IntentModelFile, loadIntentModel } from './model/intent-model.js';
export { normalize, tokenize, tokenizeWords } from './normalize.js';
export { cachedRecognize } from './recognize-cache.js';
export {
  createRecognizer,
  MAX_ALTERNATIVES,
  type RecognizeContext,
  type RecognizeResult,
  type RecognizeStage,
  recognize,
  recognizeTemplates,
} from './recognizer.js';
export { parseClockTime } from './slots/clock-times.js';
export { type DayPart, type DayRef, parseDay, resolveDay, splitDayRef } from './slots/days.js';
export { parseDuration } from './slots/durations.js';
export { type FreeTextKindName, parseFreeText } from './slots/free-text.js';
export { canonicalListName, DEFAULT_LIST } from './slots/list-names.js';
export { parseNumber } from './slots/numbers.js';
export { parseRepeat } from './slots/repeat.js';
export { canonicalUnits, type Measure, parseUnit, unitMeasure } from './slots/units.js';
export { CLEAR_ALL_ITEMS } from './templates/lists.js';
