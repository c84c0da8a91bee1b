/** A slot value found in tokens[start, end). Parsers return spans longest first. */
export interface Span<T> {
  end: number;
  value: T;
}

/**
 * Tries every end position from the longest allowed down to start + 1 with a strict parser
 * of the whole slice, so "twenty five minutes" yields both "twenty five" and "twenty".
 */
export function spansOf<T>(
  tokens: readonly string[],
  start: number,
  maxTokens: number,
  parseSlice: (tokens: readonly string[], start: number, end: number) => T | null,
): Span<T>[] {
  const spans: Span<T>[] = [];
  const last = Math.min(tokens.length, start + maxTokens);
  for (let end = last; end > start; end--) {
    const value = parseSlice(tokens, start, end);
    if (value !== null) spans.push({ end, value });
  }
  return spans;
}

/** Parses a whole phrase with a slice parser; the string-level entry point used by tests and callers. */
export function parseWhole<T>(
  tokens: readonly string[],
  parseSlice: (tokens: readonly string[], start: number, end: number) => T | null,
): T | null {
  return tokens.length === 0 ? null : parseSlice(tokens, 0, tokens.length);
}
