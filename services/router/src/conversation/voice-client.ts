import { type AudioContentType, INTERNAL_TOKEN_HEADER, transcriptionResultSchema } from '@hark/contracts';
import { HarkError } from '@hark/core';
import { premiumGrantHeader } from './premium-grant.js';

/**
 * Server-side speech through services/conversation (POST /internal/transcriptions and /internal/speech),
 * for `userId`, whom the caller has let through (voice.stt, voice.tts): each call carries a premium grant.
 */
export interface VoiceClient {
  transcribe(userId: string, audio: Buffer, type: AudioContentType): Promise<string>;
  /** audio/mpeg bytes; the service caches them by model, voice and text. */
  synthesize(userId: string, text: string, voice?: string): Promise<Buffer>;
}

export interface VoiceClientOptions {
  baseUrl: string;
  internalToken: string;
  /** Bound on one call, on top of the service's own upstream timeout. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

type Work = 'transcription' | 'speech';

/** The service's own catalogue error when it sent one (e.g. an empty recording), else "not answering". */
async function failureOf(what: Work, response: Response): Promise<HarkError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (body?.error?.code === 'HARK_ERR_EMPTY_AUDIO') return new HarkError('EMPTY_AUDIO');
  return new HarkError('SPEECH_UNAVAILABLE', { what, reason: `status ${response.status}` });
}

export function createVoiceClient(options: VoiceClientOptions): VoiceClient {
  const doFetch = options.fetch ?? fetch;
  async function call(what: Work, userId: string, path: string, contentType: string, body: Buffer | string) {
    const grant = premiumGrantHeader(options.internalToken, {
      use: what,
      userId,
      sessionId: null,
      plan: null,
      access: 'plan',
      quota: null,
      period: null,
    });
    const response = await doFetch(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, [INTERNAL_TOKEN_HEADER]: options.internalToken, ...grant },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    }).catch(() => {
      throw new HarkError('SPEECH_UNAVAILABLE', { what, reason: 'conversation service unreachable' });
    });
    if (!response.ok) throw await failureOf(what, response);
    return response;
  }
  return {
    async transcribe(userId, audio, type) {
      const response = await call('transcription', userId, '/internal/transcriptions', type, audio);
      return transcriptionResultSchema.parse(await response.json()).text;
    },
    async synthesize(userId, text, voice) {
      const body = JSON.stringify(voice ? { text, voice } : { text });
      const response = await call('speech', userId, '/internal/speech', 'application/json', body);
      return Buffer.from(await response.arrayBuffer());
    },
  };
}
