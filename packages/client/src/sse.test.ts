import { describe, expect, it } from 'vitest';
import { parseSseFrame, readSseFrames } from './sse.js';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function collect(...parts: string[]) {
  const frames = [];
  for await (const frame of readSseFrames(chunks(...parts))) frames.push(frame);
  return frames;
}

describe('readSseFrames', () => {
  it('yields frames as they complete, across chunk boundaries, CRLF or LF', async () => {
    const frames = await collect(
      'id: 1-0\nevent: timer.fin',
      'ished\ndata: {"a":1}\n',
      '\nevent: delta\r\ndata: hi\r\n\r\n',
    );
    expect(frames).toEqual([
      { id: '1-0', event: 'timer.finished', data: '{"a":1}' },
      { event: 'delta', data: 'hi' },
    ]);
  });

  it('drops comment-only blocks (heartbeats) but keeps a retry-only frame', async () => {
    const frames = await collect('retry: 2000\n: connected\n\n: heartbeat\n\ndata: x\n\n');
    expect(frames).toEqual([
      { event: 'message', data: '', retry: 2000 },
      { event: 'message', data: 'x' },
    ]);
  });

  it('joins multi-line data and keeps a frame that is still incomplete for later', async () => {
    expect(await collect('data: a\ndata: b\n\ndata: never finished')).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });
});

describe('parseSseFrame', () => {
  it('strips one space after the colon only, and ignores unknown fields', () => {
    expect(parseSseFrame('data:  two spaces\nfoo: bar')).toEqual({ event: 'message', data: ' two spaces' });
    expect(parseSseFrame('retry: soon\ndata: x')).toEqual({ event: 'message', data: 'x' });
  });
});
