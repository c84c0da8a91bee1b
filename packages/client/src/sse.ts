/** One Server-Sent Events frame, as the wire format defines it. */
export interface SseFrame {
  /** The `id:` field, when the frame had one (the resume point for Last-Event-ID). */
  id?: string;
  /** The `event:` field; "message" when absent. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
  /** A `retry:` field: how long the server asks a client to wait before reconnecting, in ms. */
  retry?: number;
}

/**
 * Splits a byte stream of Server-Sent Events into frames as they complete, so each one can be
 * shown the moment it arrives. Comment lines (heartbeats) are dropped; a frame with only a
 * `retry:` field is still yielded, with empty data, so the caller learns the delay.
 */
export async function* readSseFrames(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = parseSseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (frame) yield frame;
      end = buffer.indexOf('\n\n');
    }
  }
}

/** One block of lines; null when it held nothing but comments. */
export function parseSseFrame(block: string): SseFrame | null {
  const frame: SseFrame = { event: 'message', data: '' };
  const data: string[] = [];
  let meaningful = false;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    meaningful = true;
    if (field === 'data') data.push(value);
    else if (field === 'event') frame.event = value;
    else if (field === 'id') frame.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) frame.retry = Number(value);
  }
  if (!meaningful) return null;
  frame.data = data.join('\n');
  return frame;
}
