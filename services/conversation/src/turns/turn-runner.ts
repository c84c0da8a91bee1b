import type {
  ConversationPlan,
  ConversationStreamEvent,
  ConversationTurnRequest,
  ConversationTurnResult,
  ToolEvent,
} from '@hark/contracts';
import { type Clock, errorCode, HarkError } from '@hark/core';
import type { SkillContext, SkillRegistry } from '@hark/skills';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { BudgetGuard } from '../budget/budget-guard.js';
import { classifyFailure, LlmFailure, TurnAbort } from '../llm/llm-failure.js';
import type { LlmGateway } from '../llm/llm-gateway.js';
import type { PriceList } from '../llm/prices.js';
import type { ConversationMemory, StoredTurn } from '../memory/conversation-memory.js';
import type { UsageMeter } from '../metering/usage-meter.js';
import { replyFromSkills } from '../tools/answer-complete.js';
import { runToolCall, type SkillTool, type ToolCallRequest, toolsAllowed } from '../tools/skill-tools.js';
import { ToolOffer, type ToolSelection } from '../tools/tool-offer.js';
import { speakable } from './speech.js';
import { promptCacheKey, stableInstructions, turnContext } from './system-prompt.js';
import { TurnLedger } from './turn-ledger.js';

export interface TurnLog {
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export interface TurnServices {
  gateway: LlmGateway;
  registry: SkillRegistry;
  tools: readonly SkillTool[];
  memory: ConversationMemory;
  meter: UsageMeter;
  prices: PriceList;
  clock: Clock;
  maxToolRounds: number;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  log: TurnLog;
  /** LLM_TOOL_SELECTION: the families a turn needs (default), or every tool. */
  toolSelection?: ToolSelection;
  /** LLM_PROMPT_CACHE_KEY: send prompt_cache_key with each model call. */
  sendPromptCacheKey?: boolean;
  /** The margin guard (src/budget): the plan's monthly LLM budget per user. */
  budget?: BudgetGuard;
}

export type EmitEvent = (event: ConversationStreamEvent) => void;

/** A turn with the plan of its premium grant (routes/premium-grants.ts), never the body's. */
export type GrantedTurn = ConversationTurnRequest & { plan: ConversationPlan };

/**
 * One premium turn: the model answers with the conversation so far, may call skills as tools for
 * up to `maxToolRounds` rounds (then must answer in words), and its text is emitted as it streams.
 * Memory is saved before the result is returned (the next turn may follow at once); metering is
 * written after, off the path of the answer. Throws LlmFailure when the model cannot answer.
 */
export async function runTurn(
  services: TurnServices,
  request: GrantedTurn,
  emit: EmitEvent,
  clientSignal: AbortSignal,
): Promise<ConversationTurnResult> {
  const startedAt = performance.now();
  const turn = new AbortController();
  const onClientGone = () => turn.abort(new TurnAbort('client'));
  clientSignal.addEventListener('abort', onClientGone, { once: true });
  const totalTimer = setTimeout(() => turn.abort(new TurnAbort('total')), services.totalTimeoutMs);
  const ledger = new TurnLedger(services.prices);
  // Under a budget every model call of the turn reserves its worst case first (src/budget).
  const budget = services.budget?.forTurn(request);
  const gateway = budget ? services.gateway.withBudget(budget) : services.gateway;
  try {
    const result = await converse({ ...services, gateway }, request, emit, turn.signal, ledger, startedAt);
    settle(services, request, ledger, 'ok', startedAt);
    return result;
  } catch (error) {
    settle(services, request, ledger, outcomeOf(error), startedAt);
    throw error;
  } finally {
    clearTimeout(totalTimer);
    clientSignal.removeEventListener('abort', onClientGone);
  }
}

async function converse(
  services: TurnServices,
  request: GrantedTurn,
  emit: EmitEvent,
  signal: AbortSignal,
  ledger: TurnLedger,
  startedAt: number,
): Promise<ConversationTurnResult> {
  // The memory read goes out first; the prompt and tools are prepared while Redis answers. A
  // session the router has just made has none, and its first token need not wait for Redis.
  const loading = request.newSession ? [] : services.memory.load(request.userId, request.sessionId);
  const context = skillContext(services.clock, request);
  const selection = services.toolSelection ?? 'relevant';
  const userMessage: ChatCompletionMessageParam = { role: 'user', content: request.text };
  // The same instructions for every turn of every user first, the memory next, and what changes
  // (clock, profile) last: providers that cache prompt beginnings charge the cached price for them.
  const system: ChatCompletionMessageParam = { role: 'system', content: stableInstructions(selection) };
  const now: ChatCompletionMessageParam = { role: 'system', content: turnContext(context) };
  const remembered = await loading;
  const messages = [system, ...remembered, now, userMessage];
  const offer = new ToolOffer(toolsAllowed(services.tools, request.plan.allowedTools), selection, {
    text: request.text,
    ...(request.hints ? { hints: request.hints } : {}),
    remembered,
  });
  const cacheKey = services.sendPromptCacheKey === false ? {} : { cacheKey: promptCacheKey(selection) };
  const turnMessages: StoredTurn = [userMessage];
  const emitText = (text: string) => emit({ event: 'delta', data: { text: ledger.addText(text) } });

  for (let round = 0; ; round++) {
    const offered = round < services.maxToolRounds ? offer.definitions() : [];
    ledger.startRound();
    const answer = await services.gateway.complete(
      { messages, tools: offered, ...cacheKey },
      signal,
      emitText,
    );
    ledger.addAnswer(answer, messages);
    if (answer.toolCalls.length === 0 || offered.length === 0) break;
    const calling = assistantCalling(answer.text, answer.toolCalls);
    messages.push(calling);
    turnMessages.push(calling);
    // A family asked for (more_tools), or a tool called that was not offered, is offered next round.
    const offerAnswers = offer.widen(answer.toolCalls);
    const events: ToolEvent[] = [];
    for (const call of answer.toolCalls) {
      if (signal.aborted) throw classifyFailure(signal.reason, signal, services);
      const offerAnswer = offerAnswers.get(call.id);
      let content: string;
      if (offerAnswer !== undefined) content = JSON.stringify({ ok: true, text: offerAnswer });
      else {
        const event = await runToolCall(offer.allowed, services.registry, call, context, (error, tool) =>
          services.log.error({ err: error, tool }, 'a skill failed during a tool call'),
        );
        events.push(event);
        ledger.tools.push(event);
        emit({ event: 'tool', data: event });
        content = JSON.stringify(forTheModel(event.result));
      }
      const result: ChatCompletionMessageParam = { role: 'tool', tool_call_id: call.id, content };
      messages.push(result);
      turnMessages.push(result);
    }
    // Actions whose skills already said the whole answer end the turn without another model call
    // (tools/answer-complete.ts): fewer tokens, and the reply is heard a model call sooner.
    const spoken = offerAnswers.size === 0 ? replyFromSkills(answer.text, events, offer.allowed) : null;
    if (spoken) {
      emitText(spoken);
      break;
    }
  }

  const text = ledger.text.trim() || replyFromTools(ledger.tools);
  turnMessages.push({ role: 'assistant', content: text });
  await services.memory.append(request.userId, request.sessionId, turnMessages);
  return {
    reply: { text, speech: speakable(text) },
    usage: ledger.usage(),
    costUsd: ledger.costMicroUsd / 1_000_000,
    model: ledger.model ?? '',
    latencyMs: Math.round(performance.now() - startedAt),
    tools: ledger.tools,
  };
}

function skillContext(clock: Clock, request: GrantedTurn): SkillContext {
  return {
    userId: request.userId,
    timeZone: request.timeZone,
    locale: request.locale,
    now: clock.now(),
    deviceId: request.deviceId ?? null,
    profile: request.profile,
  };
}

/**
 * A tool result as the model reads it: the skill's sentence, or its error. Its data (ids,
 * timestamps, raw forecasts) goes to the client in the tool event; the model would pay for it on
 * this call, the next, and every later turn that remembers it, to say what the sentence says.
 */
function forTheModel(result: ToolEvent['result']): ToolEvent['result'] {
  return result.ok ? { ok: true, text: result.text } : result;
}

function assistantCalling(text: string, calls: ToolCallRequest[]): ChatCompletionAssistantMessageParam {
  return {
    role: 'assistant',
    content: text || null,
    tool_calls: calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    })),
  };
}

/** A model that acted but said nothing still owes the listener a sentence: the skills' own replies. */
function replyFromTools(tools: readonly ToolEvent[]): string {
  const said = tools.flatMap((tool) => (tool.result.ok ? [tool.result.text] : []));
  return said.length > 0 ? said.join(' ') : "Sorry, I don't have an answer to that.";
}

function outcomeOf(error: unknown): string {
  if (error instanceof LlmFailure) return error.kind === 'aborted' ? 'aborted' : error.toHarkError().code;
  if (error instanceof HarkError) return error.code;
  return errorCode('INTERNAL');
}

/** Metering and the interaction event, after the answer: a Redis hiccup here never fails a turn. */
function settle(
  services: TurnServices,
  request: GrantedTurn,
  ledger: TurnLedger,
  outcome: string,
  startedAt: number,
): void {
  services.meter
    .record({
      userId: request.userId,
      plan: request.plan.id,
      sessionId: request.sessionId,
      model: ledger.model,
      promptTokens: ledger.promptTokens,
      completionTokens: ledger.completionTokens,
      costMicroUsd: ledger.costMicroUsd,
      latencyMs: performance.now() - startedAt,
      toolCalls: ledger.tools.length,
      tools: ledger.tools.map((tool) => tool.name),
      outcome,
    })
    .catch((error: unknown) => services.log.warn({ err: error }, 'could not record LLM usage'));
}
