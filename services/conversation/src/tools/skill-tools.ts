import { type IntentName, intentNames, intentSlotSchemas, type Slots, type ToolEvent } from '@hark/contracts';
import { errorCode, isHarkError } from '@hark/core';
import type { SkillContext, SkillRegistry } from '@hark/skills';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { compactSchema } from './compact-schema.js';
import { intentDescriptions } from './intent-descriptions.js';

/** One skill intent offered to the model as a function tool. */
export interface SkillTool {
  name: string;
  intent: IntentName;
  definition: ChatCompletionFunctionTool;
}

/** A complete tool call as the model made it: arguments still a JSON string. */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: string;
}

/** "timer.start" -> "timer_start": function names may not contain dots. */
export const toolNameOf = (intent: string): string => intent.replaceAll('.', '_');

/** The slot schema as JSON Schema, compacted (compact-schema.ts): the slot validation still checks it all. */
const parametersOf = (intent: IntentName): Record<string, unknown> =>
  compactSchema(z.toJSONSchema(intentSlotSchemas[intent]) as Record<string, unknown>);

/**
 * Every intent that has a description and an installed skill, as a tool. The description is the
 * intent's own line (intent-descriptions.ts): the skill's help sentence would repeat it in longer words.
 */
export function buildSkillTools(registry: SkillRegistry): SkillTool[] {
  return intentNames.flatMap((intent) => {
    const description = intentDescriptions[intent];
    const skill = registry.skillFor(intent);
    if (!description || !skill) return [];
    const name = toolNameOf(intent);
    const definition: ChatCompletionFunctionTool = {
      type: 'function',
      function: {
        name,
        description,
        parameters: parametersOf(intent),
      },
    };
    return [{ name, intent, definition }];
  });
}

/** The tools a plan allows: all when it names none; names may be tool names or intents. */
export function toolsAllowed(all: readonly SkillTool[], allowed: readonly string[] | undefined): SkillTool[] {
  if (!allowed) return [...all];
  const names = new Set(allowed.map(toolNameOf));
  return all.filter((tool) => names.has(tool.name));
}

const failure = (code: string, message: string): ToolEvent['result'] => ({
  ok: false,
  error: { code, message },
});

function parseArguments(raw: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw.trim() === '' ? '{}' : raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Runs one tool call through the same skill handler as the free path, so it changes the same
 * Redis state. Bad arguments and skill errors become error results for the model to explain;
 * nothing here throws except a bug in a skill, which is reported as an internal error result.
 */
export async function runToolCall(
  tools: readonly SkillTool[],
  registry: SkillRegistry,
  call: ToolCallRequest,
  context: SkillContext,
  onUnexpected: (error: unknown, tool: string) => void,
): Promise<ToolEvent> {
  const args = parseArguments(call.arguments);
  const event = (result: ToolEvent['result']): ToolEvent => ({
    name: call.name,
    arguments: args ?? { unparsed: call.arguments },
    result,
  });
  const tool = tools.find((candidate) => candidate.name === call.name);
  const skill = tool && registry.skillFor(tool.intent);
  if (!tool || !skill) return event(failure(errorCode('NOT_FOUND'), `There is no tool called ${call.name}.`));
  if (!args) return event(failure(errorCode('VALIDATION'), 'The arguments are not a JSON object.'));
  const slots = intentSlotSchemas[tool.intent].safeParse(args);
  if (!slots.success) {
    return event(failure(errorCode('VALIDATION'), `Invalid arguments: ${z.prettifyError(slots.error)}`));
  }
  try {
    const outcome = await skill.handle(tool.intent, slots.data as Slots, context);
    const text = outcome.reply.text || outcome.reply.speech || 'Done.';
    return event({ ok: true, text, ...(outcome.data ? { data: outcome.data } : {}) });
  } catch (error) {
    if (isHarkError(error)) return event(failure(error.code, error.message));
    onUnexpected(error, call.name);
    return event(failure(errorCode('INTERNAL'), 'The tool failed unexpectedly.'));
  }
}
