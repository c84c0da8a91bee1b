import { z } from 'zod';
import { userIdSchema } from './admin.js';
import { operatorHeadersSchema } from './entitlements-api.js';
import { errorResponseSchema } from './errors.js';
import { operatorErrors, operatorRoute } from './operator-routes.js';
import type { RouteContract } from './route-contract.js';

/**
 * Internal and test users (issue 21): an operator marks a user so their turns are left out of
 * every insight (docs/INSIGHTS.md, "Who counts as a customer"). A mark applies to the events the
 * insights fold after it; it changes nothing the user is served.
 */

export const internalUserParamsSchema = z.object({ id: userIdSchema });

export const internalUserRequestSchema = z.object({
  internal: z.boolean().describe('true: internal or test user, left out of insights; false: a user again'),
  note: z.string().trim().min(1).max(200).optional().describe('Why, for other operators ("load test key")'),
});

export const internalUserSchema = z
  .object({
    userId: z.string(),
    internal: z.boolean(),
    note: z.string().nullable(),
    markedAt: z.string().describe('When this mark was set (or, for internal: false, cleared), ISO'),
    markedBy: z.string().describe('The operator who set or cleared it'),
  })
  .meta({ id: 'InternalUser' });
export type InternalUser = z.infer<typeof internalUserSchema>;

export const internalUserListResponseSchema = z.object({
  users: z.array(internalUserSchema).describe('Every user marked internal, newest mark first'),
});

export const putInternalUserRoute = {
  method: 'PUT',
  url: '/admin/users/:id/internal',
  config: { operatorRole: 'billing' },
  schema: {
    ...operatorRoute,
    summary: 'Mark a user as internal or test (left out of every insight), or clear the mark',
    description: 'Applies to turns the insights fold after the mark; turns already folded stay counted.',
    headers: operatorHeadersSchema,
    params: internalUserParamsSchema,
    body: internalUserRequestSchema,
    response: { 200: internalUserSchema, 404: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const listInternalUsersRoute = {
  method: 'GET',
  url: '/admin/internal-users',
  config: { operatorRole: 'billing' },
  schema: {
    ...operatorRoute,
    summary: 'Users marked internal or test',
    response: { 200: internalUserListResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;
