import { auditRoute } from '@hark/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/audit-log.js';

/** GET /admin/audit: operator changes, newest first, a page at a time. */
export const adminAuditRoutes: FastifyPluginAsyncZod<{ audit: AuditLog }> = async (app, { audit }) => {
  app.route({ ...auditRoute, handler: async (request) => audit.page(request.query) });
};
