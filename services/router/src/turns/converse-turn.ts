import { randomUUID } from 'node:crypto';
import type { ConverseRequest, ConverseResponse, IntentMatch } from '@hark/contracts';
import {
  type Clock,
  HarkError,
  localDateTime,
  type ProfileStore,
  resolveLocale,
  resolveTimeZone,
  type User,
} from '@hark/core';
import type { EntitlementsClient } from '@hark/entitlements-client';
import type { RecognizeContext, RecognizeResult } from '@hark/nlu';
import type { SkillContext, SkillRegistry, SkillResult } from '@hark/skills';
import { answerPendingQuestion, toPendingQuestion } from './follow-up.js';
import { newSession, type SessionState, type SessionStore } from './session-store.js';
import { conversationAccess, unmatchedReply } from './unmatched-turn.js';

export interface TurnDependencies {
  recognize(text: string, context: RecognizeContext): RecognizeResult;
  skills: SkillRegistry;
  sessions: SessionStore;
  profiles: ProfileStore;
  clock: Clock;
  entitlements: EntitlementsClient;
  onAnswered?(intent: string, handledBy: ConverseResponse['handledBy']): void;
}

async function runSkill(
  deps: TurnDependencies,
  intent: IntentMatch,
  context: SkillContext,
): Promise<SkillResult> {
  const skill = deps.skills.skillFor(intent.name);
  if (!skill) throw new HarkError('SKILL_UNAVAILABLE', { intent: intent.name }, { intent: intent.name });
  return skill.handle(intent.name, intent.slots, context);
}

async function loadOrStartSession(
  deps: TurnDependencies,
  user: User,
  request: ConverseRequest,
): Promise<SessionState> {
  const id = request.sessionId ?? randomUUID();
  const existing = request.sessionId ? await deps.sessions.load(user.id, id) : null;
  return existing ?? newSession(id, request.deviceId ?? null, deps.clock.now());
}

/** The session after a turn: counted, with the intent answered and any question asked. */
function nextSession(
  session: SessionState,
  intent: IntentMatch | null,
  result: SkillResult | null,
  request: ConverseRequest,
  now: Date,
): SessionState {
  return {
    ...session,
    turns: session.turns + 1,
    lastIntent: intent?.name ?? session.lastIntent,
    lastSlots: intent?.slots ?? session.lastSlots,
    deviceId: request.deviceId ?? session.deviceId,
    pending: result?.followUp ? toPendingQuestion(result.followUp, now) : null,
    updatedAt: now.toISOString(),
  };
}

/**
 * One turn of POST /v1/converse: validate zone and locale, answer a pending question or
 * recognise a new request, run its skill (or the fallback), and keep or end the session.
 */
export async function converseTurn(
  deps: TurnDependencies,
  user: User,
  request: ConverseRequest,
): Promise<ConverseResponse> {
  const profile = await deps.profiles.get(user.id);
  const timeZone = resolveTimeZone(request.timezone, profile.timezone);
  const locale = resolveLocale(request.locale ?? profile.locale ?? undefined);
  const session = await loadOrStartSession(deps, user, request);
  const now = deps.clock.now();
  const localNow = localDateTime(now, timeZone);
  const recognized = deps.recognize(request.text, { locale, now: localNow });
  const intent =
    answerPendingQuestion(request.text, session.pending, recognized, now, localNow) ?? recognized.intent;

  if (!intent) {
    const [access] = await Promise.all([
      conversationAccess(deps.entitlements, user.id),
      deps.sessions.save(user.id, nextSession(session, null, null, request, now)),
    ]);
    deps.onAnswered?.('none', 'fallback');
    return {
      sessionId: session.id,
      handledBy: 'fallback',
      intent: null,
      expectsReply: false,
      ...unmatchedReply(access),
    };
  }

  const context: SkillContext = {
    userId: user.id,
    timeZone,
    locale,
    now,
    deviceId: request.deviceId ?? session.deviceId,
    profile,
    text: request.text,
  };
  const result = await runSkill(deps, intent, context);
  if (result.endSession) await deps.sessions.end(user.id, session.id);
  else await deps.sessions.save(user.id, nextSession(session, intent, result, request, now));
  deps.onAnswered?.(intent.name, 'skill');
  return {
    sessionId: session.id,
    handledBy: 'skill',
    intent,
    reply: result.reply,
    expectsReply: result.expectsReply ?? result.followUp !== undefined,
    ...(result.data ? { data: result.data } : {}),
  };
}
