import type { ConversationTurnRequest } from '@hark/contracts';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { SkillTool, ToolCallRequest } from './skill-tools.js';
import {
  familiesInText,
  familiesOfIntent,
  familyNames,
  type ToolFamily,
  toolFamilies,
} from './tool-families.js';

/** LLM_TOOL_SELECTION: every allowed tool on every call, or the families the turn plausibly needs. */
export type ToolSelection = 'all' | 'relevant';

/** The tiny tool every `relevant` turn is offered, so the model can ask for a family it was not given. */
export const MORE_TOOLS = 'more_tools';

/** A recogniser reading at least this likely brings its family along. */
export const HINT_MIN_SCORE = 0.05;
/** A plan allowing at most this many tools is offered all of them. */
export const SMALL_PLAN_TOOLS = 3;
/** Tool calls in this many of the newest remembered turns bring their families along. */
export const RECENT_TURNS = 3;

export interface TurnSignals {
  text: string;
  hints?: ConversationTurnRequest['hints'];
  /** The session's remembered messages, oldest first. */
  remembered: readonly ChatCompletionMessageParam[];
}

/** The tool names called in the newest `RECENT_TURNS` remembered turns (each turn starts with a user message). */
function recentToolNames(remembered: readonly ChatCompletionMessageParam[]): string[] {
  const names: string[] = [];
  let turns = 0;
  for (let index = remembered.length - 1; index >= 0 && turns < RECENT_TURNS; index--) {
    const message = remembered[index]!;
    if (message.role === 'user') turns++;
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? [])
        if (call.type === 'function') names.push(call.function.name);
    }
  }
  return names;
}

/** A family name asked for with `more_tools`, or the family of a tool name ("timer_start"). */
function familiesOfName(name: string, tools: readonly SkillTool[]): ToolFamily[] {
  if ((familyNames as string[]).includes(name)) return [name as ToolFamily];
  const tool = tools.find((candidate) => candidate.name === name);
  return tool ? familiesOfIntent(tool.intent) : [];
}

/**
 * The families a turn starts with: those its words suggest, those of the recogniser's readings
 * (hints from the router), and those of the skills the session used in its last few turns.
 */
export function familiesForTurn(signals: TurnSignals, tools: readonly SkillTool[]): Set<ToolFamily> {
  const families = new Set<ToolFamily>(familiesInText(signals.text));
  for (const reading of signals.hints?.intents ?? []) {
    if (reading.score >= HINT_MIN_SCORE)
      for (const family of familiesOfIntent(reading.name)) families.add(family);
  }
  if (signals.hints?.lastIntent)
    for (const family of familiesOfIntent(signals.hints.lastIntent)) families.add(family);
  for (const name of recentToolNames(signals.remembered)) {
    if (name === MORE_TOOLS) continue;
    for (const family of familiesOfName(name, tools)) families.add(family);
  }
  return families;
}

/**
 * The tools one turn offers, round by round. With `relevant` selection it starts with the
 * turn's families (familiesForTurn) plus `more_tools`; a `more_tools` call, or a call to an
 * allowed tool that was not offered, adds that family from the next round on. Tools keep the
 * catalogue order whatever was added, so equal offers are byte-equal (a cacheable prefix).
 */
export class ToolOffer {
  private readonly families: Set<ToolFamily>;

  constructor(
    /** The tools the plan allows, in catalogue order. */
    readonly allowed: readonly SkillTool[],
    private selection: ToolSelection,
    signals: TurnSignals,
  ) {
    // A plan with a handful of tools gets them all: cheaper than a more_tools round to find them.
    if (allowed.length <= SMALL_PLAN_TOOLS) this.selection = 'all';
    this.families = this.selection === 'all' ? new Set(familyNames) : familiesForTurn(signals, allowed);
  }

  /** The families offered so far. */
  get offeredFamilies(): ToolFamily[] {
    return familyNames.filter((family) => this.families.has(family));
  }

  /** The definitions to send with the next model call. */
  definitions(): ChatCompletionFunctionTool[] {
    if (this.selection === 'all') return this.allowed.map((tool) => tool.definition);
    const intents = new Set<string>(this.offeredFamilies.flatMap((family) => toolFamilies[family]));
    const offered = this.allowed.filter((tool) => intents.has(tool.intent)).map((tool) => tool.definition);
    const missing = this.missingFamilies();
    return missing.length > 0 ? [...offered, moreToolsDefinition(missing)] : offered;
  }

  /** True for a `more_tools` call: answered by the offer itself, not by a skill. */
  isOfferCall(call: ToolCallRequest): boolean {
    return this.selection === 'relevant' && call.name === MORE_TOOLS;
  }

  /**
   * Widens the offer for the model's calls: `more_tools` families and allowed tools that were
   * not offered. Returns what to tell the model for a `more_tools` call.
   */
  widen(calls: readonly ToolCallRequest[]): Map<string, string> {
    const answers = new Map<string, string>();
    for (const call of calls) {
      if (this.isOfferCall(call)) {
        const asked = askedFamilies(call.arguments).filter((family) => this.allowsFamily(family));
        for (const family of asked) this.families.add(family);
        answers.set(
          call.id,
          asked.length > 0
            ? `Offered now: the ${asked.join(', ')} tools. Call the one you need.`
            : `Nothing more to offer; families: ${this.missingFamilies().join(', ') || 'none'}.`,
        );
      } else {
        for (const family of familiesOfName(call.name, this.allowed)) this.families.add(family);
      }
    }
    return answers;
  }

  private allowsFamily(family: ToolFamily): boolean {
    const intents = toolFamilies[family] as readonly string[];
    return this.allowed.some((tool) => intents.includes(tool.intent));
  }

  private missingFamilies(): ToolFamily[] {
    return familyNames.filter((family) => !this.families.has(family) && this.allowsFamily(family));
  }
}

function askedFamilies(raw: string): ToolFamily[] {
  try {
    const parsed = JSON.parse(raw) as { family?: unknown; families?: unknown };
    const asked = [parsed.family, ...(Array.isArray(parsed.families) ? parsed.families : [])];
    return familyNames.filter((family) => asked.includes(family));
  } catch {
    return [];
  }
}

function moreToolsDefinition(families: readonly ToolFamily[]): ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: {
      name: MORE_TOOLS,
      description: 'Get the tools of another skill family when none offered fits the request.',
      parameters: {
        type: 'object',
        properties: { family: { type: 'string', enum: [...families] } },
        required: ['family'],
      },
    },
  };
}
