import { createParser } from 'eventsource-parser';

/**
 * Reading Server-Sent Events, the wire format of every Hark stream (POST /v1/converse, GET
 * /v1/events, the conversation service's internal turns). One reader for the client library
 * and the router, so both read a stream the same way; eventsource-parser does the parsing,
 * as the HTML spec defines it (line ends are made LF first: see `lineEndsToLf`).
 */

/** One Server-Sent Events frame that carried data: an event, as the spec dispatches it. */
export interface SseFrame {
  /** This frame's `id:` field, when it had one (the resume point for Last-Event-ID). */
  id?: string;
  /** The `event:` field; "message" when absent or empty. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

export interface SseReadOptions {
  /** Each `retry:` field (ms) as soon as it is read: how long to wait before reconnecting. */
  onRetry?: (retryMs: number) => void;
}

/**
 * Splits a byte stream of Server-Sent Events into frames as they complete, so each one can be
 * relayed or shown the moment it arrives. Lines may end in LF, CRLF or a lone CR, even when a
 * chunk ends between a CR and its LF. Comments (heartbeats) are dropped, multi-line data is
 * joined, and a frame without any `data:` line is not an event (the spec's rule), so it is
 * not yielded. A frame still incomplete when the stream ends is dropped.
 */
export async function* readSseFrames(
  body: AsyncIterable<Uint8Array>,
  options: SseReadOptions = {},
): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  const completed: SseFrame[] = [];
  const parser = createParser({
    onEvent: ({ id, event, data }) => {
      completed.push({ ...(id === undefined ? {} : { id }), event: event ?? 'message', data });
    },
    onRetry: options.onRetry,
  });
  const toLf = lineEndsToLf();
  for await (const chunk of body) {
    // `stream: true` keeps a UTF-8 character split between chunks for the next one.
    parser.feed(toLf(decoder.decode(chunk, { stream: true })));
    yield* completed.splice(0);
  }
}

/**
 * Rewrites CRLF and lone CR line ends as LF before the parser sees them. A CR that ends one chunk
 * ends its line at once (so that frame is not held back until more bytes arrive), and an LF
 * opening the next chunk is then the rest of that CRLF, not a second line end.
 */
function lineEndsToLf(): (text: string) => string {
  let afterCr = false;
  return (text) => {
    if (text === '') return text;
    const rest = afterCr && text.startsWith('\n') ? text.slice(1) : text;
    afterCr = text.endsWith('\r');
    return rest.replace(/\r\n?/g, '\n');
  };
}
