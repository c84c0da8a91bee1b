import { describe, expect, it } from 'vitest';
import { readSseFrames, type SseFrame } from './sse.js';

const encoder = new TextEncoder();

async function* chunked(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

async function read(...chunks: Uint8Array[]): Promise<{ frames: SseFrame[]; retries: number[] }> {
  const frames: SseFrame[] = [];
  const retries: number[] = [];
  const options = { onRetry: (retryMs: number) => retries.push(retryMs) };
  for await (const frame of readSseFrames(chunked(...chunks), options)) frames.push(frame);
  return { frames, retries };
}

const readText = (...parts: string[]) => read(...parts.map((part) => encoder.encode(part)));

/** One stream with every kind of line, written with `eol` as its line ending. */
const stream = (eol: string) =>
  [
    ': connected',
    'retry: 2500',
    'id: 1-0',
    'event: timer.finished',
    'data: {"a":1}',
    '',
    'data: first line',
    'data: ünïcödé 🎙️ 你好',
    '',
    ': heartbeat',
    '',
    'event: delta',
    'data:',
    '',
    'id: 7',
    '',
    'data:  two spaces',
    'foo: bar',
    'retry: soon',
    '',
    'data: never finished',
  ].join(eol);

const expected: SseFrame[] = [
  { id: '1-0', event: 'timer.finished', data: '{"a":1}' },
  { event: 'message', data: 'first line\nünïcödé 🎙️ 你好' },
  { event: 'delta', data: '' },
  { event: 'message', data: ' two spaces' },
];

const lineEndings = { LF: '\n', CRLF: '\r\n', CR: '\r' };

describe('readSseFrames', () => {
  for (const [name, eol] of Object.entries(lineEndings)) {
    const bytes = encoder.encode(stream(eol));

    it(`reads ${name} lines in one chunk, byte by byte, and split at every position`, async () => {
      const whole = { frames: expected, retries: [2500] };
      expect(await read(bytes)).toEqual(whole);
      expect(await read(...Array.from(bytes, (byte) => Uint8Array.of(byte)))).toEqual(whole);
      // Every position: inside a multi-byte character, and between the CR and LF of a CRLF.
      for (let at = 0; at <= bytes.length; at++) {
        expect(await read(bytes.subarray(0, at), bytes.subarray(at)), `split at ${at}`).toEqual(whole);
      }
    });
  }

  it('counts a CR that ends one chunk and an LF that starts the next as one line break', async () => {
    expect((await readText('data: a\r', '\ndata: b\r', '\n\r', '\n')).frames).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('yields each frame as soon as it is complete, before reading further', async () => {
    const log: string[] = [];
    async function* source(): AsyncGenerator<Uint8Array> {
      for (const part of ['data: a\n\ndata: b', '\n\n', 'data: c\r\r', 'data: d\r\n\r\n']) {
        log.push(`read ${JSON.stringify(part)}`);
        yield encoder.encode(part);
      }
    }
    for await (const frame of readSseFrames(source())) log.push(`frame ${frame.data}`);
    expect(log).toEqual([
      'read "data: a\\n\\ndata: b"',
      'frame a',
      'read "\\n\\n"',
      'frame b',
      // A lone CR at the end of a chunk already ends the frame; it does not wait for an LF.
      'read "data: c\\r\\r"',
      'frame c',
      'read "data: d\\r\\n\\r\\n"',
      'frame d',
    ]);
  });

  it('defaults an empty event name to "message", and keeps ids per frame', async () => {
    expect((await readText('event:\nid: 9\ndata: x\n\ndata: y\n\n')).frames).toEqual([
      { id: '9', event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });
});
