import { z } from 'zod';

/** Every error response: `{error: {code, message, details?}}` with a stable HARK_ERR_* code. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().regex(/^HARK_ERR_[A-Z_]+$/),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
