import { listInternalUsersRoute, putInternalUserRoute } from '@hark/contracts';
import { HarkError } from '@hark/core';
import { type AuditLog, byOperator } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { InternalUserMarks } from '../insights/internal-user-marks.js';

export interface AdminInternalUserRoutesOptions {
  marks: InternalUserMarks;
  audit: AuditLog;
}

/** Internal and test users, left out of every insight: mark or clear (audited), and list. */
export const adminInternalUserRoutes: FastifyPluginAsyncZod<AdminInternalUserRoutesOptions> = async (
  app,
  { marks, audit },
) => {
  app.route({
    ...putInternalUserRoute,
    handler: async (request) => {
      const userId = request.params.id;
      if (!(await app.users.getUser(userId))) throw new HarkError('NOT_FOUND', { what: `User ${userId}` });
      const { actor, note: auditNote } = byOperator(request);
      const before = await marks.get(userId);
      const after = await marks.set(
        userId,
        request.body.internal,
        request.body.note ?? null,
        actor.name ?? 'operator',
      );
      await audit.append({
        actor,
        note: auditNote,
        action: request.body.internal ? 'user.internal.put' : 'user.internal.delete',
        target: `user:${userId}`,
        before,
        after: after.internal ? after : null,
      });
      return after;
    },
  });

  app.route({
    ...listInternalUsersRoute,
    handler: async () => ({ users: await marks.list() }),
  });
};
