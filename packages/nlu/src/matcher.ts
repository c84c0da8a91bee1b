import type { Slots, SlotValue } from '@hark/contracts';
import type { Utterance } from './normalize.js';
import type { SlotKind } from './slot-kinds.js';
import type { Span } from './slots/span.js';
import { SpanCache } from './span-cache.js';
import type { CompiledTemplate, MatchNode } from './template-compiler.js';
import type { Captures, ResolveContext } from './template-types.js';

/**
 * Walks a compiled template over the utterance tokens by depth-first backtracking and keeps
 * the best complete match. Every token must be consumed. A match's weight adds, per token:
 *   literal word 10, typed slot token 9, free-text token 6.
 * So the best match is the one explaining most tokens by template words, then by typed
 * slots; confidence = weight / (10 * tokenCount), rounded to 3 decimals: 1 for an
 * all-literal match, about 0.9 with typed slots, falling towards 0.6 as free text grows.
 * Ties keep the first match found (optional parts are tried before skipping them), which
 * makes the result deterministic.
 */

export const TOKEN_WEIGHT = { literal: 10, typed: 9, free: 6 } as const;

/** Utterances longer than this are not commands; they go to the conversational path. */
export const MAX_TOKENS = 48;

/** Backtracking budget per template: far above any real template, it only bounds pathological input. */
const MAX_STEPS = 20_000;

export interface TemplateMatch {
  template: CompiledTemplate;
  weight: number;
  literalTokens: number;
  slots: Slots;
}

/** State of matching one utterance; reused across the candidate templates of that utterance. */
export class MatchRun {
  readonly tokens: readonly string[];
  private readonly spans: SpanCache;
  private readonly captureSlots: string[] = [];
  private readonly captureValues: SlotValue[] = [];
  private readonly captureKinds: SlotKind[] = [];
  private readonly captureStarts: number[] = [];
  private readonly captureEnds: number[] = [];
  private template: CompiledTemplate | null = null;
  private weight = 0;
  private literalTokens = 0;
  private steps = 0;
  private best: TemplateMatch | null = null;

  constructor(
    private readonly utterance: Utterance,
    private readonly context: ResolveContext,
    spans?: SpanCache,
  ) {
    this.tokens = utterance.tokens;
    this.spans = spans ?? new SpanCache(utterance.tokens);
  }

  match(template: CompiledTemplate): TemplateMatch | null {
    this.template = template;
    this.best = null;
    this.steps = 0;
    this.visit(template.entry, 0);
    return this.best;
  }

  private visit(node: MatchNode, position: number): void {
    if (++this.steps > MAX_STEPS) return;
    // Even if every remaining token matched literally, this path could not beat the best.
    const reachable = this.weight + TOKEN_WEIGHT.literal * (this.tokens.length - position);
    if (this.best && reachable <= this.best.weight) return;
    switch (node.type) {
      case 'word':
        if (this.tokens[position] === node.word) this.visitLiteral(node.next, position);
        return;
      case 'words':
        if (node.words.has(this.tokens[position] ?? '')) this.visitLiteral(node.next, position);
        return;
      case 'split':
        for (const branch of node.branches) this.visit(branch, position);
        return;
      case 'slot':
        this.visitSlot(node, position);
        return;
      case 'end':
        if (position === this.tokens.length) this.accept();
        return;
    }
  }

  private visitLiteral(next: MatchNode, position: number): void {
    this.weight += TOKEN_WEIGHT.literal;
    this.literalTokens++;
    this.visit(next, position + 1);
    this.weight -= TOKEN_WEIGHT.literal;
    this.literalTokens--;
  }

  private visitSlot(node: Extract<MatchNode, { type: 'slot' }>, position: number): void {
    if (position >= this.tokens.length) return;
    const perToken = TOKEN_WEIGHT[node.kind.class];
    for (const span of this.spans.at(node.kindIndex, node.kind.spans, position)) {
      const gained = perToken * (span.end - position);
      this.pushCapture(node, position, span);
      this.weight += gained;
      this.visit(node.next, span.end);
      this.weight -= gained;
      this.popCapture();
    }
  }

  private pushCapture(
    node: Extract<MatchNode, { type: 'slot' }>,
    start: number,
    span: Span<SlotValue>,
  ): void {
    this.captureSlots.push(node.slot);
    this.captureValues.push(span.value);
    this.captureKinds.push(node.kind);
    this.captureStarts.push(start);
    this.captureEnds.push(span.end);
  }

  private popCapture(): void {
    this.captureSlots.pop();
    this.captureValues.pop();
    this.captureKinds.pop();
    this.captureStarts.pop();
    this.captureEnds.pop();
  }

  private accept(): void {
    if (this.best && this.weight <= this.best.weight) return;
    const template = this.template!;
    const captures: Record<string, SlotValue> = {};
    for (let i = 0; i < this.captureSlots.length; i++)
      captures[this.captureSlots[i]!] = this.finishedValue(i);
    const slots = resolveSlots(template, captures, this.context);
    if (slots) this.best = { template, weight: this.weight, literalTokens: this.literalTokens, slots };
  }

  /** Most kinds' span value is final; a kind that needs the list breaks finishes it here, once per accepted match. */
  private finishedValue(capture: number): SlotValue {
    const { finish } = this.captureKinds[capture]!;
    if (!finish) return this.captureValues[capture]!;
    return finish(this.utterance, this.captureStarts[capture]!, this.captureEnds[capture]!);
  }
}

function resolveSlots(template: CompiledTemplate, captures: Captures, context: ResolveContext): Slots | null {
  const { resolve } = template.intent;
  return resolve ? resolve(captures, context) : { ...captures };
}
