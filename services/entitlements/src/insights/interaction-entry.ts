import { monthOfDay, utcDay } from '@hark/contracts';

/** One stream entry as ioredis returns it: [id, [field, value, field, value, …]]. */
export type StreamEntry = [id: string, fields: string[]];

/** An interaction event as the folder counts it (packages/interactions/src/interactions.ts wrote it). */
export interface FoldableEvent {
  userId: string;
  /** The plan id in force at the turn. */
  tier: string;
  handledBy: 'skill' | 'llm' | 'fallback';
  /** The skill intent, or "llm", or "fallback": what insights group interactions by. */
  intent: string;
  ok: boolean;
  atMs: number;
  day: string;
  month: string;
  promptTokens: number;
  completionTokens: number;
  costMicroUsd: number;
  upsell: boolean;
  /** Tool calls the LLM made in the turn. */
  toolCalls: number;
  /** Their function names, where the writer named them (older events only have the count). */
  tools: string[];
}

const handledByValues = new Set(['skill', 'llm', 'fallback']);

/** Names become parts of hash fields and keys ("n|tier|intent"), so separators are replaced. */
const safeName = (name: string): string => name.replace(/[|:*{}\s]/g, '_').slice(0, 64) || 'unknown';

const count = (value: string | undefined): number => {
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : 0;
};

/** The time of the entry: its `at` field, else the millisecond part of its stream id. */
function eventTime(id: string, at: string | undefined): number {
  const parsed = at ? Date.parse(at) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : Number(id.split('-')[0]);
}

/** Null for an entry the folder cannot count (no user, unknown handler): it is passed over. */
export function parseInteraction([id, flat]: StreamEntry): FoldableEvent | null {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index]!] = flat[index + 1]!;
  const { userId, handledBy } = fields;
  if (!userId || !handledBy || !handledByValues.has(handledBy)) return null;
  const atMs = eventTime(id, fields.at);
  const day = utcDay(new Date(atMs));
  return {
    userId,
    tier: safeName(fields.plan ?? ''),
    handledBy: handledBy as FoldableEvent['handledBy'],
    intent: handledBy === 'skill' ? safeName(fields.intent ?? '') : handledBy,
    ok: (fields.outcome ?? 'ok') === 'ok',
    atMs,
    day,
    month: monthOfDay(day),
    promptTokens: count(fields.promptTokens),
    completionTokens: count(fields.completionTokens),
    costMicroUsd: count(fields.costMicroUsd),
    upsell: fields.upsell === 'true',
    toolCalls: count(fields.toolCalls),
    tools: fields.tools ? fields.tools.split(',').filter(Boolean).map(safeName) : [],
  };
}
