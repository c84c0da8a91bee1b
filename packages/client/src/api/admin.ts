import type { userListResponseSchema } from '@hark/contracts';
import type { z } from 'zod';
import type { CallOptions, Transport } from '../transport.js';
import type {
  CreatedKey,
  CreatedOperator,
  CreatedUser,
  CreateOperatorRequest,
  CreateUserRequest,
  CurrentOperator,
  GrantRequest,
  GrantResponse,
  InsightsQuery,
  InsightsResponse,
  InternalUser,
  InternalUserList,
  InternalUserRequest,
  OperatorList,
  PlanList,
  PlanResponse,
  UpdatePlanRequest,
  UserDetail,
  UserEntitlements,
  UserUsageResponse,
} from '../types.js';

/** Operator calls: every one sends the operator token (`adminToken`), never the user's API key. */
export interface AdminApi {
  plans: {
    list(options?: CallOptions): Promise<PlanList>;
    get(id: string, options?: CallOptions): Promise<PlanResponse>;
    /** Features and limits are merged into the plan; null removes one. */
    update(id: string, patch: UpdatePlanRequest, options?: CallOptions): Promise<PlanResponse>;
  };
  /** Grants a plan to a user (replacing an earlier grant), until `expiresAt` or until revoked. */
  grant(userId: string, request: GrantRequest, options?: CallOptions): Promise<GrantResponse>;
  /** Revokes the user's grant: Stripe or the default plan applies again. */
  revoke(userId: string, options?: CallOptions): Promise<GrantResponse>;
  /** A user's effective entitlements and every input that decided them. */
  entitlements(userId: string, options?: CallOptions): Promise<UserEntitlements>;
  users: {
    /**
     * Users newest first, or (with `query`) those whose id or name starts with it, A to Z; up to
     * `limit` (default 20) a page, `nextCursor` for the next one.
     */
    list(query?: ListUsersQuery, options?: CallOptions): Promise<UserList>;
    create(request?: CreateUserRequest, options?: CallOptions): Promise<CreatedUser>;
    get(id: string, options?: CallOptions): Promise<UserDetail>;
    /** Issues a new API key; the key itself is only in this answer. */
    addKey(id: string, options?: CallOptions): Promise<CreatedKey>;
    revokeKey(keyId: string, options?: CallOptions): Promise<void>;
    /** A user's LLM usage and cost for a month (default: this month), against their plan's price. */
    usage(id: string, query?: { month?: string }, options?: CallOptions): Promise<UserUsageResponse>;
    /** Marks a user internal or test (left out of every insight), or clears the mark (billing role). */
    setInternal(id: string, request: InternalUserRequest, options?: CallOptions): Promise<InternalUser>;
    /** Every user marked internal, newest mark first (billing role). */
    internal(options?: CallOptions): Promise<InternalUserList>;
  };
  /** Usage, LLM cost and revenue per tier over a range of UTC days (default: the last 30). */
  insights(query?: InsightsRange, options?: CallOptions): Promise<InsightsResponse>;
  /** The same figures as one CSV table (section,period,tier,dimension,metric,value). */
  insightsCsv(query?: InsightsRange, options?: CallOptions): Promise<string>;
  /** Named operator tokens; every call but `me` needs an owner's token. */
  operators: {
    /** The operator the token belongs to (any role): id, name and role. */
    me(options?: CallOptions): Promise<CurrentOperator>;
    /** Every named operator, oldest first (never their tokens; the bootstrap operator is not listed). */
    list(options?: CallOptions): Promise<OperatorList>;
    /** A new operator token with a role; the token itself is only in this answer. */
    create(request: CreateOperatorRequest, options?: CallOptions): Promise<CreatedOperator>;
    /** Revokes an operator's token, at once on every instance. */
    revoke(id: string, options?: CallOptions): Promise<void>;
  };
}

export type InsightsRange = Partial<Pick<InsightsQuery, 'from' | 'to' | 'top'>>;

/** GET /admin/users: a prefix of an id or name (none: every user), page size, and the cursor of the page before. */
// A type, not an interface: it is passed on as the request's query, a record of strings and numbers.
export type ListUsersQuery = {
  query?: string;
  /** 1-100, default 20. */
  limit?: number;
  cursor?: string;
};
/** A page of users and the cursor of the next one (null on the last). */
export type UserList = z.output<typeof userListResponseSchema>;

const segment = encodeURIComponent;

export function adminApi(transport: Transport): AdminApi {
  const admin = { auth: 'admin' } as const;
  return {
    plans: {
      list: (options) => transport.json({ path: '/admin/plans', ...admin, ...options }),
      get: (id, options) => transport.json({ path: `/admin/plans/${segment(id)}`, ...admin, ...options }),
      update: (id, body, options) =>
        transport.json({ method: 'PATCH', path: `/admin/plans/${segment(id)}`, ...admin, body, ...options }),
    },
    grant: (userId, body, options) =>
      transport.json({
        method: 'PUT',
        path: `/admin/users/${segment(userId)}/grant`,
        ...admin,
        body,
        ...options,
      }),
    revoke: (userId, options) =>
      transport.json({
        method: 'DELETE',
        path: `/admin/users/${segment(userId)}/grant`,
        ...admin,
        ...options,
      }),
    entitlements: (userId, options) =>
      transport.json({ path: `/admin/users/${segment(userId)}/entitlements`, ...admin, ...options }),
    users: {
      list: (query, options) => transport.json({ path: '/admin/users', ...admin, query, ...options }),
      create: (body = {}, options) =>
        transport.json({ method: 'POST', path: '/admin/users', ...admin, body, ...options }),
      get: (id, options) => transport.json({ path: `/admin/users/${segment(id)}`, ...admin, ...options }),
      addKey: (id, options) =>
        transport.json({ method: 'POST', path: `/admin/users/${segment(id)}/keys`, ...admin, ...options }),
      revokeKey: (keyId, options) =>
        transport.json({ method: 'DELETE', path: `/admin/keys/${segment(keyId)}`, ...admin, ...options }),
      usage: (id, query, options) =>
        transport.json({ path: `/admin/users/${segment(id)}/usage`, ...admin, query, ...options }),
      setInternal: (id, body, options) =>
        transport.json({
          method: 'PUT',
          path: `/admin/users/${segment(id)}/internal`,
          ...admin,
          body,
          ...options,
        }),
      internal: (options) => transport.json({ path: '/admin/internal-users', ...admin, ...options }),
    },
    insights: (query, options) => transport.json({ path: '/admin/insights', ...admin, query, ...options }),
    insightsCsv: (query, options) =>
      transport.text({ path: '/admin/insights.csv', ...admin, query, accept: 'text/csv', ...options }),
    operators: {
      me: (options) => transport.json({ path: '/admin/operators/me', ...admin, ...options }),
      list: (options) => transport.json({ path: '/admin/operators', ...admin, ...options }),
      create: (body, options) =>
        transport.json({ method: 'POST', path: '/admin/operators', ...admin, body, ...options }),
      revoke: (id, options) =>
        transport.json({ method: 'DELETE', path: `/admin/operators/${segment(id)}`, ...admin, ...options }),
    },
  };
}
