import {
  createdKeyResponseSchema,
  createdUserResponseSchema,
  createUserRequestSchema,
  errorResponseSchema,
  keyParamsSchema,
  listUsersQuerySchema,
  userDetailResponseSchema,
  userListResponseSchema,
  userParamsSchema,
} from '@hark/contracts';
import { HarkError, isValidTimeZone } from '@hark/core';
import { type AuditLog, byOperator } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };
const operator = { tags: ['admin'], security: [{ operatorToken: [] }] };
/** Users and their keys are support's work (owners may do everything). */
const support = { operatorRole: 'support' } as const;

export interface AdminUserRoutesOptions {
  audit: AuditLog;
  /** API keys one user may hold (API_KEYS_PER_USER_MAX). */
  maxKeysPerUser: number;
}

/**
 * Operator routes for users and API keys; the caller registers them behind the operator hook.
 * Creating a user and issuing or revoking a key are audited, with the operator from the token.
 */
export const adminUserRoutes: FastifyPluginAsyncZod<AdminUserRoutesOptions> = async (
  app,
  { audit, maxKeysPerUser },
) => {
  app.post(
    '/admin/users',
    {
      config: support,
      schema: {
        ...operator,
        summary: 'Create a user',
        body: createUserRequestSchema,
        response: { 201: createdUserResponseSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id, name, timezone } = request.body;
      if (timezone !== undefined && !isValidTimeZone(timezone))
        throw new HarkError('INVALID_TIMEZONE', { timezone });
      const user = await app.users.createUser({ id, name, timezone });
      if (!user) throw new HarkError('CONFLICT', { what: `User ${id}` });
      await audit.append({
        ...byOperator(request),
        action: 'user.create',
        target: `user:${user.id}`,
        before: null,
        after: user,
      });
      reply.status(201);
      return { user };
    },
  );

  app.get(
    '/admin/users',
    {
      config: support,
      schema: {
        ...operator,
        summary: 'List users newest first, or find them by the start of their id or name',
        description:
          'Without `query`: every user, newest first. With it: the users whose id or name starts with ' +
          'it (any case), in the order of the text that matched, each user once. A page holds up to ' +
          '`limit` users; `nextCursor` asks for the next one.',
        querystring: listUsersQuerySchema,
        response: { 200: userListResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { query, limit, cursor } = request.query;
      return app.users.listUsers({ limit, ...(query ? { query } : {}), ...(cursor ? { cursor } : {}) });
    },
  );

  app.get(
    '/admin/users/:id',
    {
      config: support,
      schema: {
        ...operator,
        summary: 'A user and the hints of their API keys',
        params: userParamsSchema,
        response: { 200: userDetailResponseSchema, 404: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const user = await app.users.getUser(request.params.id);
      if (!user) throw new HarkError('NOT_FOUND', { what: `User ${request.params.id}` });
      return { user, apiKeys: await app.users.listApiKeys(user.id) };
    },
  );

  app.post(
    '/admin/users/:id/keys',
    {
      config: support,
      schema: {
        ...operator,
        summary: 'Issue a new API key for a user; the key is shown only in this response',
        description:
          'A user may hold API_KEYS_PER_USER_MAX keys (default 10); one more: 409 HARK_ERR_TOO_MANY_KEYS.',
        params: userParamsSchema,
        response: {
          201: createdKeyResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const user = await app.users.getUser(request.params.id);
      if (!user) throw new HarkError('NOT_FOUND', { what: `User ${request.params.id}` });
      const issued = await app.users.addApiKeyWithin(user.id, maxKeysPerUser);
      if (!issued) throw new HarkError('TOO_MANY_KEYS', { userId: user.id, limit: maxKeysPerUser });
      const { record, key } = issued;
      await audit.append({
        ...byOperator(request),
        action: 'apikey.issue',
        target: `user:${user.id}`,
        before: null,
        after: record,
      });
      reply.status(201);
      return { key, apiKey: record };
    },
  );

  app.delete(
    '/admin/keys/:keyId',
    {
      config: support,
      schema: {
        ...operator,
        summary: 'Revoke an API key',
        params: keyParamsSchema,
        response: { 204: z.null().describe('Revoked'), 404: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const record = await app.users.getApiKey(request.params.keyId);
      const revoked = record !== null && (await app.users.revokeApiKey(record.id));
      if (!revoked) throw new HarkError('NOT_FOUND', { what: `API key ${request.params.keyId}` });
      await audit.append({
        ...byOperator(request),
        action: 'apikey.revoke',
        target: `user:${record.userId}`,
        before: record,
        after: null,
      });
      return reply.status(204).send(null);
    },
  );
};
