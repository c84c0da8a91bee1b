import fc from 'fast-check';
import { hostileJson, hostileString, pollutingKeys } from './hostile-values.js';

/** The parts of a JSON Schema (as fastify-type-provider-zod writes them into OpenAPI) used here. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export type SchemaResolver = (ref: string) => JsonSchema | undefined;

const json = (value: unknown) => JSON.stringify(value);

function patternString(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern), { size: 'xsmall' });
  } catch {
    return fc.string({ maxLength: 12 });
  }
}

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern) return patternString(schema.pattern);
  switch (schema.format) {
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      break;
  }
  const maxLength = Math.min(schema.maxLength ?? 24, 24);
  return fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength });
}

function numberValue(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
  if (integer)
    return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** How a generated value strays from the schema: `noisy` swaps parts for hostile values now and then. */
interface Walk {
  resolve: SchemaResolver;
  depth: number;
  noisy: boolean;
}

/**
 * JSON text that fits `schema` (so requests get past validation and into handlers): exactly, or
 * (`noisy`) with any part swapped for a hostile value now and then and hostile extra keys on objects.
 */
export function schemaJson(
  schema: JsonSchema | undefined,
  resolve: SchemaResolver,
  noisy = true,
): fc.Arbitrary<string> {
  return valueJson(schema, { resolve, depth: 0, noisy });
}

function valueJson(schema: JsonSchema | undefined, walk: Walk): fc.Arbitrary<string> {
  if (!schema || walk.depth > 6) return hostileJson;
  const fitting = fittingJson(schema, walk);
  return walk.noisy
    ? fc.oneof({ weight: 9, arbitrary: fitting }, { weight: 1, arbitrary: hostileJson })
    : fitting;
}

const deeper = (walk: Walk): Walk => ({ ...walk, depth: walk.depth + 1 });

function fittingJson(schema: JsonSchema, walk: Walk): fc.Arbitrary<string> {
  if (schema.$ref) return valueJson(walk.resolve(schema.$ref), deeper(walk));
  if (schema.const !== undefined) return fc.constant(json(schema.const));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum.map(json));
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map((part) => valueJson(part, deeper(walk))));
  if (schema.allOf?.length) return valueJson(schema.allOf[0], deeper(walk));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectJson(schema, walk);
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 4, 4);
      return fc
        .array(valueJson(schema.items, deeper(walk)), {
          minLength: Math.min(schema.minItems ?? 0, maxLength),
          maxLength,
        })
        .map((items) => `[${items.join(',')}]`);
    }
    case 'string':
      return stringValue(schema).map(json);
    case 'integer':
      return numberValue(schema, true).map(json);
    case 'number':
      return numberValue(schema, false).map(json);
    case 'boolean':
      return fc.boolean().map(json);
    case 'null':
      return fc.constant('null');
    default:
      return hostileJson;
  }
}

/**
 * Values that mean something to the handlers behind a field of this name, so that some requests
 * get past the semantic checks (a real zone, a sentence a skill understands) and go deeper.
 */
const meaningful: Record<string, readonly unknown[]> = {
  text: [
    'set a timer for 5 minutes',
    'what time is it in tokyo',
    'tell me a story about otters',
    'add milk and eggs to my shopping list',
    'remind me to call mom in 2 hours',
    'wake me up at 7 every weekday',
    'will it rain tomorrow in paris',
    'how many cups in a liter',
    'cancel all my timers',
  ],
  timezone: ['Europe/Paris', 'UTC', 'America/New_York', 'Asia/Kolkata'],
  timeZone: ['Europe/Paris', 'UTC', 'Pacific/Chatham'],
  locale: ['en-GB', 'en-US', 'en'],
  plan: ['premium', 'free'],
  id: ['premium', 'free', 'fuzzer'],
  userId: ['fuzzer', 'other'],
  sessionId: ['6f1c1c8e-0d7e-4a8e-9a43-2f0c3e1d9b10', 'session-1'],
  name: ['shopping', 'packing', 'Paris'],
  item: ['milk', 'passport'],
  voice: ['alloy'],
  enabled: [true, false],
};

function fieldJson(name: string, property: JsonSchema, walk: Walk): fc.Arbitrary<string> {
  const generated = valueJson(property, deeper(walk));
  const types = [property.type, ...(property.anyOf ?? []).map((part) => part.type)].flat();
  // Only values of a type the field takes: "plan" is a string in one schema, an object in another.
  const known = (meaningful[name] ?? []).filter((value) => types.includes(typeof value));
  if (known.length === 0) return generated;
  return fc.oneof(
    { weight: walk.noisy ? 1 : 3, arbitrary: fc.constantFrom(...known.map(json)) },
    { weight: 1, arbitrary: generated },
  );
}

function objectJson(schema: JsonSchema, walk: Walk): fc.Arbitrary<string> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, property]) =>
    fc
      .tuple(fc.boolean(), fieldJson(name, property, walk))
      .map(([include, value]) => (include || required.has(name) ? `${json(name)}:${value}` : null)),
  );
  const extraKey = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...pollutingKeys) },
    { weight: 4, arbitrary: hostileString },
  );
  const extra = walk.noisy
    ? fc.oneof(fc.constant([]), fc.array(fc.tuple(extraKey, hostileJson), { minLength: 1, maxLength: 2 }))
    : fc.constant([]);
  return fc.tuple(fc.tuple(...fields), extra).map(([known, unknown]) => {
    const entries = [
      ...known.filter((entry): entry is string => entry !== null),
      ...unknown.map(([key, value]) => `${json(key)}:${value}`),
    ];
    return `{${entries.join(',')}}`;
  });
}
