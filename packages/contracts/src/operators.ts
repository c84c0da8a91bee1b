import { z } from 'zod';

/**
 * What an operator may do. `viewer`: insights, audit, plans read-only. `support`: users, API keys,
 * grants (and what viewer may). `billing`: plans, prices, kill switches, Stripe resync (and what
 * viewer may). `owner`: everything, operators included. Support and billing do not include each other.
 */
export const operatorRoles = ['viewer', 'support', 'billing', 'owner'] as const;
export const operatorRoleSchema = z.enum(operatorRoles);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

/** True when an operator of `role` may call a route that requires `required`. */
export function roleAllows(role: OperatorRole, required: OperatorRole): boolean {
  return role === 'owner' || required === 'viewer' || role === required;
}

export const operatorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: operatorRoleSchema,
    createdAt: z.string().describe('ISO time; empty for the bootstrap operator (ADMIN_TOKEN)'),
    hint: z.string().describe('Last four characters of the token, to tell tokens apart'),
  })
  .meta({ id: 'Operator' });
export type Operator = z.infer<typeof operatorSchema>;

export const createOperatorRequestSchema = z.object({
  name: z
    .string()
    .regex(/^[\w .@+-]{1,64}$/, '1-64 letters, digits, spaces or "_.@+-"')
    .describe('Who holds the token (a person or a tool); the audit log names them'),
  role: operatorRoleSchema,
});
export const createdOperatorResponseSchema = z.object({
  operator: operatorSchema,
  token: z.string().describe('The operator token itself; shown only in this response, stored hashed'),
});
export const operatorListResponseSchema = z.object({
  operators: z.array(operatorSchema).describe('Oldest first; the bootstrap operator is not listed'),
});
export const operatorParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const currentOperatorResponseSchema = z.object({ operator: operatorSchema });
