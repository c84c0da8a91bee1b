import { countTokens as cl100kTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200kTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** How a model's text is counted: its real tokenizer where Hark knows it, else about 4 characters a token. */
export type TokenCounter = (text: string) => number;

/** Rough but tokeniser-free: about four characters per token for English, JSON included. */
export const estimateTokenCount: TokenCounter = (text) => Math.ceil(text.length / 4);

/** Model families by their tokenizer (OpenAI's names; dated snapshots start the same). */
const O200K = /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/;
const CL100K = /^(gpt-4|gpt-3\.5)/;

/**
 * The token counter of `model`: o200k_base for the gpt-4o, gpt-4.1, gpt-5 and o-series families,
 * cl100k_base for older gpt-4 and gpt-3.5, the characters / 4 estimate for any other model (a
 * local Llama counts differently, and Hark ships no tokenizer for it).
 */
export function tokenCounterFor(model: string): TokenCounter {
  if (O200K.test(model)) return o200kTokens;
  if (CL100K.test(model)) return cl100kTokens;
  return estimateTokenCount;
}
