import type {
  ConversationPlan,
  ConversationStreamEvent,
  ConversationTurnRequest,
  ConversationTurnResult,
  ToolEvent,
} from '@hark/contracts';
import { type Clock, errorCode } from '@hark/core';
import type { SkillContext, SkillRegistry } from '@hark/skills';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { classifyFailure, LlmFailure, TurnAbort } from '../llm/llm-failure.js';
import type { LlmGateway } from '../llm/llm-gateway.js';
import type { PriceList } from '../llm/prices.js';
import type { ConversationMemory, StoredTurn } from '../memory/conversation-memory.js';
import type { UsageMeter } from '../metering/usage-meter.js';
import { runToolCall, type SkillTool, type ToolCallRequest, toolsAllowed } from '../tools/skill-tools.js';
import { speakable } from './speech.js';
import { systemPrompt } from './system-prompt.js';
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
  try {
    const result = await converse(services, request, emit, turn.signal, ledger, startedAt);
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
  const tools = toolsAllowed(services.tools, request.plan.allowedTools);
  const userMessage: ChatCompletionMessageParam = { role: 'user', content: request.text };
  const system: ChatCompletionMessageParam = { role: 'system', content: systemPrompt(context) };
  const messages = [system, ...(await loading), userMessage];
  const turnMessages: StoredTurn = [userMessage];
  const emitText = (text: string) => emit({ event: 'delta', data: { text: ledger.addText(text) } });

  for (let round = 0; ; round++) {
    const offered = round < services.maxToolRounds ? tools.map((tool) => tool.definition) : [];
    ledger.startRound();
    const answer = await services.gateway.complete({ messages, tools: offered }, signal, emitText);
    ledger.addAnswer(answer, messages);
    if (answer.toolCalls.length === 0 || offered.length === 0) break;
    const calling = assistantCalling(answer.text, answer.toolCalls);
    messages.push(calling);
    turnMessages.push(calling);
    for (const call of answer.toolCalls) {
      if (signal.aborted) throw classifyFailure(signal.reason, signal, services);
      const event = await runToolCall(tools, services.registry, call, context, (error, tool) =>
        services.log.error({ err: error, tool }, 'a skill failed during a tool call'),
      );
      ledger.tools.push(event);
      emit({ event: 'tool', data: event });
      const result: ChatCompletionMessageParam = {
        role: 'tool',
        tool_call_id: call.id,
        content: JSON.stringify(event.result),
      };
      messages.push(result);
      turnMessages.push(result);
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
      outcome,
    })
    .catch((error: unknown) => services.log.warn({ err: error }, 'could not record LLM usage'));
}
