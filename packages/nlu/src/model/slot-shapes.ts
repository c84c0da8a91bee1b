import type { SlotValue } from '@hark/contracts';
import { slotKind } from '../slot-kinds.js';
import type { Span } from '../slots/span.js';

/** Typed slot kinds the model sees as a class ("<duration>"), in the order a tie goes to. */
const SHAPED_KINDS = ['duration', 'time', 'day', 'holiday', 'unit', 'number'].map((name) => ({
  name: `<${name}>`,
  spans: slotKind(name).spans as (tokens: readonly string[], start: number) => Span<SlotValue>[],
}));

/** The longest typed slot starting at `at` ("ten minutes" -> <duration>), or null for a plain word. */
export function slotShapeAt(tokens: readonly string[], at: number): { kind: string; end: number } | null {
  let best: { kind: string; end: number } | null = null;
  for (const kind of SHAPED_KINDS) {
    const [longest] = kind.spans(tokens, at);
    if (longest && (!best || longest.end > best.end)) best = { kind: kind.name, end: longest.end };
  }
  return best;
}
