export { accountContext } from '../sync/account-context.js';
export { cancelKey, cancelOrder, retryOutboundAction } from './cancel.js';
export { COMMERCE_CURSOR_OVERLAP_MS, COMMERCE_FIRST_LOOKBACK_MS } from './common.js';
export {
  CREDIT_MEMO_CANCEL_REASON,
  DEFAULT_ADJUSTMENT_REASON,
  discoverCreditMemos,
  refundKey,
} from './credit-memos.js';
export {
  FEED_POLL_INTERVAL_MS,
  IN_DOUBT_FEED_MARGIN_MS,
  OUTBOUND_MAX_ATTEMPTS,
  type OutboundCrashPoint,
  type OutboundOptions,
  type OutboundReport,
  processOutboundActions,
  SimulatedCrash,
} from './process.js';
export {
  acceptCommerceShipment,
  CommerceShipmentEvent,
  discoverShipments,
  type ShipmentPayload,
  shipmentKey,
} from './shipments.js';
export { type OutboundTransition, recordOutboundAction, transitionOutbound } from './state.js';
export { type SyncOutboundReport, syncOutbound } from './sync-outbound.js';
