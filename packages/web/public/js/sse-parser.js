// Server-Sent Events over fetch: EventSource cannot send an Authorization header, so the client
// reads the response body itself and splits it into frames with this parser (the WHATWG
// "event stream interpretation", minus the parts a browser's EventSource does for itself).

// A line ends at CRLF, LF or CR.
const LINE_END = /\r\n|\n|\r/;

/**
 * Incremental parser: push text as it arrives, get back the frames it completed.
 * A frame is { event, data, id }: event defaults to "message"; id is the last id seen so far
 * (the value to send as Last-Event-ID). `retry` holds the server's reconnect delay, if it sent one.
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data = [];
  #hasData = false;
  #afterCR = false;
  /** The last event id the stream set (sticky across frames, as in EventSource). */
  lastEventId = '';
  /** Reconnect delay in ms from a `retry:` line, or null. */
  retry = null;

  /** Feeds decoded text; returns the frames completed by it, oldest first. */
  push(text) {
    // A CR that ended the previous chunk may be the first half of a CRLF.
    this.#buffer += this.#afterCR && text.startsWith('\n') ? text.slice(1) : text;
    this.#afterCR = false;
    const frames = [];
    for (let match = LINE_END.exec(this.#buffer); match; match = LINE_END.exec(this.#buffer)) {
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      if (match[0] === '\r' && this.#buffer === '') this.#afterCR = true;
      const frame = this.#line(line);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  #line(line) {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null; // a comment: heartbeats and ": connected"
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') {
      this.#data.push(value);
      this.#hasData = true;
    } else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return null;
  }

  #dispatch() {
    const frame = this.#hasData
      ? { event: this.#event || 'message', data: this.#data.join('\n'), id: this.lastEventId }
      : null;
    this.#event = '';
    this.#data = [];
    this.#hasData = false;
    return frame;
  }
}

/**
 * Reads a fetch Response body as an event stream, calling onFrame for each frame as it
 * completes. Resolves when the stream ends; rejects when reading fails (or is aborted).
 */
export async function readEventStream(response, onFrame, parser = new SseParser()) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const frame of parser.push(decoder.decode(value, { stream: true }))) onFrame(frame);
  }
  // A final frame without its blank line is incomplete, and dropped, as EventSource does.
  for (const frame of parser.push(decoder.decode())) onFrame(frame);
  return parser;
}

/** Parses a frame's data as JSON; null when it is not JSON. */
export function frameJson(frame) {
  try {
    return JSON.parse(frame.data);
  } catch {
    return null;
  }
}
