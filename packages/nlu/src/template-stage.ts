import type { IntentMatch, IntentName } from '@hark/contracts';
import { MAX_TOKENS, MatchRun, type TemplateMatch, TOKEN_WEIGHT } from './matcher.js';
import type { Utterance } from './normalize.js';
import { type CompiledTemplate, compileIntents } from './template-compiler.js';
import type { ResolveContext } from './template-types.js';
import { expansionRules, intentDefinitions } from './templates/index.js';

/**
 * Stage 1 of the recogniser: the templates (src/templates), compiled once at load and
 * matched exactly, every token explained. Precise, so it goes first; what it misses goes
 * to the model (model-stage.ts).
 */

export interface StageResult {
  intent: IntentMatch | null;
  alternatives: IntentMatch[];
  /** The best match took some words as free text (a name, a place, an item): the kind of match a near miss makes. */
  freeText: boolean;
}

export const MAX_ALTERNATIVES = 3;

const TEMPLATES = compileIntents(intentDefinitions, expansionRules);

/** Templates keyed by the words of their rarest required clause; templates with none are always tried. */
interface TemplateIndex {
  byWord: ReadonlyMap<string, readonly CompiledTemplate[]>;
  always: readonly CompiledTemplate[];
}

function buildIndex(templates: readonly CompiledTemplate[]): TemplateIndex {
  const frequency = new Map<string, number>();
  for (const template of templates) {
    for (const word of new Set(template.requiredClauses.flat()))
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const cost = (clause: readonly string[]) => clause.reduce((sum, word) => sum + frequency.get(word)!, 0);
  const byWord = new Map<string, CompiledTemplate[]>();
  const always: CompiledTemplate[] = [];
  for (const template of templates) {
    const [rarest] = [...template.requiredClauses].sort((a, b) => cost(a) - cost(b));
    if (!rarest) always.push(template);
    for (const word of rarest ?? []) {
      const bucket = byWord.get(word) ?? [];
      bucket.push(template);
      byWord.set(word, bucket);
    }
  }
  return { byWord, always };
}

const INDEX = buildIndex(TEMPLATES);

/** Per template (by `order`, its index in TEMPLATES), the last run that looked at it: "seen" without a Set per utterance. */
const seenInRun = new Uint32Array(TEMPLATES.length);
let run = 0;

/** Every required clause of the template has a word in the utterance. */
function clausesPresent(template: CompiledTemplate, present: ReadonlySet<string>): boolean {
  for (const clause of template.requiredClauses) {
    let found = false;
    for (const word of clause) if (present.has(word)) found = true;
    if (!found) return false;
  }
  return true;
}

/** Templates whose every required clause has a word in the utterance, each once, in catalogue order. */
function candidateTemplates(tokens: readonly string[]): CompiledTemplate[] {
  const present = new Set(tokens);
  run = (run + 1) >>> 0;
  if (run === 0) {
    seenInRun.fill(0);
    run = 1;
  }
  const picked: number[] = [];
  for (const list of [INDEX.always, ...Array.from(present, (word) => INDEX.byWord.get(word) ?? [])]) {
    for (const template of list) {
      if (seenInRun[template.order] === run) continue;
      seenInRun[template.order] = run;
      if (clausesPresent(template, present)) picked.push(template.order);
    }
  }
  picked.sort((a, b) => a - b);
  return picked.map((index) => TEMPLATES[index]!);
}

/** Higher weight first, then more literal words, then catalogue order: a total, deterministic order. */
function compareMatches(a: TemplateMatch, b: TemplateMatch): number {
  return b.weight - a.weight || b.literalTokens - a.literalTokens || a.template.order - b.template.order;
}

function toIntentMatch(match: TemplateMatch, tokenCount: number): IntentMatch {
  const confidence = match.weight / (TOKEN_WEIGHT.literal * tokenCount);
  return {
    name: match.template.intent.intent,
    confidence: Math.round(confidence * 1000) / 1000,
    slots: match.slots,
  };
}

/** Words not matched literally weigh 9 if typed, 6 if free text: less than 9 each means some were free. */
function usedFreeText(match: TemplateMatch, tokenCount: number): boolean {
  const rest = tokenCount - match.literalTokens;
  return match.weight - TOKEN_WEIGHT.literal * match.literalTokens < TOKEN_WEIGHT.typed * rest;
}

/** Best template match per intent, best first. */
export function matchTemplates(utterance: Utterance, context: ResolveContext): StageResult {
  const { tokens } = utterance;
  if (tokens.length === 0 || tokens.length > MAX_TOKENS)
    return { intent: null, alternatives: [], freeText: false };
  const run = new MatchRun(utterance, context);
  const bestPerIntent = new Map<IntentName, TemplateMatch>();
  for (const template of candidateTemplates(tokens)) {
    const match = run.match(template);
    if (!match) continue;
    const current = bestPerIntent.get(template.intent.intent);
    if (!current || compareMatches(match, current) < 0) bestPerIntent.set(template.intent.intent, match);
  }
  const sorted = [...bestPerIntent.values()].sort(compareMatches);
  const ranked = sorted.map((match) => toIntentMatch(match, tokens.length));
  const best = sorted[0];
  return {
    intent: ranked[0] ?? null,
    alternatives: ranked.slice(1, 1 + MAX_ALTERNATIVES),
    freeText: best !== undefined && usedFreeText(best, tokens.length),
  };
}

/** Number of compiled templates and of those with no indexable word (for tests and diagnostics). */
export const templateStats = { templates: TEMPLATES.length, unindexed: INDEX.always.length };
