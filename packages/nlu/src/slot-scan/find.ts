import type { SlotValue } from '@hark/contracts';
import { slotKind } from '../slot-kinds.js';
import type { Span } from '../slots/span.js';
import type { SpanCache } from '../span-cache.js';

/** Where a slot kind found a value in the utterance. */
export interface Found<T> {
  start: number;
  end: number;
  value: T;
}

/** The utterance being scanned and its span cache (set by `scanning` for one synchronous scan). */
let current: { tokens: readonly string[]; spans: SpanCache } | null = null;

/** Runs `scan` with the utterance's span cache, so every `find` in it reuses spans already parsed. */
export function withSpans<T>(tokens: readonly string[], spans: SpanCache, scan: () => T): T {
  current = { tokens, spans };
  try {
    return scan();
  } finally {
    current = null;
  }
}

/** The leftmost span of a slot kind at or after `from` (the longest there), optionally only right after one of `after`. */
export function find(
  tokens: readonly string[],
  kindName: string,
  options: { from?: number; after?: ReadonlySet<string> } = {},
): Found<SlotValue> | null {
  const kind = slotKind(kindName);
  for (let start = options.from ?? 0; start < tokens.length; start++) {
    if (options.after && !options.after.has(tokens[start - 1] ?? '')) continue;
    const spans =
      current?.tokens === tokens
        ? current.spans.byName(kindName, kind.spans, start)
        : kind.spans(tokens, start);
    // Typed parsers give the longest first; free-text kinds do not, so take the longest here.
    const longest = spans.reduce<Span<SlotValue> | undefined>(
      (best, span) => (!best || span.end > best.end ? span : best),
      undefined,
    );
    if (longest) return { start, end: longest.end, value: longest.value };
  }
  return null;
}

export const value = (found: Found<SlotValue> | null) => found?.value;
export const words = (list: string) => new Set(list.split(' '));
