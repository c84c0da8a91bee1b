import type { z } from 'zod';
import type { OperatorRole } from './operators.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A response that is not JSON (a CSV export, say), with its content type. */
export interface ContentResponseContract {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
}

/** What a route's schema says in Fastify terms (fastify-type-provider-zod, @fastify/swagger). */
export interface RouteSchemaContract {
  tags: readonly string[];
  security?: ReadonlyArray<Record<string, readonly string[]>>;
  summary: string;
  description?: string;
  headers?: z.ZodType;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: Readonly<Record<number, z.ZodType | ContentResponseContract>>;
}

/**
 * One route of a service's API as data: the service registers it with its handler, and a service
 * that forwards the path (the router, for one public base URL) documents it from the same object.
 */
export interface RouteContract {
  method: HttpMethod;
  /** Fastify's form: "/admin/plans/:id". */
  url: string;
  schema: RouteSchemaContract;
  /** Fastify route config; an /admin route names the least operator role it needs (else owner only). */
  config?: { operatorRole?: OperatorRole };
}
