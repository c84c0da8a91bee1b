import { errorResponseSchema } from './errors.js';

/** Tags and security of every /admin route: the operator token. */
export const operatorRoute = { tags: ['admin'], security: [{ operatorToken: [] }] };

/** What every /admin route may answer besides its own errors: a bad request, no token, a user key. */
export const operatorErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
};
