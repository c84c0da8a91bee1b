import type { ConversationTurnRequest } from '@hark/contracts';
import { turnHeaders } from './test-conversation.js';

export interface ReceivedEvent {
  event: string;
  data: Record<string, unknown>;
  /** performance.now() when the frame arrived. */
  at: number;
}

export interface StreamedTurn {
  status: number;
  contentType: string | null;
  events: ReceivedEvent[];
}

function parseFrame(block: string, at: number): ReceivedEvent | null {
  let event = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  return data ? { event, data: JSON.parse(data) as Record<string, unknown>, at } : null;
}

/**
 * POSTs a turn with Accept: text/event-stream and reads the frames as they arrive. `onEvent` may
 * return "hang-up" to close the connection there, as a client walking away would.
 */
export async function streamTurn(
  url: string,
  body: unknown,
  onEvent: (event: ReceivedEvent) => 'hang-up' | undefined = () => undefined,
): Promise<StreamedTurn> {
  const controller = new AbortController();
  const response = await fetch(`${url}/internal/turns`, {
    method: 'POST',
    headers: turnHeaders(body as Partial<ConversationTurnRequest>, { accept: 'text/event-stream' }),
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const events: ReceivedEvent[] = [];
  const result = { status: response.status, contentType: response.headers.get('content-type'), events };
  if (!response.body) return result;
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(bytes, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = parseFrame(buffer.slice(0, end), performance.now());
        buffer = buffer.slice(end + 2);
        if (!frame) continue;
        events.push(frame);
        if (onEvent(frame) === 'hang-up') {
          controller.abort();
          return result;
        }
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return result;
}
