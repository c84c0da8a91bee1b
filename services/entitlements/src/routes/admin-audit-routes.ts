import { auditPageResponseSchema, auditQuerySchema } from '@hark/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/audit-log.js';
import { operatorErrors, operatorRoute } from './admin-plan-routes.js';

/** GET /admin/audit: operator changes, newest first, a page at a time. */
export const adminAuditRoutes: FastifyPluginAsyncZod<{ audit: AuditLog }> = async (app, { audit }) => {
  app.get(
    '/admin/audit',
    {
      schema: {
        ...operatorRoute,
        summary: 'Audit log of operator changes (who, what, before, after, when), newest first',
        querystring: auditQuerySchema,
        response: { 200: auditPageResponseSchema, ...operatorErrors },
      },
    },
    async (request) => audit.page(request.query),
  );
};
