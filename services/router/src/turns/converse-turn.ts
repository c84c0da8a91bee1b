import { randomUUID } from 'node:crypto';
import type { ConverseRequest, ConverseResponse, IntentMatch } from '@hark/contracts';
import { type Clock, HarkError, localDateTime, resolveLocale, resolveTimeZone, type User } from '@hark/core';
import type { RecognizeContext, RecognizeResult } from '@hark/nlu';
import type { SkillContext, SkillRegistry, SkillResult } from '@hark/skills';
import { newSession, type SessionState, type SessionStore } from './session-store.js';

export interface TurnDependencies {
  recognize(text: string, context: RecognizeContext): RecognizeResult;
  skills: SkillRegistry;
  sessions: SessionStore;
  clock: Clock;
  onAnswered?(intent: string, handledBy: ConverseResponse['handledBy']): void;
}

/** The reply when no skill matched; the premium path will take this turn over later. */
export const fallbackReply = {
  text: 'Sorry, I can\'t help with that yet. I can tell you the time anywhere and today\'s date; say "help" to hear what else I can do.',
  speech: "Sorry, I can't help with that yet. Say help to hear what I can do.",
};

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

/**
 * One turn of POST /v1/converse: validate zone and locale, recognise, answer with a skill or
 * the fallback, and keep (or end) the session.
 */
export async function converseTurn(
  deps: TurnDependencies,
  user: User,
  request: ConverseRequest,
): Promise<ConverseResponse> {
  const timeZone = resolveTimeZone(request.timezone, user.timezone);
  const locale = resolveLocale(request.locale);
  const session = await loadOrStartSession(deps, user, request);
  const now = deps.clock.now();
  const { intent } = deps.recognize(request.text, { locale, now: localDateTime(now, timeZone) });

  if (!intent) {
    await deps.sessions.save(user.id, { ...session, turns: session.turns + 1, updatedAt: now.toISOString() });
    deps.onAnswered?.('none', 'fallback');
    return {
      sessionId: session.id,
      handledBy: 'fallback',
      intent: null,
      reply: fallbackReply,
      expectsReply: false,
    };
  }

  const result = await runSkill(deps, intent, { userId: user.id, timeZone, locale, now });
  if (result.endSession) {
    await deps.sessions.end(user.id, session.id);
  } else {
    await deps.sessions.save(user.id, {
      ...session,
      turns: session.turns + 1,
      lastIntent: intent.name,
      lastSlots: intent.slots,
      deviceId: request.deviceId ?? session.deviceId,
      updatedAt: now.toISOString(),
    });
  }
  deps.onAnswered?.(intent.name, 'skill');
  return {
    sessionId: session.id,
    handledBy: 'skill',
    intent,
    reply: result.reply,
    expectsReply: result.expectsReply ?? false,
    ...(result.data ? { data: result.data } : {}),
  };
}
