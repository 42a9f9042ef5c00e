import { describe, expect, it } from 'vitest';
import { TransitionError } from '../src/lifecycle.js';
import { IMPORT_STATES, importLifecycle } from '../src/order/status.js';
import { OUTBOUND_ACTION_STATES, outboundLifecycle } from '../src/outbound.js';

describe('import lifecycle', () => {
  const allowed = new Set([
    'pending→imported',
    'pending→skipped',
    'pending→error',
    'error→pending',
    'error→imported',
    'error→skipped',
    'error→error',
    'skipped→pending',
  ]);

  it.each(IMPORT_STATES.flatMap((from) => IMPORT_STATES.map((to) => [from, to] as const)))(
    '%s → %s follows the table',
    (from, to) => {
      const expected = allowed.has(`${from}→${to}`);
      expect(importLifecycle.canTransition(from, to)).toBe(expected);
      if (expected) {
        importLifecycle.assertTransition(from, to);
      } else {
        expect(() => importLifecycle.assertTransition(from, to)).toThrow(TransitionError);
      }
    },
  );

  it('an imported order never leaves imported', () => {
    expect(() => importLifecycle.assertTransition('imported', 'pending')).toThrow(
      'order import: a transition from "imported" to "pending" is not allowed',
    );
  });
});

describe('outbound action lifecycle', () => {
  it('goes pending → submitted → confirmed | failed, and failed can be queued again', () => {
    const reachable = OUTBOUND_ACTION_STATES.flatMap((from) =>
      OUTBOUND_ACTION_STATES.filter((to) => outboundLifecycle.canTransition(from, to)).map(
        (to) => `${from}→${to}`,
      ),
    );
    expect(reachable.sort()).toEqual(
      [
        'failed→pending',
        'pending→failed',
        'pending→submitted',
        'submitted→confirmed',
        'submitted→failed',
      ].sort(),
    );
    expect(outboundLifecycle.isState('confirmed')).toBe(true);
    expect(outboundLifecycle.isState('sent')).toBe(false);
  });
});
