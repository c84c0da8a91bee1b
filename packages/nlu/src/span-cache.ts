import type { SlotValue } from '@hark/contracts';
import { slotKindCount, slotKindIndex } from './slot-kinds.js';
import type { Span } from './slots/span.js';

/**
 * The spans each slot kind finds at each position of one utterance, parsed once: the template
 * matcher tries a kind at a position for many templates, and the model stage's slot scan for
 * several readings. Slot parsers are pure, so a cached answer is the answer.
 */
export class SpanCache {
  private readonly cache: (Span<SlotValue>[] | undefined)[];

  constructor(private readonly tokens: readonly string[]) {
    this.cache = new Array(slotKindCount * tokens.length);
  }

  /** Spans of the kind numbered `kindIndex` starting at `position`, parsed with `parse` the first time. */
  at(
    kindIndex: number,
    parse: (tokens: readonly string[], start: number) => Span<SlotValue>[],
    position: number,
  ): Span<SlotValue>[] {
    const key = kindIndex * this.tokens.length + position;
    let spans = this.cache[key];
    if (spans === undefined) {
      spans = parse(this.tokens, position);
      this.cache[key] = spans;
    }
    return spans;
  }

  /** The same, by kind name (for callers that do not hold the index). */
  byName(
    name: string,
    parse: (tokens: readonly string[], start: number) => Span<SlotValue>[],
    position: number,
  ) {
    return this.at(slotKindIndex.get(name)!, parse, position);
  }
}
