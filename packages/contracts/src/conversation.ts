import { z } from 'zod';
import { utteranceText } from './converse.js';
import { intentNameSchema } from './intents.js';
import { profileSchema } from './profile.js';

/**
 * The internal API of services/conversation, called by the router only (never by clients).
 * Every call carries the shared secret INTERNAL_TOKEN in this header.
 */
export const INTERNAL_TOKEN_HEADER = 'x-hark-internal-token';

/**
 * Every call that spends money upstream (a turn, a transcription, speech) also carries a premium grant:
 * the router's word, signed with INTERNAL_TOKEN (packages/core signed-token.ts), that its premium gate
 * let this user do this one thing now. The conversation service decides nothing from the body: a call
 * without a valid, unexpired, unused grant for the same user (and session) is refused, 403
 * HARK_ERR_GRANT_INVALID. Each grant is good for one call within PREMIUM_GRANT_TTL_MS.
 */
export const PREMIUM_GRANT_HEADER = 'x-hark-premium-grant';
/** The purpose premium grants are signed for. */
export const PREMIUM_GRANT_PURPOSE = 'hark-premium-grant';
/** How long a grant may wait before it is used: one hop inside the deployment. */
export const PREMIUM_GRANT_TTL_MS = 60_000;

const safeId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'letters, digits, "_" and "-", at most 128');

export const conversationPlanSchema = z.object({
  id: z.string().min(1).max(64).describe('The plan in force, e.g. "premium"; recorded as the tier'),
  features: z.record(z.string(), z.boolean()).describe("The plan's features, as the entitlements say"),
  allowedTools: z
    .array(z.string().min(1).max(64))
    .max(100)
    .optional()
    .describe('Only these tools ("timer_start", or the intent "timer.start"); all when absent'),
  llmBudgetMicroUsd: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe(
      "The plan's conversation.llm_budget_micro_usd: most LLM cost of this user in the UTC month (margin guard); absent from routers before it: no guard",
    ),
});
export type ConversationPlan = z.infer<typeof conversationPlanSchema>;

/** The claims of a premium grant (signed; `purpose` and `exp` are added by signing). */
export const premiumGrantClaimsSchema = z.object({
  id: z.string().min(16).max(64).describe('Random grant id: a grant is used once'),
  use: z.enum(['turn', 'transcription', 'speech']),
  userId: safeId,
  sessionId: safeId.nullable().describe('The session of a turn; null for speech'),
  plan: conversationPlanSchema
    .nullable()
    .describe('The plan a turn runs under, as the router read it; null for speech and transcription'),
  access: z.enum(['plan', 'trial']).describe('A plan with the feature, or a free trial turn'),
  quota: z.string().nullable().describe('The quota the router took one from (turns), or null'),
  period: z.string().nullable().describe('The period of that quota ("2026-11-26", "2026-11")'),
});
export type PremiumGrantClaims = z.infer<typeof premiumGrantClaimsSchema>;

/**
 * What the router knows about a turn it passes on, so the service offers the model only the tools
 * the turn plausibly needs (LLM_TOOL_SELECTION=relevant). Optional: without it the service goes by
 * the words and the session's memory alone.
 */
export const conversationHintsSchema = z.object({
  intents: z
    .array(z.object({ name: intentNameSchema, score: z.number().min(0).max(1) }))
    .max(8)
    .optional()
    .describe("The recogniser's readings of the text, too unsure to act on (calibrated probabilities)"),
  lastIntent: intentNameSchema
    .nullable()
    .optional()
    .describe('The skill intent the session last answered on the free path ("timer.start")'),
});
export type ConversationHints = z.infer<typeof conversationHintsSchema>;

export const conversationTurnRequestSchema = z.object({
  userId: safeId,
  sessionId: safeId.describe('The router session; the conversation memory is kept per session'),
  newSession: z
    .boolean()
    .optional()
    .describe('The router made this session id for this very turn, so there is no memory to read yet'),
  text: utteranceText,
  timeZone: z.string().min(1).max(64).describe('IANA zone the turn runs in (already resolved by the router)'),
  locale: z.string().min(2).max(35).describe('Canonical BCP 47 locale'),
  deviceId: z.string().min(1).max(128).nullable().optional(),
  profile: profileSchema,
  plan: conversationPlanSchema
    .optional()
    .describe('Ignored: the plan comes from the premium grant (kept for conversation services before it)'),
  hints: conversationHintsSchema.optional(),
});
export type ConversationTurnRequest = z.infer<typeof conversationTurnRequestSchema>;

export const llmUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  cachedTokens: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe(
      'Of promptTokens, those the provider served from its prompt cache (charged at the cached price)',
    ),
});
export type LlmUsage = z.infer<typeof llmUsageSchema>;

/** What a tool call did: the skill's reply and data, or why it failed. */
export const toolResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    text: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ToolResult = z.infer<typeof toolResultSchema>;

/** SSE `tool`: one tool call the model made, with its parsed arguments and its result. */
export const toolEventSchema = z.object({
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  result: toolResultSchema,
});
export type ToolEvent = z.infer<typeof toolEventSchema>;

/** SSE `delta`: the next piece of the reply text, as the model produced it. */
export const deltaEventSchema = z.object({ text: z.string() });

/** SSE `done`, and the JSON answer: the whole turn. */
export const conversationTurnResultSchema = z.object({
  reply: z.object({
    text: z.string(),
    speech: z.string().describe('The reply to speak: the text without markdown'),
  }),
  usage: llmUsageSchema,
  costUsd: z.number().nonnegative(),
  model: z.string().describe('The model that answered last (a fallback when the first failed)'),
  latencyMs: z.number().nonnegative(),
  tools: z.array(toolEventSchema),
});
export type ConversationTurnResult = z.infer<typeof conversationTurnResultSchema>;

/** SSE `error`: the turn failed after the stream started; same code as the JSON error would carry. */
export const streamErrorEventSchema = z.object({ code: z.string(), message: z.string() });

export type ConversationStreamEvent =
  | { event: 'delta'; data: z.infer<typeof deltaEventSchema> }
  | { event: 'tool'; data: ToolEvent }
  | { event: 'done'; data: ConversationTurnResult }
  | { event: 'error'; data: z.infer<typeof streamErrorEventSchema> };
