import type { IntentMatch, IntentName } from '@hark/contracts';
import { MAX_TOKENS, MatchRun, type TemplateMatch, TOKEN_WEIGHT } from './matcher.js';
import type { Utterance } from './normalize.js';
import type { SpanCache } from './span-cache.js';
import { compileIntents } from './template-compiler.js';
import { TemplateIndex } from './template-index.js';
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

const INDEX = new TemplateIndex(TEMPLATES);

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
export function matchTemplates(
  utterance: Utterance,
  context: ResolveContext,
  spans?: SpanCache,
): StageResult {
  const { tokens } = utterance;
  if (tokens.length === 0 || tokens.length > MAX_TOKENS)
    return { intent: null, alternatives: [], freeText: false };
  const run = new MatchRun(utterance, context, spans);
  const bestPerIntent = new Map<IntentName, TemplateMatch>();
  for (const template of INDEX.candidates(tokens)) {
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
export const templateStats = { templates: TEMPLATES.length, unindexed: INDEX.unindexed };
