/** The stand-in's clock: real time multiplied by a speed factor, so Amazon's real limits pass quickly. */
export interface StandInClock {
  readonly speed: number;
  /** Virtual milliseconds since the epoch. */
  now(): number;
  /** Real milliseconds for a span of virtual milliseconds. */
  toReal(virtualMs: number): number;
}

export function createClock(speed = 1, start = Date.now()): StandInClock {
  if (!(speed > 0)) {
    throw new RangeError('speed must be positive');
  }
  const origin = performance.now();
  return {
    speed,
    now: () => start + (performance.now() - origin) * speed,
    toReal: (virtualMs) => virtualMs / speed,
  };
}
