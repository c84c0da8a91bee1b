import { type AudioContentType, INTERNAL_TOKEN_HEADER, transcriptionResultSchema } from '@hark/contracts';
import { HarkError } from '@hark/core';

/** Server-side speech through services/conversation (POST /internal/transcriptions and /internal/speech). */
export interface VoiceClient {
  transcribe(audio: Buffer, type: AudioContentType): Promise<string>;
  /** audio/mpeg bytes; the service caches them by model, voice and text. */
  synthesize(text: string, voice?: string): Promise<Buffer>;
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
  async function call(what: Work, path: string, contentType: string, body: Buffer | string) {
    const response = await doFetch(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, [INTERNAL_TOKEN_HEADER]: options.internalToken },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    }).catch(() => {
      throw new HarkError('SPEECH_UNAVAILABLE', { what, reason: 'conversation service unreachable' });
    });
    if (!response.ok) throw await failureOf(what, response);
    return response;
  }
  return {
    async transcribe(audio, type) {
      const response = await call('transcription', '/internal/transcriptions', type, audio);
      return transcriptionResultSchema.parse(await response.json()).text;
    },
    async synthesize(text, voice) {
      const body = JSON.stringify(voice ? { text, voice } : { text });
      const response = await call('speech', '/internal/speech', 'application/json', body);
      return Buffer.from(await response.arrayBuffer());
    },
  };
}
