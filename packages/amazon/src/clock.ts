/** Time source for rate limiting, retries and token expiry. Injectable so tests can compress time. */
export interface Clock {
  /** Milliseconds since the epoch (may be virtual). */
  now(): number;
  /** Resolves after `ms` (virtual) milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: realSleep,
};

/**
 * A clock that runs `speed` times faster than real time, starting now at `startMs`. Use the same speed (and
 * the stand-in's current time as `startMs`) as an `@saleschannel/amazon-stand-in` server to exercise Amazon's
 * real rate limits in a fraction of the time.
 */
export function scaledClock(speed: number, startMs: number = Date.now()): Clock {
  if (!(speed > 0)) {
    throw new RangeError('speed must be positive');
  }
  const epoch = startMs;
  const start = performance.now();
  return {
    now: () => epoch + (performance.now() - start) * speed,
    sleep: (ms, signal) => realSleep(ms / speed, signal),
  };
}
