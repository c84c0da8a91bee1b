import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AudioScript,
  handleAudio,
  isAudioPath,
  type RecordedAudioRequest,
  STAND_IN_DEFAULT_TRANSCRIPT,
} from './openai-audio.js';
import {
  type CompletionIdentity,
  completionBody,
  estimateTokens,
  type StandInToolCall,
  type StandInUsage,
  textChunks,
  toolArguments,
  toolCallChunks,
  usageChunk,
  chunk as withDelta,
} from './openai-chunks.js';
import { PromptCache, promptTokensOf } from './openai-prompt-tokens.js';

export type { RecordedAudioRequest } from './openai-audio.js';
export { STAND_IN_DEFAULT_TRANSCRIPT, standInSpeechBytes } from './openai-audio.js';
export type { StandInToolCall, StandInUsage } from './openai-chunks.js';

/**
 * A local OpenAI-compatible Chat Completions server on 127.0.0.1:0, for tests and benches.
 * It speaks the real wire format (SSE `data:` chunks, word-by-word deltas, tool-call argument
 * fragments, a usage chunk, `data: [DONE]`; or whole JSON completions), answers from a queue of
 * scripted answers, records every request, and notices clients that hang up mid-stream.
 * Audio (transcriptions, speech) is answered too: see openai-audio.ts.
 * Point the openai SDK at `url` (it ends in /v1).
 */

interface StreamTiming {
  /** Headers go out at once; the first chunk waits this long (a slow first token). */
  firstChunkDelayMs?: number;
  /** Pause between chunks, to spread a stream over time. */
  chunkDelayMs?: number;
  /** Usage to report; counted (prompt: real tokenizer and prompt cache) when absent. */
  usage?: StandInUsage;
}

export type ScriptedAnswer =
  | ({
      kind: 'text';
      text: string /** Destroys the socket after this many chunks. */;
      dropAfterChunks?: number;
    } & StreamTiming)
  | ({
      kind: 'tool_calls';
      calls: StandInToolCall[] /** Said before the calls, as some models do. */;
      text?: string;
    } & StreamTiming)
  /** An error status with OpenAI's error body; `retryAfterSeconds` sets Retry-After. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string };

export interface RecordedChatRequest {
  path: string;
  model: string;
  messages: Record<string, unknown>[];
  tools: Record<string, unknown>[];
  stream: boolean;
  includeUsage: boolean;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** Prompt tokens with the o200k_base tokenizer (tools and messages; see openai-prompt-tokens.ts). */
  promptTokens: number;
  /** Of those, the tokens a previous request's prompt began with (OpenAI's automatic prompt caching). */
  cachedTokens: number;
}

export interface OpenAiStandIn {
  /** Base URL for the SDK, e.g. http://127.0.0.1:41234/v1. */
  url: string;
  requests: RecordedChatRequest[];
  /** Transcription and speech requests, in order. */
  audioRequests: RecordedAudioRequest[];
  /** What every transcription answers; `reset()` restores STAND_IN_DEFAULT_TRANSCRIPT. */
  transcript: string;
  /** Streams whose client closed the connection before the stream ended. */
  readonly clientAborts: number;
  /** Answers for the next requests, in order; once used up, `defaultAnswer` applies. */
  enqueue(...answers: ScriptedAnswer[]): void;
  /** Replaces the answer given when the queue is empty (benches that answer from the request). */
  answerWith(defaultAnswer: (request: RecordedChatRequest) => ScriptedAnswer): void;
  /** Resolves when a client hangs up mid-stream (or rejects after `timeoutMs`). */
  waitForClientAbort(timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export interface OpenAiStandInOptions {
  /** The answer when the queue is empty; by default a short sentence. */
  defaultAnswer?: (request: RecordedChatRequest) => ScriptedAnswer;
}

export const STAND_IN_DEFAULT_TEXT = 'This is the stand-in speaking, word by word.';

let completionCounter = 0;

export async function startOpenAiStandIn(options: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  const standardAnswer = (): ScriptedAnswer => ({ kind: 'text', text: STAND_IN_DEFAULT_TEXT });
  let defaultAnswer = options.defaultAnswer ?? standardAnswer;
  const promptCache = new PromptCache();
  const queue: ScriptedAnswer[] = [];
  const requests: RecordedChatRequest[] = [];
  const abortWaiters = new Set<() => void>();
  let clientAborts = 0;
  const audio: AudioScript = { transcript: STAND_IN_DEFAULT_TRANSCRIPT, requests: [] };

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (request.method === 'POST' && isAudioPath(path)) return handleAudio(request, response, path, audio);
    if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
      return sendError(response, 404, `Unknown path ${request.method} ${path}`);
    }
    const body = await readJson(request);
    if (!body || typeof body.model !== 'string' || !Array.isArray(body.messages)) {
      return sendError(response, 400, 'model and messages are required');
    }
    const recorded = record(path, body, request.headers.authorization, promptCache);
    requests.push(recorded);
    const answer = queue.shift() ?? defaultAnswer(recorded);
    const identity = { id: `chatcmpl-${++completionCounter}`, model: recorded.model, created: 1_767_225_600 };
    if (answer.kind === 'status') return sendStatus(response, answer);
    if (!recorded.stream) return sendJson(response, 200, wholeCompletion(identity, answer, recorded));
    response.on('close', () => {
      if (response.writableFinished) return;
      clientAborts++;
      for (const wake of abortWaiters) wake();
    });
    await sendStream(response, identity, answer, recorded);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    audioRequests: audio.requests,
    get transcript() {
      return audio.transcript;
    },
    set transcript(text: string) {
      audio.transcript = text;
    },
    get clientAborts() {
      return clientAborts;
    },
    enqueue: (...answers) => void queue.push(...answers),
    answerWith(answer) {
      defaultAnswer = answer;
    },
    waitForClientAbort(timeoutMs = 3_000) {
      if (clientAborts > 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          abortWaiters.delete(wake);
          reject(new Error(`no client hung up within ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          abortWaiters.delete(wake);
          resolve();
        };
        abortWaiters.add(wake);
      });
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      audio.requests.length = 0;
      audio.transcript = STAND_IN_DEFAULT_TRANSCRIPT;
      clientAborts = 0;
      promptCache.clear();
      defaultAnswer = options.defaultAnswer ?? standardAnswer;
    },
    async close() {
      // Slow streams would keep the server open for their whole delay.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function record(
  path: string,
  body: Record<string, unknown>,
  authorization: string | undefined,
  promptCache: PromptCache,
): RecordedChatRequest {
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  const messages = body.messages as Record<string, unknown>[];
  const tools = Array.isArray(body.tools) ? (body.tools as Record<string, unknown>[]) : [];
  const prompt = promptTokensOf(messages, tools);
  return {
    path,
    model: body.model as string,
    messages,
    tools,
    stream: body.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    body,
    authorization,
    promptTokens: prompt.length,
    cachedTokens: promptCache.cachedTokens(prompt),
  };
}

/** Usage as given, else estimated from what was asked and what is answered. */
function usageFor(
  answer: Exclude<ScriptedAnswer, { kind: 'status' }>,
  request: RecordedChatRequest,
): StandInUsage {
  if (answer.usage) return answer.usage;
  const said =
    answer.kind === 'text' ? answer.text : `${answer.text ?? ''}${answer.calls.map(toolArguments).join('')}`;
  return {
    promptTokens: request.promptTokens,
    completionTokens: estimateTokens(said),
    cachedTokens: request.cachedTokens,
  };
}

function wholeCompletion(
  identity: CompletionIdentity,
  answer: Exclude<ScriptedAnswer, { kind: 'status' }>,
  request: RecordedChatRequest,
): Record<string, unknown> {
  const calls = answer.kind === 'tool_calls' ? answer.calls : [];
  const text = answer.kind === 'text' ? answer.text : (answer.text ?? null);
  return completionBody(identity, { text, calls }, usageFor(answer, request));
}

async function sendStream(
  response: ServerResponse,
  identity: CompletionIdentity,
  answer: Exclude<ScriptedAnswer, { kind: 'status' }>,
  request: RecordedChatRequest,
): Promise<void> {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  response.flushHeaders();
  const chunks =
    answer.kind === 'text'
      ? [...textChunks(identity, answer.text), withDelta(identity, {}, 'stop')]
      : [
          ...(answer.text ? textChunks(identity, answer.text) : []),
          ...toolCallChunks(identity, answer.calls),
          withDelta(identity, {}, 'tool_calls'),
        ];
  if (request.includeUsage) chunks.push(usageChunk(identity, usageFor(answer, request)));
  if (answer.firstChunkDelayMs) await sleep(answer.firstChunkDelayMs);
  for (const [index, piece] of chunks.entries()) {
    if (response.destroyed) return;
    const dropping = answer.kind === 'text' && answer.dropAfterChunks !== undefined;
    if (dropping && answer.dropAfterChunks === index) {
      response.destroy();
      return;
    }
    const frame = `data: ${JSON.stringify(piece)}\n\n`;
    // Before a drop, each chunk must really have left, or the drop would swallow it.
    if (dropping) await new Promise<void>((resolve) => response.write(frame, () => resolve()));
    else response.write(frame);
    if (answer.chunkDelayMs) await sleep(answer.chunkDelayMs);
  }
  if (!response.destroyed) response.end('data: [DONE]\n\n');
}

function sendStatus(response: ServerResponse, answer: Extract<ScriptedAnswer, { kind: 'status' }>): void {
  if (answer.retryAfterSeconds !== undefined)
    response.setHeader('retry-after', String(answer.retryAfterSeconds));
  sendError(response, answer.status, answer.message ?? `Stand-in status ${answer.status}`);
}

function sendError(response: ServerResponse, status: number, message: string): void {
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(response, status, { error: { message, type, param: null, code: null } });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  await once(request, 'end');
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
