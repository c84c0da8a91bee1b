import { randomUUID } from 'node:crypto';
import {
  type AudioContentType,
  type ConverseAudioQuery,
  type ConverseAudioResponse,
  converseAudioQuerySchema,
  FEATURES,
  MAX_AUDIO_SECONDS,
  MAX_TEXT_LENGTH,
  type Plan,
  type Reply,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { EntitlementsClient } from '@hark/entitlements-client';
import { maySpeakReplies, transcriptionAccess } from '@hark/premium';
import type { User } from '@hark/users';
import type { VoiceClient } from '../conversation/voice-client.js';
import { converseTurn, type TurnDependencies } from '../turns/converse-turn.js';
import { CHECKOUT_PATH } from '../turns/unmatched-turn.js';
import type { SpeechLinks } from './speech-links.js';
import { wavDurationSeconds } from './wav-duration.js';

export interface VoiceDependencies {
  turns: TurnDependencies;
  entitlements: EntitlementsClient;
  /** Server-side speech; null where no conversation service is configured. */
  voice: VoiceClient | null;
  links: SpeechLinks;
}

export interface AudioUpload {
  type: AudioContentType;
  audio: Buffer;
}

/** Refuses what can be refused without calling anyone: empty audio, and WAV recordings over the limit. */
export function checkAudio(upload: AudioUpload): void {
  if (upload.audio.length === 0) throw new HarkError('EMPTY_AUDIO');
  if (upload.type !== 'audio/wav') return;
  const seconds = wavDurationSeconds(upload.audio);
  if (seconds !== null && seconds > MAX_AUDIO_SECONDS)
    throw new HarkError('AUDIO_TOO_LONG', { seconds: Math.round(seconds), limit: MAX_AUDIO_SECONDS });
}

/** A fallback reply selling server speech, for a user without voice.stt: nothing upstream is called. */
function sttUpsell(query: ConverseAudioQuery, plan: Plan | null): ConverseAudioResponse {
  const text =
    "I can't listen to recordings on your plan. Your device's own speech recognition still works: send me the text.";
  return {
    sessionId: query.sessionId ?? randomUUID(),
    handledBy: 'fallback',
    intent: null,
    reply: { text, speech: text },
    expectsReply: false,
    ...(plan
      ? {
          upsell: {
            feature: FEATURES.voiceStt,
            message: `Upgrade to ${plan.name} for server speech recognition and spoken replies.`,
            plan: plan.id,
            checkoutPath: CHECKOUT_PATH,
          },
        }
      : {}),
  };
}

/** The reply with an `audioUrl` when the user has voice.tts and there is something to say. */
async function withSpokenReply(deps: VoiceDependencies, user: User, reply: Reply): Promise<Reply> {
  const said = reply.speech ?? reply.text;
  if (!deps.voice || said.trim() === '' || !(await maySpeakReplies(deps.entitlements, user.id))) return reply;
  const id = await deps.links.create(user.id, { text: said });
  return { ...reply, audioUrl: `/v1/speech/${id}` };
}

/**
 * The answer to a recording that will not be transcribed (no voice.stt), decided from the plan
 * before the body is read (an onRequest hook of voice-routes), so an upload nobody will listen to
 * is never buffered. Null when the recording is wanted, or when the query is invalid (the route's
 * validation answers that).
 */
export async function answerWithoutListening(
  deps: VoiceDependencies,
  user: User,
  rawQuery: unknown,
): Promise<ConverseAudioResponse | null> {
  const query = converseAudioQuerySchema.safeParse(rawQuery);
  if (!query.success) return null;
  const access = await transcriptionAccess(deps.entitlements, user.id);
  return access.kind === 'upsell' ? sttUpsell(query.data, access.plan) : null;
}

/** POST /v1/converse/audio: transcribe (voice.stt), run the normal turn on the transcript, maybe speak it. */
export async function converseAudioTurn(
  deps: VoiceDependencies,
  user: User,
  query: ConverseAudioQuery,
  upload: AudioUpload,
): Promise<ConverseAudioResponse> {
  checkAudio(upload);
  const access = await transcriptionAccess(deps.entitlements, user.id);
  if (access.kind === 'upsell') return sttUpsell(query, access.plan);
  if (!deps.voice)
    throw new HarkError('SPEECH_UNAVAILABLE', { what: 'transcription', reason: 'not configured' });
  const transcript = (await deps.voice.transcribe(user.id, upload.audio, upload.type)).trim();
  if (transcript === '') throw new HarkError('NO_SPEECH');
  const response = await converseTurn(deps.turns, user, {
    ...query,
    text: transcript.slice(0, MAX_TEXT_LENGTH),
  });
  return { ...response, reply: await withSpokenReply(deps, user, response.reply), transcript };
}
