/**
 * Chat Completions wire shapes as OpenAI sends them: streamed chunks, the final usage chunk and
 * whole (non-streamed) completions. The stand-in builds its answers from these.
 */

export interface StandInToolCall {
  name: string;
  /** A JSON string (sent as is, even when invalid) or an object (serialised). */
  arguments: string | Record<string, unknown>;
  id?: string;
}

export interface StandInUsage {
  promptTokens: number;
  completionTokens: number;
  /** The part of promptTokens served from the prompt cache (usage.prompt_tokens_details.cached_tokens). */
  cachedTokens?: number;
}

export interface CompletionIdentity {
  id: string;
  model: string;
  created: number;
}

export const toolArguments = (call: StandInToolCall): string =>
  typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);

/** "Hello there, you" -> ["Hello ", "there, ", "you"]: one streamed delta per word. */
export const words = (text: string): string[] => text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);

/** Fragments of `size` characters: how real servers split tool-call arguments across chunks. */
export function fragments(text: string, size = 7): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

/** The tokeniser-free estimate the stand-in reports: about four characters per token. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export function chunk(
  identity: CompletionIdentity,
  delta: Record<string, unknown>,
  finishReason: string | null = null,
): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    system_fingerprint: 'fp_stand_in',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/** Sent after the finish chunk when the request asked for stream_options.include_usage. */
export function usageChunk(identity: CompletionIdentity, usage: StandInUsage): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    system_fingerprint: 'fp_stand_in',
    choices: [],
    usage: usageBody(usage),
  };
}

export const usageBody = (usage: StandInUsage) => ({
  prompt_tokens: usage.promptTokens,
  completion_tokens: usage.completionTokens,
  total_tokens: usage.promptTokens + usage.completionTokens,
  prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0, audio_tokens: 0 },
});

/** The content chunks of a text answer; the first carries the role, as OpenAI's do. */
export function textChunks(identity: CompletionIdentity, text: string): Record<string, unknown>[] {
  return words(text).map((word, index) =>
    chunk(identity, index === 0 ? { role: 'assistant', content: word } : { content: word }),
  );
}

/**
 * Tool calls as OpenAI streams them: per call one chunk with index, id, type and name (empty
 * arguments), then the arguments in fragments that carry only the index.
 */
export function toolCallChunks(
  identity: CompletionIdentity,
  calls: StandInToolCall[],
): Record<string, unknown>[] {
  return calls.flatMap((call, index) => {
    const id = call.id ?? `call_${identity.id.slice(-6)}_${index}`;
    const opening = chunk(identity, {
      ...(index === 0 ? { role: 'assistant', content: null } : {}),
      tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    const pieces = fragments(toolArguments(call)).map((piece) =>
      chunk(identity, { tool_calls: [{ index, function: { arguments: piece } }] }),
    );
    return [opening, ...pieces];
  });
}

/** A whole chat.completion object, for requests without `stream: true`. */
export function completionBody(
  identity: CompletionIdentity,
  answer: { text: string | null; calls: StandInToolCall[] },
  usage: StandInUsage,
): Record<string, unknown> {
  const toolCalls = answer.calls.map((call, index) => ({
    id: call.id ?? `call_${identity.id.slice(-6)}_${index}`,
    type: 'function',
    function: { name: call.name, arguments: toolArguments(call) },
  }));
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    system_fingerprint: 'fp_stand_in',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageBody(usage),
  };
}
