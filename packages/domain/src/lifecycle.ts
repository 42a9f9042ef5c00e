/**
 * One mechanism for every state machine in the product: a table of allowed transitions, checked in one place.
 * Scattered inline status guards are how order systems end up archiving orders they should refuse.
 */

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(
    readonly machine: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${machine}: a transition from "${from}" to "${to}" is not allowed`);
  }
}

export interface Lifecycle<S extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly transitions: TransitionTable<S>;
  canTransition(from: S, to: S): boolean;
  assertTransition(from: S, to: S): void;
  isState(value: string): value is S;
}

export function defineLifecycle<S extends string>(
  name: string,
  states: readonly S[],
  transitions: TransitionTable<S>,
): Lifecycle<S> {
  const allowed = new Map(states.map((state) => [state, new Set<S>(transitions[state])]));
  const known = new Set<string>(states);
  return {
    name,
    states,
    transitions,
    canTransition: (from, to) => allowed.get(from)?.has(to) ?? false,
    assertTransition(from, to) {
      if (!allowed.get(from)?.has(to)) {
        throw new TransitionError(name, from, to);
      }
    },
    isState: (value): value is S => known.has(value),
  };
}
