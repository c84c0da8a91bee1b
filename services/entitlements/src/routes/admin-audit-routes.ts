import { auditRoute } from '@hark/contracts';
import type { AuditLog } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** GET /admin/audit: operator changes, newest first, a page at a time. */
export const adminAuditRoutes: FastifyPluginAsyncZod<{ audit: AuditLog }> = async (app, { audit }) => {
  app.route({ ...auditRoute, handler: async (request) => audit.page(request.query) });
};
