import {
  audioContentType,
  errorResponseSchema,
  MAX_AUDIO_BYTES,
  speechRequestSchema,
  transcriptionResultSchema,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SpeechGateway } from '../voice/speech-gateway.js';
import type { PremiumGrants } from './premium-grants.js';

const audioTypes = ['audio/wav', 'audio/webm', 'audio/ogg', 'audio/mpeg'];

/**
 * POST /internal/transcriptions (raw audio body) and POST /internal/speech (JSON -> audio/mpeg).
 * The router checks entitlements and limits and says so in a premium grant for the one call (403
 * HARK_ERR_GRANT_INVALID without one); this only speaks to the upstream audio APIs.
 */
export const voiceRoutes: FastifyPluginAsyncZod<{ speech: SpeechGateway; grants: PremiumGrants }> = async (
  app,
  { speech, grants },
) => {
  // Raw bytes only in this plugin: a router-to-service hop needs no multipart framing.
  app.addContentTypeParser(audioTypes, { parseAs: 'buffer', bodyLimit: MAX_AUDIO_BYTES }, (_r, body, done) =>
    done(null, body),
  );

  app.post(
    '/internal/transcriptions',
    {
      bodyLimit: MAX_AUDIO_BYTES,
      schema: {
        tags: ['internal'],
        summary: 'Transcribe a raw audio body (router only; x-hark-internal-token)',
        response: {
          200: transcriptionResultSchema,
          400: errorResponseSchema,
          403: errorResponseSchema,
          415: errorResponseSchema,
        },
      },
    },
    async (request) => {
      await grants.check(request, { use: 'transcription' });
      const type = audioContentType(request.headers['content-type']);
      if (!type || !Buffer.isBuffer(request.body))
        throw new HarkError('UNSUPPORTED_AUDIO_TYPE', { contentType: request.headers['content-type'] ?? '' });
      if (request.body.length === 0) throw new HarkError('EMPTY_AUDIO');
      return { text: await speech.transcribe(request.body, type) };
    },
  );

  app.post(
    '/internal/speech',
    {
      schema: {
        tags: ['internal'],
        summary: 'Synthesise speech as audio/mpeg, cached by model, voice and text (router only)',
        body: speechRequestSchema,
        response: {
          200: z.any(),
          400: errorResponseSchema,
          403: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      await grants.check(request, { use: 'speech' });
      const audio = await speech.synthesize(request.body.text, request.body.voice);
      return reply.type('audio/mpeg').send(audio);
    },
  );
};
