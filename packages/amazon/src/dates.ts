import { SpApiInvalidInputError } from './errors.js';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Amazon rejects `*Before` dates later than two minutes before the request. */
export const BEFORE_MIN_AGE_MS = 2 * 60 * 1000;

export type DateInput = Date | string;

/** Formats a date parameter as ISO 8601, rejecting anything Amazon would not parse. */
export function isoDate(operation: string, name: string, value: DateInput): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw invalid(operation, `${name} is an invalid Date`);
    }
    return value.toISOString();
  }
  if (!ISO_8601.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(operation, `${name} must be an ISO 8601 date-time, got "${value}"`);
  }
  return value;
}

/**
 * Enforces Amazon's date rules for order searches: `before` ≥ `after`, and `before` at least two minutes in the
 * past at the time of the request.
 */
export function checkDateRange(
  operation: string,
  afterName: string,
  after: string | undefined,
  beforeName: string,
  before: string | undefined,
  now: number,
): void {
  if (before === undefined) {
    return;
  }
  const beforeMs = Date.parse(before);
  if (after !== undefined && beforeMs < Date.parse(after)) {
    throw invalid(operation, `${beforeName} (${before}) must not be earlier than ${afterName} (${after})`);
  }
  const latest = now - BEFORE_MIN_AGE_MS;
  if (beforeMs > latest) {
    throw invalid(
      operation,
      `${beforeName} must be at least two minutes in the past: ${before} is after ${new Date(latest).toISOString()}. ` +
        `Omit ${beforeName} to get everything up to two minutes ago.`,
    );
  }
}

export function invalid(operation: string, message: string): SpApiInvalidInputError {
  return new SpApiInvalidInputError({ code: 'InvalidInput', message: `${operation}: ${message}`, operation });
}
