import type { ConversationTurnResult } from '@hark/contracts';
import {
  type OpenMeteoStandIn,
  type RecordedChatRequest,
  type ScriptedAnswer,
  startOpenMeteoStandIn,
} from '@hark/testing';
import type { PriceList } from '../llm/prices.js';
import { familiesOfIntent } from '../tools/tool-families.js';
import { startTestConversation, type TestConversation, turnBody, turnHeaders } from './test-conversation.js';
import { type ScriptedTurn, tokenScript } from './token-script.js';

/** A spoken answer of typical length (two short sentences, about 35 tokens). */
export const SPOKEN_ANSWER =
  'Here is a short answer of the usual spoken length, two plain sentences. ' +
  'It is about as long as a voice reply should be, give or take a few words.';

/** What one scripted turn cost and whether the tool it needed was there when the model looked. */
export interface ScriptedTurnReport {
  turn: ScriptedTurn;
  /** Model calls of the turn (a tool round adds one, a `more_tools` round another). */
  calls: number;
  /** Input tokens of all the turn's model calls, as the stand-in counted them. */
  promptTokens: number;
  /** Of those, served from the prompt cache. */
  cachedTokens: number;
  completionTokens: number;
  /** Input tokens of each model call of the turn, in order. */
  callTokens: number[];
  /** Tools offered in the first call. */
  toolsOffered: number;
  /** The needed tool was offered in the first call. */
  offeredAtOnce: boolean;
  /** The model had to ask for it (`more_tools`) first. */
  askedForMore: boolean;
  /** The needed tool was called (false for turns that need none). */
  called: boolean;
  /** The turn ended with the skills' own reply: no model call after its last tool call. */
  skillReplied: boolean;
  result: ConversationTurnResult;
}

const lastUserIndex = (messages: RecordedChatRequest['messages']) =>
  messages.findLastIndex((message) => message.role === 'user');

const offeredNames = (request: RecordedChatRequest) =>
  request.tools.map((tool) => (tool as { function: { name: string } }).function.name);

/** Tool calls the model already made in this turn (after the user's message). */
function calledThisTurn(request: RecordedChatRequest): string[] {
  return request.messages.slice(lastUserIndex(request.messages)).flatMap((message) => {
    const calls = (message.tool_calls ?? []) as { function: { name: string } }[];
    return calls.map((call) => call.function.name);
  });
}

/** The families `more_tools` offers in this call. */
function familyEnum(request: RecordedChatRequest): string[] {
  const more = request.tools.find(
    (tool) => (tool as { function: { name: string } }).function.name === 'more_tools',
  ) as { function: { parameters: { properties: { family: { enum: string[] } } } } } | undefined;
  return more?.function.parameters.properties.family.enum ?? [];
}

/**
 * The model of the script: it calls the tool the turn needs when it is offered (once), asks
 * `more_tools` for its family when it is not but `more_tools` is, and otherwise answers in words.
 */
export function scriptedModel(script: readonly ScriptedTurn[]) {
  const byText = new Map(script.map((turn) => [turn.text, turn]));
  return (request: RecordedChatRequest): ScriptedAnswer => {
    const user = request.messages[lastUserIndex(request.messages)];
    const turn = byText.get(String(user?.content));
    const words: ScriptedAnswer = { kind: 'text', text: SPOKEN_ANSWER };
    if (!turn?.needs) return words;
    const called = calledThisTurn(request);
    if (called.includes(turn.needs.tool)) return { kind: 'text', text: 'Done, all set.' };
    if (offeredNames(request).includes(turn.needs.tool)) {
      return { kind: 'tool_calls', calls: [{ name: turn.needs.tool, arguments: turn.needs.arguments }] };
    }
    // "timer_start" is the intent "timer.start".
    const families: string[] = familiesOfIntent(turn.needs.tool.replace('_', '.'));
    const family = familyEnum(request).find((name) => families.includes(name));
    if (family && !called.includes('more_tools')) {
      return { kind: 'tool_calls', calls: [{ name: 'more_tools', arguments: { family } }] };
    }
    return words;
  };
}

/** Runs the script once through a fresh conversation service with `env` (e.g. LLM_TOOL_SELECTION). */
export async function runTokenScript(
  env: Record<string, string> = {},
  script: readonly ScriptedTurn[] = tokenScript,
): Promise<ScriptedTurnReport[]> {
  const weather: OpenMeteoStandIn = await startOpenMeteoStandIn();
  let service: TestConversation | undefined;
  try {
    service = await startTestConversation({
      WEATHER_API_URL: weather.url,
      GEOCODING_API_URL: weather.url,
      ...env,
    });
    weather.reset();
    service.standIn.answerWith(scriptedModel(script));
    const reports: ScriptedTurnReport[] = [];
    let previous: string | null = null;
    for (const turn of script) {
      const body = turnBody({
        userId: 'bench-user',
        sessionId: `bench-${turn.session}`,
        newSession: turn.session !== previous,
        text: turn.text,
        profile: {
          timezone: 'Europe/Paris',
          location: { name: 'Paris', latitude: 48.85341, longitude: 2.3488, countryCode: 'FR' },
          units: null,
          locale: null,
        },
      });
      previous = turn.session;
      const first = service.standIn.requests.length;
      const response = await fetch(`${service.url}/internal/turns`, {
        method: 'POST',
        headers: turnHeaders(body),
        body: JSON.stringify(body),
      });
      if (response.status !== 200)
        throw new Error(`turn "${turn.text}": ${response.status} ${await response.text()}`);
      const result = (await response.json()) as ConversationTurnResult;
      reports.push(reportOf(turn, service.standIn.requests.slice(first), result));
    }
    return reports;
  } finally {
    await service?.close();
    await weather.close();
  }
}

function reportOf(
  turn: ScriptedTurn,
  requests: RecordedChatRequest[],
  result: ConversationTurnResult,
): ScriptedTurnReport {
  const needed = turn.needs?.tool;
  const [first] = requests;
  const last = requests.at(-1);
  // The last call saw every skill call of the turn unless the skills' reply ended it.
  const seenByLast = last ? calledThisTurn(last).filter((name) => name !== 'more_tools').length : 0;
  return {
    turn,
    calls: requests.length,
    promptTokens: requests.reduce((sum, request) => sum + request.promptTokens, 0),
    cachedTokens: requests.reduce((sum, request) => sum + request.cachedTokens, 0),
    completionTokens: result.usage.completionTokens,
    callTokens: requests.map((request) => request.promptTokens),
    toolsOffered: first?.tools.length ?? 0,
    offeredAtOnce: needed !== undefined && first !== undefined && offeredNames(first).includes(needed),
    askedForMore: requests.some((request) => calledThisTurn(request).includes('more_tools')),
    called: needed !== undefined && result.tools.some((tool) => tool.name === needed && tool.result.ok),
    skillReplied: result.tools.length > seenByLast,
    result,
  };
}

/** The `at` quantile of a sample (nearest rank). */
export function quantile(values: readonly number[], at: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(at * sorted.length))] ?? Number.NaN;
}

/** The premium plan's turns in a month: 200 a day for 30 days, all used. */
export const TURNS_PER_MONTH = 6_000;

export interface TokenSummary {
  turns: number;
  modelCalls: number;
  perCall: { median: number; p90: number; max: number };
  perTurn: { median: number; p90: number; max: number; mean: number };
  cachedShare: number;
  /** Turns whose needed tool was never called. */
  missing: number;
  /** Turns that needed a `more_tools` round first. */
  askedForMore: number;
  /** Turns that ended with the skills' reply, without a model call after the tool call. */
  skillReplied: number;
  /** USD for TURNS_PER_MONTH turns like the script's, per model. */
  monthUsd: Record<string, number>;
}

export function summarize(
  reports: readonly ScriptedTurnReport[],
  prices: PriceList,
  models: readonly string[],
): TokenSummary {
  const calls = reports.flatMap((report) => report.callTokens);
  const turns = reports.map((report) => report.promptTokens);
  const prompt = turns.reduce((sum, tokens) => sum + tokens, 0);
  const cached = reports.reduce((sum, report) => sum + report.cachedTokens, 0);
  const monthUsd = Object.fromEntries(
    models.map((model) => {
      const micro = reports.reduce((sum, report) => sum + prices.costMicroUsd(model, report), 0);
      return [model, (micro / reports.length / 1_000_000) * TURNS_PER_MONTH];
    }),
  );
  return {
    turns: reports.length,
    modelCalls: calls.length,
    perCall: { median: quantile(calls, 0.5), p90: quantile(calls, 0.9), max: Math.max(...calls) },
    perTurn: {
      median: quantile(turns, 0.5),
      p90: quantile(turns, 0.9),
      max: Math.max(...turns),
      mean: prompt / reports.length,
    },
    cachedShare: prompt === 0 ? 0 : cached / prompt,
    missing: reports.filter((report) => report.turn.needs && !report.called).length,
    askedForMore: reports.filter((report) => report.askedForMore).length,
    skillReplied: reports.filter((report) => report.skillReplied).length,
    monthUsd,
  };
}
