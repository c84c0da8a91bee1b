import { z } from 'zod';
import { converseRequestSchema, converseResponseSchema } from './converse.js';

/** Audio containers a voice upload may use, mapped to the file extension transcription APIs expect. */
export const audioExtensions = {
  'audio/wav': 'wav',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
} as const;
export type AudioContentType = keyof typeof audioExtensions;

export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;
export const MAX_AUDIO_SECONDS = 60;

/** "audio/webm;codecs=opus" -> "audio/webm"; null for anything that is not a supported audio type. */
export function audioContentType(header: string | undefined): AudioContentType | null {
  const essence = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence in audioExtensions ? (essence as AudioContentType) : null;
}

/** Query of POST /v1/converse/audio: everything of a text turn but the text, which the audio carries. */
export const converseAudioQuerySchema = converseRequestSchema.omit({ text: true });
export type ConverseAudioQuery = z.infer<typeof converseAudioQuerySchema>;

export const converseAudioResponseSchema = converseResponseSchema
  .extend({
    transcript: z
      .string()
      .optional()
      .describe('What was heard; absent when the audio was not transcribed (no voice.stt: see upsell)'),
  })
  .meta({ id: 'ConverseAudioResult' });
export type ConverseAudioResponse = z.infer<typeof converseAudioResponseSchema>;

/** POST /internal/transcriptions answer (the body is the raw audio). */
export const transcriptionResultSchema = z.object({ text: z.string() });
export type TranscriptionResult = z.infer<typeof transcriptionResultSchema>;

/** POST /internal/speech: the text to speak; the answer is audio/mpeg bytes. */
export const speechRequestSchema = z.object({
  text: z.string().trim().min(1).max(4096),
  voice: z.string().min(1).max(64).optional().describe('Upstream voice name; TTS_VOICE when absent'),
});
export type SpeechRequest = z.infer<typeof speechRequestSchema>;

export const speechIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
