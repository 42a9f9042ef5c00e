import { describe, expect, it } from 'vitest';
import { IMPORT_RETRY_DELAYS_MINUTES, nextImportAttemptAt } from '../src/order/retry.js';

describe('import retries', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  it('space out and stop after the last delay', () => {
    expect(nextImportAttemptAt(1, now)?.toISOString()).toBe('2026-11-26T12:01:00.000Z');
    expect(nextImportAttemptAt(2, now)?.toISOString()).toBe('2026-11-26T12:05:00.000Z');
    expect(nextImportAttemptAt(5, now)?.toISOString()).toBe('2026-11-26T18:00:00.000Z');
    expect(nextImportAttemptAt(IMPORT_RETRY_DELAYS_MINUTES.length + 1, now)).toBeNull();
  });

  it('grow with every failure', () => {
    const times = IMPORT_RETRY_DELAYS_MINUTES.map((_, i) => nextImportAttemptAt(i + 1, now)?.getTime() ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
