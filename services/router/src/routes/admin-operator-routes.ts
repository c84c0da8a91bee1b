import {
  createdOperatorResponseSchema,
  createOperatorRequestSchema,
  currentOperatorResponseSchema,
  errorResponseSchema,
  operatorErrors,
  operatorListResponseSchema,
  operatorParamsSchema,
  operatorRoute,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import { type AuditLog, byOperator } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const ownerOnly = { operatorRole: 'owner' } as const;

/**
 * Named operator tokens (owners only): create one with a role (the token is shown once), list,
 * revoke. The caller registers them behind the operator hook; every change is audited.
 */
export const adminOperatorRoutes: FastifyPluginAsyncZod<{ audit: AuditLog }> = async (app, { audit }) => {
  app.get(
    '/admin/operators/me',
    {
      config: { operatorRole: 'viewer' },
      schema: {
        ...operatorRoute,
        summary: 'The operator the token belongs to: id, name and role',
        response: { 200: currentOperatorResponseSchema, ...operatorErrors },
      },
    },
    async (request) => ({ operator: request.operator! }),
  );

  app.post(
    '/admin/operators',
    {
      config: ownerOnly,
      schema: {
        ...operatorRoute,
        summary: 'Create an operator token with a role; the token is shown only in this response',
        body: createOperatorRequestSchema,
        response: { 201: createdOperatorResponseSchema, ...operatorErrors },
      },
    },
    async (request, reply) => {
      const created = await app.operators.create(request.body.name, request.body.role);
      await audit.append({
        ...byOperator(request),
        action: 'operator.create',
        target: `operator:${created.operator.id}`,
        before: null,
        after: created.operator,
      });
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/admin/operators',
    {
      config: ownerOnly,
      schema: {
        ...operatorRoute,
        summary: 'Every named operator (never their tokens)',
        response: { 200: operatorListResponseSchema, ...operatorErrors },
      },
    },
    async () => ({ operators: await app.operators.list() }),
  );

  app.delete(
    '/admin/operators/:id',
    {
      config: ownerOnly,
      schema: {
        ...operatorRoute,
        summary: "Revoke an operator's token, at once on every instance",
        params: operatorParamsSchema,
        response: { 204: z.null().describe('Revoked'), 404: errorResponseSchema, ...operatorErrors },
      },
    },
    async (request, reply) => {
      const revoked = await app.operators.revoke(request.params.id);
      if (!revoked) throw new HarkError('NOT_FOUND', { what: `Operator ${request.params.id}` });
      await audit.append({
        ...byOperator(request),
        action: 'operator.revoke',
        target: `operator:${revoked.id}`,
        before: revoked,
        after: null,
      });
      return reply.status(204).send(null);
    },
  );
};
