/**
 * JSON Schema as the model needs it to call a tool, not as a validator needs it: every tool
 * schema is sent with every model call, so each keyword costs tokens on every turn. Dropped:
 * `$schema`, `additionalProperties: false`, the string length bounds zod adds (1..200), the
 * integer bounds of "any safe integer", patterns (the description says the format in words),
 * enums longer than four values (the description gives examples; a wrong value comes back as a
 * validation error listing the allowed ones) and slot descriptions (the tool's description says
 * what a slot needs said, once, rather than on each of the eight tools with a `room`). The slot
 * schema still validates every call.
 */
const LONG_ENUM = 4;
const DROPPED = new Set([
  '$schema',
  'additionalProperties',
  'minLength',
  'maxLength',
  'pattern',
  'maximum',
  'description',
]);

export function compactSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const compact: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword)) continue;
    if (keyword === 'enum' && Array.isArray(value) && value.length > LONG_ENUM) continue;
    // "a positive integer" says what exclusiveMinimum: 0 says, in the description when it matters.
    if (keyword === 'exclusiveMinimum' && value === 0) continue;
    if (keyword === 'properties' && value && typeof value === 'object') {
      compact.properties = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, unknown>>).map(([name, property]) => [
          name,
          compactSchema(property),
        ]),
      );
    } else if (keyword === 'anyOf' && Array.isArray(value)) {
      compact.anyOf = value.map((option) => compactSchema(option as Record<string, unknown>));
    } else compact[keyword] = value;
  }
  // An object tool with no parameters still needs its type, and no empty lists.
  if (Array.isArray(compact.required) && compact.required.length === 0) delete compact.required;
  return compact;
}
