import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ToolCallRequest } from '../tools/skill-tools.js';
import { classifyFailure, LlmFailure, TurnAbort } from './llm-failure.js';

/** What one round asks: the whole conversation so far, and the tools on offer (none in the last round). */
export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools: ChatCompletionFunctionTool[];
  /**
   * Sent as `prompt_cache_key`: OpenAI routes requests with the same key and prompt beginning to
   * the same cache. Absent: not sent (LLM_PROMPT_CACHE_KEY=false, for servers that refuse it).
   */
  cacheKey?: string;
}

export interface ModelAnswer {
  model: string;
  text: string;
  toolCalls: ToolCallRequest[];
  /**
   * From the stream's usage chunk; null when the server sent none. cachedTokens is the part of
   * promptTokens read from the prompt cache (0 when the server does not say).
   */
  usage: { promptTokens: number; completionTokens: number; cachedTokens: number } | null;
}

export interface ModelCallSettings {
  client: OpenAI;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  maxOutputTokens: number;
}

/** Puts streamed chunks back together: text as it comes, tool calls from their fragments by index. */
class AnswerAssembler {
  text = '';
  finished = false;
  usage: ModelAnswer['usage'] = null;
  private readonly calls = new Map<number, ToolCallRequest>();

  add(chunk: ChatCompletionChunk, onText: (text: string) => void): void {
    if (chunk.usage) {
      this.usage = {
        promptTokens: chunk.usage.prompt_tokens,
        completionTokens: chunk.usage.completion_tokens,
        cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
      };
    }
    const choice = chunk.choices[0];
    if (!choice) return;
    if (choice.delta.content) {
      this.text += choice.delta.content;
      onText(choice.delta.content);
    }
    for (const fragment of choice.delta.tool_calls ?? []) {
      const call = this.calls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
      call.id ||= fragment.id ?? '';
      call.name += fragment.function?.name ?? '';
      call.arguments += fragment.function?.arguments ?? '';
      this.calls.set(fragment.index, call);
    }
    if (choice.finish_reason) this.finished = true;
  }

  toolCalls(): ToolCallRequest[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  }
}

/** Rejects as soon as `signal` aborts, even while the SDK sleeps before a retry (it does not watch then). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // settles after we stopped listening: not an unhandled rejection
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * One streamed Chat Completions call to one model. Fails with an LlmFailure when no chunk arrives
 * within the first-token timeout, when `turnSignal` aborts (client gone, total timeout), on any
 * upstream error, or when the stream stops before a finish reason.
 */
export async function streamModelAnswer(
  settings: ModelCallSettings,
  model: string,
  request: ChatRequest,
  turnSignal: AbortSignal,
  onText: (text: string) => void,
): Promise<ModelAnswer> {
  const call = new AbortController();
  const relayAbort = () => call.abort(turnSignal.reason);
  turnSignal.addEventListener('abort', relayAbort, { once: true });
  if (turnSignal.aborted) relayAbort();
  const firstToken = setTimeout(() => call.abort(new TurnAbort('first-token')), settings.firstTokenTimeoutMs);
  try {
    const stream = await untilAborted(
      settings.client.chat.completions.create(
        {
          model,
          messages: request.messages,
          ...(request.tools.length > 0 ? { tools: request.tools } : {}),
          ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
          // max_tokens rather than max_completion_tokens: Ollama, vLLM and llama.cpp all read it.
          max_tokens: settings.maxOutputTokens,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal: call.signal, maxRetries: settings.maxRetries, timeout: settings.totalTimeoutMs },
      ),
      call.signal,
    );
    const answer = new AnswerAssembler();
    for await (const chunk of stream) {
      clearTimeout(firstToken);
      answer.add(chunk, onText);
    }
    // The SDK ends the iteration quietly when aborted; the reason says why.
    if (call.signal.aborted) throw call.signal.reason;
    if (!answer.finished) {
      throw new LlmFailure('unavailable', 'the stream ended before the answer did', {
        tryNextModel: true,
        upstreamFault: true,
      });
    }
    return { model, text: answer.text, toolCalls: answer.toolCalls(), usage: answer.usage };
  } catch (error) {
    throw classifyFailure(error, call.signal, settings);
  } finally {
    clearTimeout(firstToken);
    turnSignal.removeEventListener('abort', relayAbort);
  }
}
