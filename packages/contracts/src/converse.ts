import { z } from 'zod';
import { intentMatchSchema } from './intents.js';

export const MAX_TEXT_LENGTH = 1000;

/** User text: trimmed, not empty, at most 1000 characters. */
export const utteranceText = z
  .string()
  .trim()
  .min(1, 'must not be empty or only whitespace')
  .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
  .describe('What the user said or typed');

export const localeField = z
  .string()
  .max(35)
  .describe('BCP 47 language tag; English (en, en-US, en-GB, ...) is supported')
  .optional();

export const timezoneField = z
  .string()
  .max(64)
  .describe("IANA time zone such as Europe/Paris; defaults to the user's stored zone, else UTC")
  .optional();

export const parseRequestSchema = z.object({
  text: utteranceText,
  locale: localeField,
  timezone: timezoneField.describe('IANA time zone that relative days ("tomorrow") resolve in'),
});
export type ParseRequest = z.infer<typeof parseRequestSchema>;

export const parseResponseSchema = z
  .object({
    intent: intentMatchSchema.nullable(),
    alternatives: z.array(intentMatchSchema),
    stage: z
      .enum(['template', 'model'])
      .nullable()
      .describe(
        'Which stage recognised the intent: the exact templates, or the trained model; null when none did',
      ),
    clarify: z
      .array(intentMatchSchema)
      .describe(
        'When no stage was sure but the text reads as a free skill: the readings /v1/converse would ask the user to choose between',
      ),
  })
  .meta({ id: 'ParseResult' });
export type ParseResponse = z.infer<typeof parseResponseSchema>;

export const converseRequestSchema = z.object({
  text: utteranceText,
  sessionId: z.uuid().describe('Continue this session; a new one is issued when absent').optional(),
  deviceId: z.string().min(1).max(128).optional(),
  timezone: timezoneField,
  locale: localeField,
});
export type ConverseRequest = z.infer<typeof converseRequestSchema>;

/** "clarify": no stage was sure which free skill was meant, so the reply asks ("A timer or an alarm?"). */
export const handledBySchema = z.enum(['skill', 'llm', 'fallback', 'clarify']);
export type HandledBy = z.infer<typeof handledBySchema>;

export const replySchema = z.object({
  text: z.string().describe('Reply to show; empty when the session ended quietly'),
  speech: z.string().optional().describe('Reply to speak, without markup'),
  audioUrl: z
    .string()
    .optional()
    .describe('GET this (with the API key) for the reply as audio/mpeg; only with the voice.tts feature'),
});
export type Reply = z.infer<typeof replySchema>;

/** Sent with a fallback reply when a plan the user could buy would have answered the turn. */
export const upsellSchema = z
  .object({
    feature: z.string().describe('The feature the turn needed, e.g. "conversation"'),
    message: z.string().describe('What upgrading gives, to show next to the reply'),
    plan: z.string().describe('Id of the plan to offer; pass it to the checkout'),
    checkoutPath: z.string().describe('POST here with {plan} (and the API key) for a checkout URL'),
    upgradeUrl: z.string().optional(),
  })
  .meta({ id: 'Upsell' });
export type Upsell = z.infer<typeof upsellSchema>;

export const converseResponseSchema = z
  .object({
    sessionId: z.uuid(),
    handledBy: handledBySchema,
    intent: intentMatchSchema.nullable(),
    reply: replySchema,
    expectsReply: z.boolean(),
    data: z.record(z.string(), z.unknown()).optional(),
    upsell: upsellSchema.optional(),
  })
  .meta({ id: 'ConverseResult' });
export type ConverseResponse = z.infer<typeof converseResponseSchema>;
