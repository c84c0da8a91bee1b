import { type SlotKind, slotKind, slotKindIndex } from './slot-kinds.js';
import { type ExpansionRules, parseTemplate, type TemplateNode } from './template-parser.js';
import type { IntentDefinition } from './template-types.js';

/**
 * Compiles template syntax trees into a graph the matcher walks without allocating: every
 * node knows its successor, alternatives become split nodes, and single-word alternatives
 * become one set lookup. Also derives the words a template needs, so the recognizer can
 * skip most templates with a lookup instead of a match attempt.
 */

export type MatchNode =
  | { type: 'word'; word: string; next: MatchNode }
  | { type: 'words'; words: ReadonlySet<string>; next: MatchNode }
  | { type: 'split'; branches: readonly MatchNode[] }
  | { type: 'slot'; kind: SlotKind; kindIndex: number; slot: string; next: MatchNode }
  | { type: 'end' };

export interface CompiledTemplate {
  intent: IntentDefinition;
  source: string;
  entry: MatchNode;
  /** Each clause lists words of which at least one must be in the utterance. */
  requiredClauses: readonly (readonly string[])[];
  /** Position in the whole catalogue: the last tie-breaker of ranking. */
  order: number;
}

const END: MatchNode = { type: 'end' };

function link(node: TemplateNode, next: MatchNode): MatchNode {
  switch (node.type) {
    case 'word':
      return { type: 'word', word: node.word, next };
    case 'sequence':
      return node.items.reduceRight<MatchNode>((after, item) => link(item, after), next);
    case 'alternatives': {
      const singleWords = node.options.every((option) => option.type === 'word');
      if (singleWords) {
        const words = new Set(node.options.map((option) => (option as { word: string }).word));
        return { type: 'words', words, next };
      }
      return { type: 'split', branches: node.options.map((option) => link(option, next)) };
    }
    case 'optional':
      // The optional part is tried first, so a longer literal match is found before a skip.
      return { type: 'split', branches: [link(node.item, next), next] };
    case 'slot': {
      const kind = slotKind(node.kind);
      return { type: 'slot', kind, kindIndex: slotKindIndex.get(kind.name)!, slot: node.slot, next };
    }
  }
}

/** Clauses of words an utterance must contain for the template to possibly match. */
export function requiredClauses(node: TemplateNode): string[][] {
  switch (node.type) {
    case 'word':
      return [[node.word]];
    case 'sequence':
      return node.items.flatMap(requiredClauses);
    case 'alternatives': {
      const perOption = node.options.map(requiredClauses);
      if (perOption.some((clauses) => clauses.length === 0)) return [];
      // One clause per option is enough: whichever option matched, its clause is satisfied.
      const union = new Set(perOption.flatMap((clauses) => shortest(clauses)));
      return [[...union]];
    }
    case 'optional':
    case 'slot':
      return [];
  }
}

function shortest(clauses: string[][]): string[] {
  return clauses.reduce((best, clause) => (clause.length < best.length ? clause : best));
}

export function compileTemplate(
  source: string,
  intent: IntentDefinition,
  rules: ExpansionRules,
  order: number,
): CompiledTemplate {
  const tree = parseTemplate(source, rules);
  return { intent, source, entry: link(tree, END), requiredClauses: requiredClauses(tree), order };
}

/** Compiles every template of every intent, in catalogue order. */
export function compileIntents(
  intents: readonly IntentDefinition[],
  rules: ExpansionRules,
): CompiledTemplate[] {
  const compiled: CompiledTemplate[] = [];
  for (const intent of intents) {
    for (const source of intent.templates)
      compiled.push(compileTemplate(source, intent, rules, compiled.length));
  }
  return compiled;
}
