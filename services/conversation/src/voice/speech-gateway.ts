import { createHash } from 'node:crypto';
import { type AudioContentType, audioExtensions } from '@hark/contracts';
import { createNodeHttpFetch, type HarkConfig, HarkError, type RedisClient } from '@hark/core';
import OpenAI, { toFile } from 'openai';
import type { ConversationKeys } from '../conversation-keys.js';

/** Local servers (a Whisper or Piper server) take any key; the SDK insists on one. */
const KEYLESS = 'no-key';
/** The same sentence is spoken again and again ("It's 9:30", "Timer set"): keep it a day. */
const SPEECH_CACHE_TTL_SECONDS = 86_400;

export interface SpeechGatewayOptions {
  config: HarkConfig;
  redis: RedisClient;
  keys: ConversationKeys;
  fetch?: typeof fetch;
}

/** Transcription and speech synthesis through OpenAI-compatible audio APIs, synthesis cached in Redis. */
export class SpeechGateway {
  private readonly stt: OpenAI;
  private readonly tts: OpenAI;

  constructor(private readonly options: SpeechGatewayOptions) {
    const { config } = options;
    const client = (baseURL: string) =>
      new OpenAI({
        apiKey: config.LLM_API_KEY ?? KEYLESS,
        baseURL,
        maxRetries: config.LLM_MAX_RETRIES,
        // A user is waiting with the device in hand: never the SDK's 10-minute default.
        timeout: config.SPEECH_TIMEOUT_MS,
        fetch: options.fetch ?? createNodeHttpFetch(),
      });
    this.stt = client(config.STT_BASE_URL ?? config.LLM_BASE_URL);
    this.tts = client(config.TTS_BASE_URL ?? config.LLM_BASE_URL);
  }

  async transcribe(audio: Buffer, type: AudioContentType): Promise<string> {
    // Transcription APIs tell the container from the file name, so it must carry the right extension.
    const file = await toFile(audio, `audio.${audioExtensions[type]}`, { type });
    try {
      const result = await this.stt.audio.transcriptions.create({
        file,
        model: this.options.config.STT_MODEL,
      });
      return result.text;
    } catch (error) {
      throw upstreamFailure('transcription', error);
    }
  }

  /** audio/mpeg bytes of `text` in `voice` (TTS_VOICE when absent), from the cache when spoken before. */
  async synthesize(text: string, voice?: string): Promise<Buffer> {
    const { config, redis, keys } = this.options;
    const chosen = voice ?? config.TTS_VOICE;
    const key = keys.speechAudio(speechDigest(config.TTS_MODEL, chosen, text));
    const cached = await redis.getBuffer(key);
    if (cached) return cached;
    const audio = await this.callSpeech(text, chosen);
    await redis.set(key, audio, 'EX', SPEECH_CACHE_TTL_SECONDS);
    return audio;
  }

  private async callSpeech(text: string, voice: string): Promise<Buffer> {
    try {
      const response = await this.tts.audio.speech.create({
        model: this.options.config.TTS_MODEL,
        voice,
        input: text,
        response_format: 'mp3',
      });
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw upstreamFailure('speech', error);
    }
  }
}

/** The cache key's digest: model and voice change the audio as much as the text does. */
export const speechDigest = (model: string, voice: string, text: string) =>
  createHash('sha256').update(`${model}|${voice}|${text}`).digest('hex');

function upstreamFailure(what: 'transcription' | 'speech', error: unknown): HarkError {
  const reason =
    error instanceof OpenAI.APIError && error.status
      ? `upstream answered ${error.status}`
      : error instanceof OpenAI.APIConnectionTimeoutError
        ? 'timed out'
        : 'unreachable';
  return new HarkError('SPEECH_UNAVAILABLE', { what, reason });
}
