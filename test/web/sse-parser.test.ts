// The web client's Server-Sent Events parser (packages/web/public/js/sse-parser.js): frames from
// /v1/converse and /v1/events as the server writes them, split anywhere by the network.
import { describe, expect, it } from 'vitest';
import { readEventStream, type SseFrame, SseParser } from '../../packages/web/public/js/sse-parser.js';

const converseStream =
  'event: intent\ndata: {"sessionId":"s1","intent":null}\n\n' +
  'event: delta\ndata: {"text":"Quick"}\n\n' +
  'event: delta\ndata: {"text":"sort"}\n\n' +
  'event: done\ndata: {"reply":{"text":"Quicksort"}}\n\n';

const parseAll = (text: string) => new SseParser().push(text);

describe('SseParser', () => {
  it('splits a converse stream into its frames, in order', () => {
    expect(parseAll(converseStream).map((frame) => [frame.event, JSON.parse(frame.data)])).toEqual([
      ['intent', { sessionId: 's1', intent: null }],
      ['delta', { text: 'Quick' }],
      ['delta', { text: 'sort' }],
      ['done', { reply: { text: 'Quicksort' } }],
    ]);
  });

  it('gives the same frames however the bytes are split', () => {
    const whole = parseAll(converseStream);
    for (const size of [1, 2, 3, 7, 16]) {
      const parser = new SseParser();
      const frames: SseFrame[] = [];
      for (let at = 0; at < converseStream.length; at += size)
        frames.push(...parser.push(converseStream.slice(at, at + size)));
      expect(frames, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('keeps the last event id for Last-Event-ID, skips comments, and reads retry', () => {
    const parser = new SseParser();
    const frames = parser.push(
      'retry: 2000\n: connected\n\n' +
        'id: 1700000000000-0\nevent: timer.started\ndata: {"type":"timer.started"}\n\n' +
        ': heartbeat\n\n' +
        'id: 1700000000001-0\nevent: timer.finished\ndata: {"type":"timer.finished"}\n\n',
    );
    expect(frames.map((frame) => [frame.event, frame.id])).toEqual([
      ['timer.started', '1700000000000-0'],
      ['timer.finished', '1700000000001-0'],
    ]);
    expect(parser.lastEventId).toBe('1700000000001-0');
    expect(parser.retry).toBe(2000);
  });

  it('joins multi-line data, accepts CRLF and CR line ends, and defaults the event to "message"', () => {
    expect(parseAll('data: one\r\ndata:two\r\n\r\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: '' },
    ]);
    expect(parseAll('event: delta\rdata: x\r\r')).toEqual([{ event: 'delta', data: 'x', id: '' }]);
    // A CR at the end of a chunk may be half of a CRLF: the LF that follows is not a second line end.
    const parser = new SseParser();
    expect(parser.push('data: y\r')).toEqual([]);
    expect(parser.push('\n\r')).toEqual([{ event: 'message', data: 'y', id: '' }]);
    expect(parser.push('\ndata: z\n\n')).toEqual([{ event: 'message', data: 'z', id: '' }]);
  });

  it('ignores a frame without data and an unfinished last frame', () => {
    expect(parseAll('event: nothing\n\nevent: delta\ndata: {"text":"cut')).toEqual([]);
  });
});

describe('readEventStream', () => {
  it('reads a fetch body, decoding UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"13°C ☀"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    const frames: SseFrame[] = [];
    await readEventStream(new Response(body), (frame) => frames.push(frame));
    expect(frames).toEqual([{ event: 'delta', data: '{"text":"13°C ☀"}', id: '' }]);
  });
});
