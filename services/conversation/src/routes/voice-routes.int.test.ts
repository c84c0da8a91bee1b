import { standInSpeechBytes } from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestConversation, type TestConversation, voiceHeaders } from '../testing/test-conversation.js';

let service: TestConversation;
beforeAll(async () => {
  service = await startTestConversation({ STT_MODEL: 'whisper-large', TTS_MODEL: 'tts-1-hd' });
});
beforeEach(() => service.standIn.reset());
afterAll(() => service.close());

const transcribe = (body: Buffer, contentType: string) =>
  service.app.inject({
    method: 'POST',
    url: '/internal/transcriptions',
    headers: voiceHeaders('transcription', { 'content-type': contentType }),
    payload: body,
  });

const speak = (payload: Record<string, unknown>) =>
  service.app.inject({ method: 'POST', url: '/internal/speech', headers: voiceHeaders('speech'), payload });

describe('POST /internal/transcriptions', () => {
  it('sends the raw audio upstream as a file named for its container and answers the text', async () => {
    const response = await transcribe(Buffer.alloc(2048, 1), 'audio/webm;codecs=opus');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ text: 'what time is it' });
    expect(service.standIn.audioRequests).toEqual([
      expect.objectContaining({
        kind: 'transcription',
        model: 'whisper-large',
        filename: 'audio.webm',
        fileBytes: 2048,
      }),
    ]);
  });

  it('refuses other content types, empty bodies and callers without the token', async () => {
    expect((await transcribe(Buffer.from('{}'), 'application/json')).json().error.code).toBe(
      'HARK_ERR_UNSUPPORTED_AUDIO_TYPE',
    );
    expect((await transcribe(Buffer.alloc(0), 'audio/wav')).json().error.code).toBe('HARK_ERR_EMPTY_AUDIO');
    const anonymous = await service.app.inject({
      method: 'POST',
      url: '/internal/transcriptions',
      headers: { 'content-type': 'audio/wav' },
      payload: Buffer.alloc(10),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(service.standIn.audioRequests).toEqual([]);
  });
});

describe('POST /internal/speech', () => {
  it('answers audio/mpeg and serves the same text and voice from the cache', async () => {
    const first = await speak({ text: 'It is half past ten.' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('audio/mpeg');
    expect(first.rawPayload).toEqual(standInSpeechBytes('It is half past ten.', 'alloy'));
    const again = await speak({ text: 'It is half past ten.' });
    expect(again.rawPayload).toEqual(first.rawPayload);
    expect(service.standIn.audioRequests).toEqual([
      expect.objectContaining({ kind: 'speech', model: 'tts-1-hd', voice: 'alloy', responseFormat: 'mp3' }),
    ]);

    const otherVoice = await speak({ text: 'It is half past ten.', voice: 'nova' });
    expect(otherVoice.rawPayload).toEqual(standInSpeechBytes('It is half past ten.', 'nova'));
    expect(service.standIn.audioRequests).toHaveLength(2);
  });

  it('answers 503 HARK_ERR_SPEECH_UNAVAILABLE when the upstream fails', async () => {
    const failing = await startTestConversation({ TTS_BASE_URL: 'http://127.0.0.1:9/v1' });
    try {
      const response = await failing.app.inject({
        method: 'POST',
        url: '/internal/speech',
        headers: voiceHeaders('speech'),
        payload: { text: 'Hello' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('HARK_ERR_SPEECH_UNAVAILABLE');
    } finally {
      await failing.close();
    }
  });
});
