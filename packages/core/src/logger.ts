import type { LogFn, LoggerOptions } from 'pino';

/**
 * Paths pino removes from every log line. Credentials arrive in headers and, for operator
 * calls, in bodies; none of them may ever reach a log.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'apiKey',
  'token',
  'adminToken',
  '*.apiKey',
  '*.token',
  '*.adminToken',
  '*.password',
  '*.secret',
];

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: anything that can end a
// line or move a terminal's cursor.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const anyControlCharacter = new RegExp(controlCharacters.source);
const namedEscapes: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/** `text` with every control character written as an escape ("\r\n" -> "\\r\\n"), on one line. */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    controlCharacters,
    (char) => namedEscapes[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Messages often name what a caller sent ('Unknown time zone "…"'). JSON lines escape them, but
 * the human-readable log (pino-pretty) prints a message as it is, so a CR/LF in a caller's time
 * zone would start a forged line. Every string argument of every log call is escaped here, once
 * for all services; fields other than the message are printed as JSON by pino-pretty too.
 */
function escapeLogArguments(this: unknown, args: Parameters<LogFn>, method: LogFn): void {
  // It runs on every log line: a message without control characters costs one regex test, no copy.
  const hostile = args.some((arg) => typeof arg === 'string' && anyControlCharacter.test(arg));
  const escaped = hostile
    ? args.map((arg) => (typeof arg === 'string' ? escapeControlCharacters(arg) : arg))
    : args;
  method.apply(this, escaped as Parameters<LogFn>);
}

/** pino-pretty's options under `LOG_PRETTY=true`. */
export const prettyLogOptions = { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' };

export function loggerOptions(config: { LOG_LEVEL: string; LOG_PRETTY: boolean }): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    hooks: { logMethod: escapeLogArguments },
    ...(config.LOG_PRETTY ? { transport: { target: 'pino-pretty', options: prettyLogOptions } } : {}),
  };
}
