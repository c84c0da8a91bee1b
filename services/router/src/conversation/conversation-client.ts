import {
  type ConversationStreamEvent,
  type ConversationTurnRequest,
  type ConversationTurnResult,
  conversationTurnResultSchema,
  deltaEventSchema,
  INTERNAL_TOKEN_HEADER,
  type PremiumGrantClaims,
  readSseFrames,
  streamErrorEventSchema,
  toolEventSchema,
} from '@hark/contracts';
import { createNodeHttpFetch } from '@hark/core';
import { premiumGrantHeader } from './premium-grant.js';

/** The conversation service could not give an answer; `code` is its HARK_ERR_* code or our own. */
export class ConversationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConversationFailure';
  }
}

/** What the premium gate decided for a turn: the plan, the access and the quota taken (premium-turn.ts). */
export type TurnGrant = Pick<PremiumGrantClaims, 'plan' | 'access' | 'quota' | 'period'>;

export interface ConversationClient {
  /**
   * Streams one turn: `onEvent` sees each delta and tool call as it arrives; resolves with `done`.
   * `grant` goes along signed (premium-grant.ts): the service runs the turn under its plan only.
   */
  turn(
    request: ConversationTurnRequest,
    onEvent: (event: Exclude<ConversationStreamEvent, { event: 'done' | 'error' }>) => void,
    signal: AbortSignal,
    grant: TurnGrant,
  ): Promise<ConversationTurnResult>;
}

export interface ConversationClientOptions {
  baseUrl: string;
  internalToken: string;
  /** Bound on the whole turn, on top of the service's own upstream timeouts. */
  timeoutMs: number;
  /** The transport (tests); node:http with kept-alive connections otherwise. */
  fetch?: typeof fetch;
}

function parseEvent(event: string, data: string): ConversationStreamEvent | null {
  const json = JSON.parse(data);
  switch (event) {
    case 'delta':
      return { event, data: deltaEventSchema.parse(json) };
    case 'tool':
      return { event, data: toolEventSchema.parse(json) };
    case 'done':
      return { event, data: conversationTurnResultSchema.parse(json) };
    case 'error':
      return { event, data: streamErrorEventSchema.parse(json) };
    default:
      return null; // Unknown events are for newer routers; skip them.
  }
}

async function failureOf(response: Response): Promise<ConversationFailure> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  return new ConversationFailure(
    body?.error?.code ?? 'HARK_ERR_UPSTREAM_UNAVAILABLE',
    body?.error?.message ?? `conversation service answered ${response.status}`,
  );
}

/** HTTP client of services/conversation's internal API (POST /internal/turns, streamed). */
export function createConversationClient(options: ConversationClientOptions): ConversationClient {
  const doFetch = options.fetch ?? createNodeHttpFetch();
  return {
    async turn(request, onEvent, signal, grant) {
      const { userId, sessionId } = request;
      const response = await doFetch(`${options.baseUrl}/internal/turns`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          [INTERNAL_TOKEN_HEADER]: options.internalToken,
          ...premiumGrantHeader(options.internalToken, { use: 'turn', userId, sessionId, ...grant }),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
      }).catch((error: unknown) => {
        throw new ConversationFailure(
          'HARK_ERR_UPSTREAM_UNAVAILABLE',
          `conversation service unreachable: ${String(error)}`,
        );
      });
      if (!response.ok || !response.body) throw await failureOf(response);
      for await (const frame of readSseFrames(response.body as unknown as AsyncIterable<Uint8Array>)) {
        const event = parseEvent(frame.event, frame.data);
        if (!event) continue;
        if (event.event === 'done') return event.data;
        if (event.event === 'error') throw new ConversationFailure(event.data.code, event.data.message);
        onEvent(event);
      }
      throw new ConversationFailure(
        'HARK_ERR_UPSTREAM_UNAVAILABLE',
        'the conversation stream ended without an answer',
      );
    },
  };
}
