import { pino } from 'pino';

export type Logger = pino.Logger;

export interface LoggerEnv {
  readonly LOG_LEVEL?: string | undefined;
}

/**
 * Structured JSON logs. Buyer data never belongs in a log line; as a second line of defence the fields that
 * could carry it are redacted wherever they appear.
 */
export function createLogger(env: LoggerEnv, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level: env.LOG_LEVEL?.trim() || 'info',
    base: { service: 'saleschannel', ...bindings },
    redact: {
      paths: [
        '*.buyer',
        '*.buyerInfo',
        '*.shippingAddress',
        '*.address',
        '*.email',
        '*.phone',
        '*.refreshToken',
        '*.clientSecret',
        '*.password',
        '*.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
