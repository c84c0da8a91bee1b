import type { RegisteredRoute } from '@hark/core';
import fc from 'fast-check';
import { headerText, hostileJson, hostileString, rawBody } from './hostile-values.js';
import { type JsonSchema, type SchemaResolver, schemaJson } from './schema-arbitrary.js';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** What the OpenAPI document says a route takes (nothing, for routes it hides). */
export interface RouteInput {
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
}

export interface FuzzContext {
  inputOf(method: string, template: string): RouteInput;
  resolve: SchemaResolver;
  /** Concrete templates a wildcard route ("/v1/billing/*") stands for: the upstream's routes. */
  templates: readonly RegisteredRoute[];
  /** Path parameter values that exist (ids, names), so some requests reach real state. */
  knownValues: readonly string[];
  /** Authorization header values that are valid: a user's key and the operator token. */
  credentials: { user: string; operator: string };
  /** Headers the service always expects, drawn per request (e.g. the internal token). */
  extraHeaders?: fc.Arbitrary<Record<string, string>>;
}

/** encodeURIComponent throws on lone surrogates; a client would send U+FFFD's bytes instead. */
const encode = (value: string) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));

/** Segments sent as they are: broken escapes, dot segments, encoded slashes. */
const rawSegment = fc.constantFrom(
  '%',
  '%zz',
  '%E0%A4%A',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%00',
  '%C0%AF',
  ';x=1',
);

function pathValue(context: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...context.knownValues).map(encode) },
    { weight: 3, arbitrary: hostileString.map(encode) },
    { weight: 1, arbitrary: rawSegment },
  );
}

function fillParams(template: string, context: FuzzContext): fc.Arbitrary<string> {
  const segments = template.split('/').map((segment) => {
    if (segment.startsWith(':')) return pathValue(context);
    if (segment === '*') return wildcard(template, context);
    return fc.constant(segment);
  });
  return fc.tuple(...segments).map((parts) => parts.join('/'));
}

/** What a wildcard stands for: the rest of an upstream route under the same prefix, or anything. */
function wildcard(template: string, context: FuzzContext): fc.Arbitrary<string> {
  const prefix = template.slice(0, template.indexOf('*'));
  const rests = context.templates
    .filter((route) => route.url.startsWith(prefix) && !route.url.includes('*'))
    .map((route) => route.url.slice(prefix.length));
  const anything = fc
    .array(fc.oneof(pathValue(context), rawSegment), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join('/'));
  if (rests.length === 0) return anything;
  const known = fc.constantFrom(...rests).chain((rest) => fillParams(rest, context));
  return fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: anything });
}

/** The concrete template a request targets: itself, or the upstream route a wildcard stands for. */
function concreteTemplate(template: string, path: string, context: FuzzContext): string {
  if (!template.includes('*')) return template;
  const matching = context.templates.find((route) => {
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+')}$`);
    return pattern.test(path);
  });
  return matching?.url ?? template;
}

function queryString(input: RouteInput, context: FuzzContext): fc.Arbitrary<string> {
  const known = input.query.map(({ name, schema }) =>
    fc.option(
      fc
        .oneof(schemaJson(schema, context.resolve).map(unquote), hostileString)
        .map((value) => `${encode(name)}=${encode(value)}`),
      { nil: null },
    ),
  );
  const hostile = fc.array(
    fc.oneof(
      fc.constantFrom(
        '__proto__[polluted]=1',
        'constructor[prototype][polluted]=1',
        '__proto__.polluted=1',
        'a[]=1&a[]=2',
        'lastEventId=99999999999999999999-99999999999999999999',
        'lastEventId=1-0&lastEventId=2-0',
        'limit=-1',
        'limit=1e309',
        'cursor=%00',
        '%zz=1',
        '=x',
        '&&&',
      ),
      fc.tuple(hostileString, hostileString).map(([name, value]) => `${encode(name)}=${encode(value)}`),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...known), hostile).map(([some, more]) => {
    const parts = [...some.filter((part): part is string => part !== null), ...more];
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

/** A JSON string's content (query values are text); other JSON stays as written. */
function unquote(jsonText: string): string {
  try {
    const value: unknown = JSON.parse(jsonText);
    return typeof value === 'string' ? value : jsonText;
  } catch {
    return jsonText;
  }
}

/** Mostly the credential the route's realm wants (so requests get past auth), sometimes the other. */
function authorization(url: string, context: FuzzContext): fc.Arbitrary<string | null> {
  const { user, operator } = context.credentials;
  const [right, wrong] = url.startsWith('/admin') ? [operator, user] : [user, operator];
  const valid = fc.oneof(
    { weight: 5, arbitrary: fc.constant(right) },
    { weight: 1, arbitrary: fc.constant(wrong) },
  );
  const broken = fc.oneof(
    headerText.map((text) => `Bearer ${text}`),
    valid.map((value) => `${value} extra`),
    valid.map((value) => value.replace('Bearer ', 'bearer\t')),
    valid.map((value) => value.replace('Bearer ', 'Basic ')),
    valid.map((value) => value.replace('Bearer ', '')),
    fc.constantFrom('Bearer', 'Bearer ', 'Bearer null', 'Bearer undefined', 'Bearer \u00ff\u00fe'),
    headerText,
  );
  return fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 2, arbitrary: broken },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8');
const otherType = fc.oneof(
  fc.constantFrom(
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'application/json, text/plain',
    'application/jsonx',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----hark',
    'application/octet-stream',
    'audio/wav',
    'audio/webm;codecs=opus',
    'audio/mpeg; charset=utf-8',
  ),
  headerText,
);

interface BodyPart {
  payload?: string | Buffer;
  type?: string;
}
const noBody: fc.Arbitrary<BodyPart> = fc.constant({});

function body(input: RouteInput, context: FuzzContext): fc.Arbitrary<BodyPart> {
  const withType = (payload: fc.Arbitrary<string | Buffer>) =>
    fc.record({
      payload,
      type: fc.oneof({ weight: 5, arbitrary: jsonType }, { weight: 1, arbitrary: otherType }),
    });
  return fc.oneof(
    { weight: 3, arbitrary: withType(schemaJson(input.body, context.resolve, false)) },
    { weight: 4, arbitrary: withType(schemaJson(input.body, context.resolve)) },
    { weight: 2, arbitrary: withType(hostileJson) },
    { weight: 2, arbitrary: withType(rawBody) },
    { weight: 1, arbitrary: noBody },
  );
}

function otherHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      accept: fc.oneof(
        fc.constantFrom('text/event-stream', 'application/json', '*/*', 'text/html;q=0.1'),
        headerText,
      ),
      'last-event-id': fc.oneof(
        fc.constantFrom('0-0', '1-0', '99999999999999999999-99999999999999999999', '-1-0'),
        headerText,
      ),
      'x-request-id': headerText,
      'x-operator': fc.oneof(headerText, fc.constantFrom('ada', '__proto__', '<script>')),
      origin: fc.oneof(fc.constantFrom('https://evil.example', 'null'), headerText),
      'stripe-signature': headerText,
      'x-forwarded-for': fc.constantFrom('1.2.3.4, 5.6.7.8', 'not-an-ip', '::1'),
    },
    { requiredKeys: [] },
  );
}

/** One hostile request to `route`: params, query, headers and body all drawn per run. */
export function requestArbitrary(route: RegisteredRoute, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const withBody = route.method !== 'GET' && route.method !== 'HEAD';
  return fillParams(route.url, context).chain((path) => {
    const input = context.inputOf(route.method, concreteTemplate(route.url, path, context));
    return fc
      .record({
        query: queryString(input, context),
        auth: authorization(route.url, context),
        body: withBody
          ? body(input, context)
          : fc.oneof({ weight: 5, arbitrary: noBody }, { weight: 1, arbitrary: body(input, context) }),
        headers: otherHeaders(),
        extra: context.extraHeaders ?? fc.constant({}),
      })
      .map(({ query, auth, body: { payload, type }, headers, extra }) => ({
        method: route.method,
        url: `${path}${query}`,
        headers: {
          ...headers,
          ...extra,
          ...(auth === null ? {} : { authorization: auth }),
          ...(type === undefined ? {} : { 'content-type': type }),
        },
        ...(payload === undefined ? {} : { payload }),
      }));
  });
}
