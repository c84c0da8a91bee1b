import { createHash } from 'node:crypto';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Prompt tokens as the stand-in counts them: the o200k_base tokenizer of gpt-4o and gpt-4.1 over
 * the tool definitions (first, as the whole list) and then each message, with a few framing tokens
 * per message as the chat format adds. JSON tool schemas count somewhat more than OpenAI's own
 * rendering of them, so the counts err high, never low.
 *
 * Prompt caching as OpenAI does it: a prompt of at least 1,024 tokens whose beginning was seen
 * before is charged as cached for the longest such beginning, in steps of 128 tokens from 1,024.
 */

export const CACHE_MIN_TOKENS = 1_024;
export const CACHE_STEP_TOKENS = 128;
/** <|im_start|>, <|im_sep|> and <|im_end|> around each message; the same ids each time. */
const FRAME = { start: 200264, separator: 200266, end: 200265 };

function messageTokens(message: Record<string, unknown>): number[] {
  const { role, content, ...rest } = message;
  const text = typeof content === 'string' ? content : content == null ? '' : JSON.stringify(content);
  const extra = Object.keys(rest).length > 0 ? JSON.stringify(rest) : '';
  return [FRAME.start, ...encode(String(role)), FRAME.separator, ...encode(text + extra), FRAME.end];
}

/** The prompt of one request as tokens: tools first, then the messages in order. */
export function promptTokensOf(
  messages: readonly Record<string, unknown>[],
  tools: readonly Record<string, unknown>[],
): number[] {
  const tokens = tools.length > 0 ? [FRAME.start, ...encode(JSON.stringify(tools)), FRAME.end] : [];
  for (const message of messages) tokens.push(...messageTokens(message));
  return tokens;
}

/** Remembers the prompt beginnings it has seen, in 128-token blocks, as a chain of hashes. */
export class PromptCache {
  private readonly seen = new Set<string>();

  /** How many of `tokens` were cached (0 below 1,024), and remembers this prompt's beginnings. */
  cachedTokens(tokens: readonly number[]): number {
    let cached = 0;
    let chain = '';
    for (let end = CACHE_STEP_TOKENS; end <= tokens.length; end += CACHE_STEP_TOKENS) {
      const block = Int32Array.from(tokens.slice(end - CACHE_STEP_TOKENS, end));
      chain = createHash('sha1').update(chain).update(Buffer.from(block.buffer)).digest('hex');
      if (end < CACHE_MIN_TOKENS) continue;
      // A chain hash covers every block before it: a beginning seen once was seen whole.
      if (this.seen.has(chain)) cached = end;
      else this.seen.add(chain);
    }
    return cached;
  }

  clear(): void {
    this.seen.clear();
  }
}
