import { randomUUID } from 'node:crypto';
import {
  type ConversationHints,
  type ConversationStreamEvent,
  type ConverseRequest,
  type ConverseResponse,
  type IntentMatch,
  intentNames,
  type Profile,
} from '@hark/contracts';
import { type Clock, HarkError, localDateTime, resolveLocale, resolveTimeZone } from '@hark/core';
import type { EntitlementsClient } from '@hark/entitlements-client';
import type { RecognizeContext, RecognizeResult } from '@hark/nlu';
import { allowsConversation, type ConversationAccess, conversationAccess } from '@hark/premium';
import type { ProfileStore } from '@hark/profiles';
import type { SkillContext, SkillRegistry, SkillResult } from '@hark/skills';
import type { User } from '@hark/users';
import type { ConversationClient } from '../conversation/conversation-client.js';
import { clarifyingPending, clarifyingQuestion } from './clarify-turn.js';
import { answerPendingQuestion, FOLLOW_UP_TTL_MS, toPendingQuestion } from './follow-up.js';
import { premiumTurn } from './premium-turn.js';
import { newSession, type SessionState, type SessionStore } from './session-store.js';
import { unmatchedReply } from './unmatched-turn.js';

export interface TurnDependencies {
  recognize(text: string, context: RecognizeContext): RecognizeResult;
  skills: SkillRegistry;
  sessions: SessionStore;
  profiles: ProfileStore;
  clock: Clock;
  entitlements: EntitlementsClient;
  /** The premium path; null where no conversation service is configured. */
  conversation: ConversationClient | null;
  /** Told about every answered turn (metrics, interaction events); must not block or throw. */
  onAnswered?(turn: AnsweredTurn): void;
}

const isIntentName = (name: string): name is IntentMatch['name'] => (intentNames as string[]).includes(name);

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

export interface AnsweredTurn {
  userId: string;
  sessionId: string;
  intent: string | null;
  handledBy: ConverseResponse['handledBy'];
  latencyMs: number;
  /** The reply carried an upsell (the user hit the premium gate). */
  upsell: boolean;
}

/** Events a streaming caller sees before `done`: what was understood, then deltas and tool calls. */
export type TurnStreamEvent =
  | { event: 'intent'; data: { sessionId: string; intent: IntentMatch | null } }
  | Exclude<ConversationStreamEvent, { event: 'done' | 'error' }>;

/** How a streaming caller follows the turn: events as they happen; abort on hang-up. */
export interface TurnStream {
  emit(event: TurnStreamEvent): void;
  signal: AbortSignal;
}

interface UnmatchedTurnInput {
  recognized: RecognizeResult;
  user: User;
  session: SessionState;
  request: ConverseRequest;
  timeZone: string;
  locale: string;
  profile: Profile;
}

/**
 * What the conversation service offers the model first (LLM_TOOL_SELECTION): the recogniser's
 * readings it did not act on, and the skill the session last used on the free path.
 */
function turnHints(recognized: RecognizeResult, session: SessionState): ConversationHints {
  const readings = [...recognized.alternatives, ...recognized.clarify].slice(0, 8);
  const lastIntent = session.lastIntent && isIntentName(session.lastIntent) ? session.lastIntent : null;
  return { intents: readings.map((match) => ({ name: match.name, score: match.confidence })), lastIntent };
}

/** No skill matched: the premium path when the user may use it, else the fallback (with an upsell). */
async function unmatchedTurn(
  deps: TurnDependencies,
  access: ConversationAccess,
  input: UnmatchedTurnInput,
  stream: TurnStream | undefined,
): Promise<Pick<ConverseResponse, 'handledBy' | 'reply' | 'data' | 'upsell'>> {
  if (!allowsConversation(access) || !deps.conversation) {
    return { handledBy: 'fallback', ...unmatchedReply(access) };
  }
  const { user, session, request } = input;
  return premiumTurn(
    { entitlements: deps.entitlements, conversation: deps.conversation, now: () => deps.clock.now() },
    {
      userId: user.id,
      sessionId: session.id,
      newSession: request.sessionId === undefined,
      text: request.text,
      timeZone: input.timeZone,
      locale: input.locale,
      deviceId: request.deviceId ?? session.deviceId,
      profile: input.profile,
      access,
      hints: turnHints(input.recognized, session),
    },
    stream?.emit ?? (() => undefined),
    stream?.signal ?? new AbortController().signal,
  );
}

/** How a caller follows the turn. */
export interface TurnOptions {
  /** Streaming callers: events as they happen, abort on hang-up. */
  stream?: TurnStream;
}

/**
 * One turn of POST /v1/converse: validate zone and locale, answer a pending question or
 * recognise a new request, run its skill (or the fallback), and keep or end the session.
 */
export async function converseTurn(
  deps: TurnDependencies,
  user: User,
  request: ConverseRequest,
  { stream }: TurnOptions = {},
): Promise<ConverseResponse> {
  const startedAt = performance.now();
  const answered = (intent: string | null, handledBy: ConverseResponse['handledBy'], upsell = false) =>
    deps.onAnswered?.({
      userId: user.id,
      sessionId: session.id,
      intent,
      handledBy,
      latencyMs: performance.now() - startedAt,
      upsell,
    });
  // Every turn reads the user's entitlements (the premium gate, a plan's limits, the tier of the
  // interaction event); asked now, a cache miss is read alongside the profile and session instead
  // of after them. Its failures surface where it is used.
  deps.entitlements.entitlements(user.id).catch(() => undefined);
  // These reads go out together: one Redis round trip of waiting, not several.
  const [profile, session] = await Promise.all([
    deps.profiles.get(user.id),
    loadOrStartSession(deps, user, request),
  ]);
  const timeZone = resolveTimeZone(request.timezone, profile.timezone);
  const locale = resolveLocale(request.locale ?? profile.locale ?? undefined);
  const now = deps.clock.now();
  const localNow = localDateTime(now, timeZone);
  const recognized = deps.recognize(request.text, { locale, now: localNow });
  const intent =
    answerPendingQuestion(request.text, session.pending, recognized, now, localNow) ?? recognized.intent;

  stream?.emit({ event: 'intent', data: { sessionId: session.id, intent } });
  if (!intent && recognized.clarify.length > 0) {
    // About a free skill, but no stage is sure which: ask, never the premium path or the upsell.
    const pending = clarifyingPending(recognized.clarify, now.getTime() + FOLLOW_UP_TTL_MS);
    await deps.sessions.save(user.id, { ...nextSession(session, null, null, request, now), pending });
    answered(null, 'clarify');
    const reply = clarifyingQuestion(recognized.clarify);
    const data = { clarify: recognized.clarify.map((reading) => reading.name) };
    return { sessionId: session.id, handledBy: 'clarify', intent: null, reply, expectsReply: true, data };
  }
  if (!intent) {
    // Saved while the premium path runs (it does not read the session), so it costs no waiting.
    const saving = deps.sessions.save(user.id, nextSession(session, null, null, request, now));
    saving.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
    const access = await conversationAccess(deps.entitlements, user.id);
    const answer = await unmatchedTurn(
      deps,
      access,
      { recognized, user, session, request, timeZone, locale, profile },
      stream,
    );
    await saving;
    answered(null, answer.handledBy, answer.upsell !== undefined);
    return { sessionId: session.id, intent: null, expectsReply: false, ...answer };
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
  answered(intent.name, 'skill');
  return {
    sessionId: session.id,
    handledBy: 'skill',
    intent,
    reply: result.reply,
    expectsReply: result.expectsReply ?? result.followUp !== undefined,
    ...(result.data ? { data: result.data } : {}),
  };
}
