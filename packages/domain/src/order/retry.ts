/**
 * When a failed import is tried again by itself: spaced out, and bounded. After the last automatic attempt the
 * order stays in error until someone retries it (the reason is on the order and in its timeline).
 */
export const IMPORT_RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 360] as const;

/** The time of the next automatic attempt after `failedAttempts` failures, or null when there is none left. */
export function nextImportAttemptAt(failedAttempts: number, now: Date): Date | null {
  const delay = IMPORT_RETRY_DELAYS_MINUTES[failedAttempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 60_000);
}
