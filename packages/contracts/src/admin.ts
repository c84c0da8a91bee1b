import { z } from 'zod';

export const userIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '1-64 letters, digits, "_" or "-"')
  .describe('User id');

export const userSchema = z
  .object({
    id: userIdSchema,
    name: z.string(),
    timezone: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const apiKeySchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    hint: z.string().describe('Last four characters of the key'),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiKey' });

export const createUserRequestSchema = z.object({
  id: userIdSchema.optional(),
  name: z.string().trim().min(1).max(100).optional(),
  timezone: z.string().max(64).optional().describe('Default IANA time zone for this user'),
});

export const userParamsSchema = z.object({ id: userIdSchema });
export const keyParamsSchema = z.object({ keyId: z.string().min(1).max(64) });

export const createdUserResponseSchema = z.object({ user: userSchema });
export const createdKeyResponseSchema = z.object({
  key: z.string().describe('The API key itself; shown only in this response'),
  apiKey: apiKeySchema,
});
export const userDetailResponseSchema = z.object({ user: userSchema, apiKeys: z.array(apiKeySchema) });

/** GET /admin/users: newest first, or the users whose id or name starts with `query`. */
export const listUsersQuerySchema = z.object({
  query: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Prefix of a user id or name, any case; empty or absent lists every user, newest first'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Users per page (1-100, default 20)'),
  cursor: z
    .string()
    .min(1)
    .max(400)
    .optional()
    .describe('`nextCursor` of the previous page, with the same `query`'),
});

export const userListResponseSchema = z
  .object({
    users: z.array(userSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one'),
  })
  .meta({ id: 'UserList' });
