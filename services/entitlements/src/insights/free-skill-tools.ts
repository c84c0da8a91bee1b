import { type IntentName, intentNames } from '@hark/contracts';

/**
 * Which LLM tool calls were free skills: every skill intent (packages/skills) is answered by the
 * router's local recogniser on every plan, free included, and the conversation service offers each
 * as a tool named after it ("timer.start" -> "timer_start", toolNameOf). A call to such a tool is an
 * LLM bill for an answer the free path gives: the recogniser missed the request.
 */
const intentByTool = new Map<string, IntentName>(
  intentNames.map((intent) => [intent.replaceAll('.', '_'), intent]),
);

/** The free skill intent a tool stands for, or null (a tool no skill answers, or "unnamed"). */
export const freeSkillOfTool = (tool: string): IntentName | null => intentByTool.get(tool) ?? null;
