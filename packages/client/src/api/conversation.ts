import { readSseFrames } from '@hark/contracts';
import { HarkApiError } from '../errors.js';
import type { CallOptions, Transport } from '../transport.js';
import type {
  ConverseRequest,
  ConverseResponse,
  IntentMatch,
  ParseRequest,
  ParseResponse,
  StreamError,
  ToolEvent,
} from '../types.js';

/** The events of a streamed turn, in order: `intent`, then `delta`s and `tool`s (premium path), then `done` or `error`. */
export type ConverseStreamEvent =
  | { event: 'intent'; data: { sessionId: string; intent: IntentMatch | null } }
  | { event: 'delta'; data: { text: string } }
  | { event: 'tool'; data: ToolEvent }
  | { event: 'done'; data: ConverseResponse }
  | { event: 'error'; data: StreamError };

const streamEvents = new Set<string>(['intent', 'delta', 'tool', 'done', 'error']);

export interface ConversationApi {
  /** One turn of conversation as one JSON answer. */
  converse(request: ConverseRequest, options?: CallOptions): Promise<ConverseResponse>;
  /**
   * The same turn as it happens. Ends after `done` or `error`; an error after the stream
   * started arrives as an `error` event (with the HARK_ERR_* code), not as a thrown error.
   * Breaking out of the loop hangs up, which aborts the turn upstream.
   */
  converseStream(request: ConverseRequest, options?: CallOptions): AsyncGenerator<ConverseStreamEvent>;
  /** Intent and slots only (POST /v1/nlu/parse); nothing is executed. */
  parse(request: ParseRequest, options?: CallOptions): Promise<ParseResponse>;
}

export function conversationApi(transport: Transport): ConversationApi {
  return {
    converse: (body, options) =>
      transport.json({ method: 'POST', path: '/v1/converse', auth: 'user', body, ...options }),
    parse: (body, options) =>
      transport.json({ method: 'POST', path: '/v1/nlu/parse', auth: 'user', body, ...options }),
    converseStream: (body, options) => converseStream(transport, body, options),
  };
}

async function* converseStream(
  transport: Transport,
  body: ConverseRequest,
  options: CallOptions = {},
): AsyncGenerator<ConverseStreamEvent> {
  const { response, abort } = await transport.open({
    method: 'POST',
    path: '/v1/converse',
    auth: 'user',
    body,
    accept: 'text/event-stream',
    ...options,
  });
  try {
    // A server that answers the turn as JSON anyway still gives the caller its `done`.
    if (!response.headers.get('content-type')?.includes('text/event-stream')) {
      yield { event: 'done', data: (await response.json()) as ConverseResponse };
      return;
    }
    if (!response.body) return;
    for await (const frame of readSseFrames(response.body)) {
      if (!streamEvents.has(frame.event)) continue; // events of a newer server
      const event = { event: frame.event, data: parseData(frame.data) } as ConverseStreamEvent;
      yield event;
      if (event.event === 'done' || event.event === 'error') return;
    }
  } catch (error) {
    throw options.signal?.aborted ? options.signal.reason : error;
  } finally {
    abort();
  }
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new HarkApiError(200, 'HTTP_200', 'the server sent a stream event that is not JSON', { data });
  }
}
