import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAiStandIn, STAND_IN_DEFAULT_TRANSCRIPT, startOpenAiStandIn } from './openai-stand-in.js';

let standIn: OpenAiStandIn;
beforeEach(async () => {
  standIn ??= await startOpenAiStandIn();
  standIn.reset();
});
afterAll(() => standIn?.close());

function transcriptionForm(bytes: number, filename = 'audio.wav'): FormData {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], filename, { type: 'audio/wav' }));
  form.append('model', 'whisper-1');
  return form;
}

describe('OpenAI stand-in: audio', () => {
  it('answers a multipart transcription with the scripted text and records the file', async () => {
    const ask = () =>
      fetch(`${standIn.url}/audio/transcriptions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-test' },
        body: transcriptionForm(1234),
      });
    expect(await (await ask()).json()).toEqual({ text: STAND_IN_DEFAULT_TRANSCRIPT });
    standIn.transcript = 'set a timer for five minutes';
    expect(await (await ask()).json()).toEqual({ text: 'set a timer for five minutes' });
    expect(standIn.audioRequests[0]).toMatchObject({
      kind: 'transcription',
      model: 'whisper-1',
      filename: 'audio.wav',
      fileBytes: 1234,
      authorization: 'Bearer sk-test',
    });
    expect(standIn.requests).toEqual([]);
  });

  it('refuses a transcription without a file, as OpenAI does', async () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    const response = await fetch(`${standIn.url}/audio/transcriptions`, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(standIn.audioRequests).toEqual([]);
  });

  it('answers speech with audio/mpeg bytes and records the request', async () => {
    const response = await fetch(`${standIn.url}/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tts-1', input: 'It is nine.', voice: 'alloy', response_format: 'mp3' }),
    });
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('latin1')).toBe('ID3');
    expect(standIn.audioRequests).toEqual([
      expect.objectContaining({
        kind: 'speech',
        input: 'It is nine.',
        voice: 'alloy',
        responseFormat: 'mp3',
      }),
    ]);
  });
});
