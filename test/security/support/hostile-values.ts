import fc from 'fast-check';

/**
 * Values an attacker or a broken client sends, as JSON text (so numbers JSON.stringify cannot
 * write, such as 1e309 or -0, get through), and the raw bodies and header values around them.
 */

/** Keys that pollute prototypes when a parser or a merge copies them naively. */
export const pollutingKeys = ['__proto__', 'constructor', 'prototype'] as const;

/** Strings that broke parsers, templates, logs, terminals and path handling elsewhere. */
export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  'a\ud83dz',
  '\u202eevil\u202c.exe',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd',
  '\ud835\udd73\ud835\udd86\ud835\udd97\ud835\udd90',
  '\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66',
  'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA',
  '../../../../etc/passwd',
  '..%2f..%2fpackage.json',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '{summary}',
  '{requestId}{what}{limit}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the hostile value here
  '${process.env.ADMIN_TOKEN}',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '*',
  '\r\nX-Injected: yes',
  'hark:{other}:timer:1',
  'set a timer for 1e309 seconds',
  'set a timer for 99999999999999999999 hours',
  'remind me to \u202ecall mom\u202c in -5 minutes',
  'wake me up at 25:61',
  'add \u0000 to my \u200bshopping list',
  'convert NaN liters to cups',
  'what is the weather in \ud800',
];

/** Numbers as JSON text: edges of integers, doubles and what parsers round or overflow. */
export const numberTexts: readonly string[] = [
  '0',
  '-0',
  '1',
  '-1',
  '0.5',
  '1e309',
  '-1e309',
  '1e-400',
  '5e-324',
  '1.7976931348623157e308',
  '9007199254740993',
  '-9007199254740993',
  '2147483648',
  '4294967296',
  '123456789012345678901234567890',
  '1e21',
  '3600',
  '86400',
  '31536000',
];

const jsonString = (value: string) => JSON.stringify(value);

/** Any string: the list above, arbitrary Unicode (lone surrogates included), or very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 20_000 }).map((length) => 'x'.repeat(length)) },
);

const hostileNumberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...numberTexts),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...pollutingKeys), hostileString);

/** Nesting far deeper than any schema, small enough to fit the body limit. */
const deepNesting: fc.Arbitrary<string> = fc
  .record({ depth: fc.integer({ min: 50, max: 5_000 }), object: fc.boolean() })
  .map(({ depth, object }) =>
    object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

/** An object whose own keys pollute prototypes when copied: {"__proto__": {"polluted": …}}. */
export const pollutingObject = (inner: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...pollutingKeys), inner)
    .map(([key, value]) => `{${jsonString(key)}:{"polluted":${value},"prototype":{"polluted":${value}}}}`);

/** Any JSON value (as text) built from hostile parts, a few levels deep. */
export const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'hostile-json' },
    hostileString.map(jsonString),
    hostileNumberText,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([key, value]) => `${jsonString(key)}:${value}`).join(',')}}`),
    pollutingObject(fc.constantFrom('true', '1', '"yes"')),
  ),
})).value;

/** Bodies no JSON parser should accept, and JSON that is valid but absurd. */
export const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  deepNesting,
  fc.constantFrom(
    '',
    '{',
    '{"text": "unterminated',
    '{"a":1,}',
    "{'single': 'quotes'}",
    'NaN',
    '{"n": NaN}',
    '{"n": Infinity}',
    '{"n": 0x10}',
    '{"n": 01}',
    '{"n": .5}',
    '{"text":"a","text":{"__proto__":{"polluted":true}}}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    'null',
    '[]',
    '"just a string"',
    '\ufeff{"text":"bom"}',
    '{"text":"\\ud800"}',
    '{"text":"\\u0000"}',
  ),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d])),
  fc.integer({ min: 16 * 1024, max: 40 * 1024 }).map((size) => `{"text":"${'y'.repeat(size)}"}`),
);

/** Header-safe text (what an HTTP client can put in a header value), sometimes huge. */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((value) => value.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom('', ' ', '*', 'null', '%00', 'a,b,c', ';;;', '=', '\t'),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'h'.repeat(length)),
);
