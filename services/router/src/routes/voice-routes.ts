import {
  audioContentType,
  audioExtensions,
  converseAudioQuerySchema,
  converseAudioResponseSchema,
  errorResponseSchema,
  MAX_AUDIO_BYTES,
  speechIdParamsSchema,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import { currentUser } from '@hark/users';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AudioUpload,
  answerWithoutListening,
  converseAudioTurn,
  type VoiceDependencies,
} from '../voice/voice-turn.js';

const unsupported = (request: FastifyRequest) =>
  new HarkError('UNSUPPORTED_AUDIO_TYPE', { contentType: request.headers['content-type'] ?? 'none' });

/** The body as the audio parsers left it; a body-less request is an empty recording. */
function uploadOf(request: FastifyRequest): AudioUpload {
  const type = audioContentType(request.headers['content-type']);
  if (!type) throw unsupported(request);
  return { type, audio: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0) };
}

/** POST /v1/converse/audio and GET /v1/speech/:id (DESIGN "Voice"). */
export const voiceRoutes: FastifyPluginAsyncZod<VoiceDependencies> = async (app, deps) => {
  // Audio bytes only, in this plugin alone: JSON and everything else is refused with a clear 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    Object.keys(audioExtensions),
    { parseAs: 'buffer', bodyLimit: MAX_AUDIO_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (request, _payload, done) => done(unsupported(request), undefined));

  app.post(
    '/v1/converse/audio',
    {
      bodyLimit: MAX_AUDIO_BYTES,
      // After authentication (the /v1 scope's onRequest) and before a byte of the body is read: a
      // user without voice.stt gets the upsell at once; the recording is drained by Node, not kept.
      onRequest: async (request, reply) => {
        const answer = await answerWithoutListening(deps, currentUser(request), request.query);
        if (answer) return reply.send(answer);
      },
      schema: {
        tags: ['converse'],
        summary: 'One turn from a recording: transcribe, then answer as POST /v1/converse does',
        description:
          'The body is the recording (audio/wav, audio/webm, audio/ogg or audio/mpeg; up to 10 MB and 60 s, ' +
          'the length checked for WAV only). Needs the voice.stt feature: without it the answer is a fallback ' +
          'reply with an upsell, given before the body is read, and nothing is transcribed. With voice.tts, ' +
          'reply.audioUrl speaks the reply.',
        security: [{ apiKey: [] }],
        querystring: converseAudioQuerySchema,
        response: {
          200: converseAudioResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          422: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request) => converseAudioTurn(deps, currentUser(request), request.query, uploadOf(request)),
  );

  app.get(
    '/v1/speech/:id',
    {
      schema: {
        tags: ['converse'],
        summary: 'A reply as audio/mpeg, from the audioUrl of a converse answer (valid one hour)',
        security: [{ apiKey: [] }],
        params: speechIdParamsSchema,
        response: {
          200: z.any(),
          401: errorResponseSchema,
          404: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).id;
      const link = await deps.links.resolve(userId, request.params.id);
      if (!link || !deps.voice) throw new HarkError('NOT_FOUND', { what: 'Speech' });
      const audio = await deps.voice.synthesize(userId, link.text, link.voice);
      return reply.type('audio/mpeg').header('cache-control', 'private, max-age=3600').send(audio);
    },
  );
};
