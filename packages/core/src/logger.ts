import type { LoggerOptions } from 'pino';

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

export function loggerOptions(config: { LOG_LEVEL: string; LOG_PRETTY: boolean }): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(config.LOG_PRETTY
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
