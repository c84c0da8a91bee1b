import { request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';
import { errorCatalogue, type RegisteredRoute, registeredRoutes } from '@hark/core';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { FuzzContext, FuzzRequest, RouteInput } from './request-arbitrary.js';
import { requestArbitrary } from './request-arbitrary.js';
import type { JsonSchema } from './schema-arbitrary.js';

/** FUZZ_SEED adds a run with that seed to the fixed one; FUZZ_RUNS sets the runs per route. */
export const FIXED_SEED = 20_261_126;
export function fuzzSettings(defaultRuns: number): { seeds: number[]; runs: number } {
  const extra = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : null;
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : defaultRuns;
  if (extra !== null && !Number.isInteger(extra)) throw new Error('FUZZ_SEED must be an integer');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('FUZZ_RUNS must be a positive integer');
  return { seeds: extra === null || extra === FIXED_SEED ? [FIXED_SEED] : [FIXED_SEED, extra], runs };
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
export interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, unknown>[];
}

/** Route inputs from the OpenAPI documents of a service and of the services behind it. */
export function openApiInputs(apps: FastifyInstance[]): Pick<FuzzContext, 'inputOf' | 'resolve'> {
  return openApiDocumentInputs(apps.map((app) => app.swagger() as OpenApiDocument));
}

/** Route inputs from OpenAPI documents as served (`GET /openapi.json`). */
export function openApiDocumentInputs(
  documents: readonly OpenApiDocument[],
): Pick<FuzzContext, 'inputOf' | 'resolve'> {
  const resolve = (ref: string) => {
    const name = ref.replace('#/components/schemas/', '');
    return documents.map((document) => document.components?.schemas?.[name]).find(Boolean);
  };
  const inputOf = (method: string, template: string): RouteInput => {
    const path = template.replace(/:([^/]+)/g, '{$1}');
    const verb = (method === 'HEAD' ? 'get' : method).toLowerCase();
    const operation = documents.map((document) => document.paths?.[path]?.[verb]).find(Boolean);
    return {
      body: operation?.requestBody?.content?.['application/json']?.schema,
      query: (operation?.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => ({ name: parameter.name, schema: parameter.schema ?? {} })),
    };
  };
  return { inputOf, resolve };
}

/** Every route to fuzz: all that the service registered, except the CORS catch-all. */
export const fuzzableRoutes = (app: FastifyInstance): RegisteredRoute[] =>
  registeredRoutes(app).filter((route) => !(route.method === 'OPTIONS' && route.url === '*'));

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * A body read until it ends, or until it stays quiet for 300 ms: the live event stream never ends
 * by itself (the app closes it on shutdown, or when the caller hangs up).
 */
function readBody(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(quiet);
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    let quiet = setTimeout(done, 300);
    stream.on('data', (chunk: Buffer) => {
      chunks.push(Buffer.from(chunk));
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    stream.on('end', done);
    stream.on('error', done);
  });
}

/** Sends one request through Fastify's inject (no sockets, no HTTP parser limits). */
export async function send(app: FastifyInstance, request: FuzzRequest): Promise<Answer> {
  const response = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
    payloadAsStream: true,
  });
  const body = await readBody(response.stream());
  return { status: response.statusCode, headers: response.headers, body };
}

/** Sends one request over a real socket to a listening app, then hangs up. */
export function sendOverHttp(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // An explicit length: Node sends a DELETE body without one, which the server reads as a second request.
    const length =
      request.payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.payload)) };
    const headers = { ...request.headers, ...length };
    const outgoing = httpRequest(`${baseUrl}${request.url}`, {
      method: request.method,
      headers,
      agent: false,
    });
    outgoing.on('error', reject);
    outgoing.on('response', async (response) => {
      const body = await readBody(response);
      outgoing.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
    });
    outgoing.end(request.payload);
  });
}

const codePattern = /^HARK_ERR_([A-Z_]+)$/;

/** Problems with one error as a client sees it: its code must be in the catalogue, with this status. */
function errorProblem(error: unknown, status: number | null): string | null {
  if (typeof error !== 'object' || error === null) return 'error is not an object';
  const { code, message, ...rest } = error as Record<string, unknown>;
  const key = typeof code === 'string' ? codePattern.exec(code)?.[1] : undefined;
  if (!key || !(key in errorCatalogue)) return `code ${String(code)} is not in the catalogue`;
  const entry = errorCatalogue[key as keyof typeof errorCatalogue];
  if (status !== null && entry.status !== status)
    return `${code} has status ${entry.status}, answered ${status}`;
  if (typeof message !== 'string' || message.length === 0) return 'message is missing';
  if (Object.keys(rest).some((name) => name !== 'details')) return `unexpected fields ${Object.keys(rest)}`;
  return null;
}

/** The documented error body: exactly {error: {code, message, details?}}. */
function errorBodyProblem(answer: Answer): string | null {
  if (!String(answer.headers['content-type'] ?? '').startsWith('application/json')) {
    return `error answered as ${String(answer.headers['content-type'])}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return 'error body is not JSON';
  }
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  if (keys.length !== 1 || keys[0] !== 'error') return 'error body is not {error: …}';
  return errorProblem((body as { error: unknown }).error, answer.status);
}

/** SSE error events carry {code, message} of the catalogue; a 5xx-class one counts as a 5xx. */
function streamProblem(answer: Answer, allowed503: ReadonlySet<string>): string | null {
  for (const frame of answer.body.split('\n\n')) {
    if (!/^event: error$/m.test(frame)) continue;
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    let error: { code?: string } = {};
    try {
      error = JSON.parse(data ?? 'null');
    } catch {
      return 'error event data is not JSON';
    }
    const problem = errorProblem(error, null);
    if (problem) return `error event: ${problem}`;
    const status =
      errorCatalogue[codePattern.exec(error.code ?? '')![1] as keyof typeof errorCatalogue].status;
    if (status >= 500 && !allowed503.has(error.code!)) return `error event ${error.code}`;
  }
  return null;
}

/** Why an answer is wrong, or null: the rules every answer to any request must follow. */
export function answerProblem(
  answer: Answer,
  method: string,
  allowed503: ReadonlySet<string>,
): string | null {
  if (answer.headers['x-content-type-options'] !== 'nosniff') return 'security headers are missing';
  if (answer.status >= 500) {
    if (answer.status !== 503) return `answered ${answer.status}`;
    // HEAD has no body to name the code: a 503 is fine where its GET may answer one.
    if (method === 'HEAD') return allowed503.size > 0 ? null : 'answered 503 to HEAD';
    const code = /"code":"(HARK_ERR_[A-Z_]+)"/.exec(answer.body)?.[1];
    if (!code || !allowed503.has(code)) return `answered 503 ${code ?? answer.body.slice(0, 80)}`;
  }
  if (answer.status >= 400 && method !== 'HEAD') return errorBodyProblem(answer);
  if (String(answer.headers['content-type'] ?? '').includes('text/event-stream')) {
    return streamProblem(answer, allowed503);
  }
  return null;
}

/** Own properties of the prototypes a pollution would show on. */
export function prototypeSnapshot(): string {
  return JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((prototype) =>
      Object.getOwnPropertyNames(prototype).sort(),
    ),
  );
}

/** fast-check's report (seed, path, shrunk counterexample) and the problem it found, kept short. */
function failureText(error: unknown): string {
  const report = (error as Error).message;
  const counterexample = /Counterexample: .*$/m.exec(report)?.[0] ?? '';
  const replay = /\{ seed: .*\}/.exec(report)?.[0] ?? '';
  const cause = (error as { cause?: Error }).cause?.message ?? /Got error: .*$/m.exec(report)?.[0] ?? report;
  return `${cause.slice(0, 400)}\n  ${counterexample.slice(0, 700)}\n  replay: ${replay}`;
}

export interface FuzzOutcome {
  requests: number;
  failures: string[];
  /** "METHOD url -> status" counts, to see how deep the requests got (FUZZ_STATS=1 prints them). */
  statuses: Map<string, number>;
}

/**
 * Fuzzes every route with `runs` requests per seed; collects each failing route's counterexample
 * (fast-check shrinks it and prints the seed and path to replay it) instead of stopping at the first.
 */
export async function fuzzRoutes(
  app: FastifyInstance,
  routes: readonly RegisteredRoute[],
  context: FuzzContext,
  options: {
    seeds: number[];
    runs: number;
    /** The 503 codes documented for a request path (with the upstreams this app was given). */
    allowed503: (path: string) => ReadonlySet<string>;
    /** Real HTTP to this base URL for requests with a body: where sockets and upstream errors matter. */
    baseUrl?: string;
  },
): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { requests: 0, failures: [], statuses: new Map() };
  for (const [index, route] of routes.entries()) {
    const property = fc.asyncProperty(requestArbitrary(route, context), async (request) => {
      outcome.requests++;
      const allowed = options.allowed503(request.url.split('?')[0]!);
      // Over sockets only where a body is sent: a HEAD answer has no body to carry a 431's error.
      const overHttp = options.baseUrl !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
      const answer = overHttp ? await sendOverHttp(options.baseUrl!, request) : await send(app, request);
      const tally = `${route.method} ${route.url} -> ${answer.status}`;
      if (process.env.FUZZ_STATS === '2' && answer.status === 400)
        console.info(tally, answer.body.slice(0, 300));
      outcome.statuses.set(tally, (outcome.statuses.get(tally) ?? 0) + 1);
      const problem = answerProblem(answer, request.method, allowed);
      if (problem) throw new Error(`${problem} -> ${answer.status} ${answer.body.slice(0, 300)}`);
    });
    for (const seed of options.seeds) {
      try {
        await fc.assert(property, { seed: seed + index, numRuns: options.runs });
      } catch (error) {
        outcome.failures.push(`${route.method} ${route.url} (seed ${seed + index}): ${failureText(error)}`);
      }
    }
  }
  if (process.env.FUZZ_STATS)
    console.info([...outcome.statuses].map(([key, count]) => `${key}: ${count}`).join('\n'));
  return outcome;
}
