import fc from 'fast-check';
import type { OpenApiDocument } from './fuzz-harness.js';
import { nastyStrings, pollutingObject } from './hostile-values.js';
import { type FuzzContext, type FuzzRequest, requestArbitrary } from './request-arbitrary.js';
import { schemaJson } from './schema-arbitrary.js';

/** One operation of an OpenAPI document, with its path template in Fastify's `:param` form. */
export interface Operation {
  method: string;
  template: string;
  params: string[];
}

/** Every operation a service documents (`GET /openapi.json`). */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({
        method: method.toUpperCase(),
        template: path.replace(/\{([^}]+)\}/g, ':$1'),
        params: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!),
      })),
  );
}

const hasBody = (operation: Operation) => !['GET', 'DELETE'].includes(operation.method);
const fill = (template: string, value: (param: string) => string) =>
  template.replace(/:([^/]+)/g, (_match, param: string) => value(param));

/** A JSON body the schema accepts, parsed (null when the operation takes none). */
function validBody(operation: Operation, context: FuzzContext, seed: number): Record<string, unknown> | null {
  const schema = context.inputOf(operation.method, operation.template).body;
  if (!schema) return null;
  const [text] = fc.sample(schemaJson(schema, context.resolve, false), { seed, numRuns: 1 });
  try {
    const value: unknown = JSON.parse(text ?? 'null');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const mapStrings = (body: Record<string, unknown>, to: (value: string) => unknown) =>
  Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? to(value) : value]),
  );

/** Named hostile bodies built on a valid one: each swaps one kind of thing for something wrong. */
function hostileBodies(body: Record<string, unknown>): [string, string][] {
  const wrongTypes = Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? 12 : [value]]),
  );
  const [polluting] = fc.sample(pollutingObject(fc.constant('true')), { seed: 7, numRuns: 1 });
  return [
    ['bad JSON', '{"text": "unterminated'],
    ['wrong types', JSON.stringify(wrongTypes)],
    ['a body of null', 'null'],
    ['huge strings', JSON.stringify(mapStrings(body, () => 'x'.repeat(15_000)))],
    ['over the body limit', JSON.stringify({ ...body, padding: 'y'.repeat(20_000) })],
    [
      'control and bidi characters',
      JSON.stringify(mapStrings(body, () => '\u0000\u202eevil\u202c\r\n\u200b')),
    ],
    ['unicode oddities', JSON.stringify(mapStrings(body, () => nastyStrings[9]!)).replace('"', '"\\ud800')],
    ['prototype keys', `{"__proto__":{"polluted":true},${JSON.stringify(body).slice(1)}`.replace(',}', '}')],
    ['constructor.prototype', polluting ?? '{}'],
  ];
}

/** Path parameter values that try to leave the route: traversal, NUL, encoded slashes, over-long. */
const hostileParams = ['..%2F..%2Fadmin%2Fplans', '..', '%00', '%2e%2e%2f', 'x'.repeat(150), '%E0%A4%A'];

export interface ProbeOptions {
  /** The attacker's own credential ("Bearer …"), sent unless a probe is about credentials. */
  credential: string;
  /** Path values of the attacker's own (so a request gets past "not found" to the handler). */
  ownValue: string;
  /** Path values that belong to the victim: the cross-tenant attempts. */
  victimValues: readonly string[];
  /** Headers every request carries (e.g. a wrong internal token). */
  headers?: Record<string, string>;
}

/**
 * The fixed hostile requests for one operation: no or broken credentials, every hostile body, hostile
 * and victim-owned path parameters, polluting query strings.
 */
export function probesFor(operation: Operation, context: FuzzContext, options: ProbeOptions): FuzzRequest[] {
  const json = { 'content-type': 'application/json', ...options.headers };
  const body = validBody(operation, context, 1) ?? {};
  const payload = hasBody(operation) ? JSON.stringify(body) : undefined;
  const request = (url: string, headers: Record<string, string>, sent = payload): FuzzRequest => ({
    method: operation.method,
    url,
    headers: sent === undefined ? { ...options.headers, ...headers } : { ...json, ...headers },
    ...(sent === undefined ? {} : { payload: sent }),
  });
  const own = fill(operation.template, () => encodeURIComponent(options.ownValue));
  const auth = { authorization: options.credential };
  const probes = [
    request(own, {}),
    request(own, { authorization: 'Bearer hk_guessed_0000000000000000' }),
    request(own, { authorization: options.credential.replace('Bearer ', 'Basic ') }),
    request(`${own}?__proto__[polluted]=1&constructor[prototype][polluted]=1`, auth),
  ];
  if (hasBody(operation)) {
    probes.push(...hostileBodies(body).map(([, text]) => request(own, auth, text)));
    probes.push(request(own, { ...auth, 'content-type': 'text/plain' }, 'hello'));
  }
  for (const value of operation.params.length > 0 ? hostileParams : []) {
    probes.push(
      request(
        fill(operation.template, () => value),
        auth,
      ),
    );
  }
  for (const value of operation.params.length > 0 ? options.victimValues : []) {
    probes.push(
      request(
        fill(operation.template, () => encodeURIComponent(value)),
        auth,
      ),
    );
  }
  return probes;
}

/** `count` requests drawn by the fuzzers' own arbitrary for this operation, from a fixed seed. */
export function sampledRequests(
  operation: Operation,
  context: FuzzContext,
  count: number,
  seed: number,
): FuzzRequest[] {
  const route = { method: operation.method, url: operation.template };
  return fc.sample(requestArbitrary(route, context), { seed, numRuns: count });
}
