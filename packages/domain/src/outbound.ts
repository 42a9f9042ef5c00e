import { defineLifecycle } from './lifecycle.js';

/** What saleschannel tells Amazon on the merchant's behalf. */
export const OUTBOUND_ACTION_KINDS = ['shipment_confirmation', 'cancellation', 'refund'] as const;
export type OutboundActionKind = (typeof OUTBOUND_ACTION_KINDS)[number];

/**
 * Every outbound action is a row with an idempotency key and this state machine:
 * pending → submitted → confirmed | failed. A failed action can be queued again (pending) on demand.
 */
export const OUTBOUND_ACTION_STATES = ['pending', 'submitted', 'confirmed', 'failed'] as const;
export type OutboundActionState = (typeof OUTBOUND_ACTION_STATES)[number];

export const outboundLifecycle = defineLifecycle<OutboundActionState>(
  'outbound action',
  OUTBOUND_ACTION_STATES,
  {
    pending: ['submitted', 'failed'],
    submitted: ['confirmed', 'failed'],
    failed: ['pending'],
    confirmed: [],
  },
);
