import type { TransportHooks } from '@saleschannel/amazon';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process. Labels carry account ids and operation names only — never buyer data.
 * The API serves them at GET /metrics; a worker on its own serves them on METRICS_PORT.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly ordersImported = new Counter({
    name: 'saleschannel_orders_imported_total',
    help: 'Amazon orders created (or linked) in Commerce',
    labelNames: ['account'],
    registers: [this.registry],
  });
  readonly importErrors = new Counter({
    name: 'saleschannel_order_import_errors_total',
    help: 'Failed attempts to create a Commerce order, by reason code',
    labelNames: ['account', 'code'],
    registers: [this.registry],
  });
  readonly ordersFetched = new Counter({
    name: 'saleschannel_orders_fetched_total',
    help: 'Amazon orders fetched (new or changed)',
    labelNames: ['account'],
    registers: [this.registry],
  });
  readonly syncLag = new Gauge({
    name: 'saleschannel_sync_lag_seconds',
    help: 'Age of the newest Amazon change known to be stored, per account (the cursor)',
    labelNames: ['account'],
    registers: [this.registry],
  });
  readonly syncDuration = new Histogram({
    name: 'saleschannel_sync_duration_seconds',
    help: 'Duration of one account sync',
    labelNames: ['account', 'result'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  readonly amazonRequests = new Counter({
    name: 'saleschannel_amazon_requests_total',
    help: 'SP-API responses by operation and HTTP status',
    labelNames: ['operation', 'status'],
    registers: [this.registry],
  });
  readonly amazonThrottles = new Counter({
    name: 'saleschannel_amazon_throttles_total',
    help: 'Waits for a rate-limit token (source=client) and 429 answers from Amazon (source=server)',
    labelNames: ['operation', 'source'],
    registers: [this.registry],
  });
  readonly amazonRetries = new Counter({
    name: 'saleschannel_amazon_retries_total',
    help: 'SP-API requests retried after a throttle, server or network error',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly sqsNotifications = new Counter({
    name: 'saleschannel_sqs_notifications_total',
    help: 'ORDER_CHANGE notifications received from SQS, by outcome (queued, duplicate, ignored, rejected, failed)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(options: { readonly processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry, prefix: 'saleschannel_' });
    }
  }

  /** Hooks for the SP-API client that count its requests, throttles and retries. */
  amazonHooks(): TransportHooks {
    return {
      onResponse: (event) =>
        this.amazonRequests.inc({ operation: event.operation, status: String(event.status) }),
      onThrottle: (event) => this.amazonThrottles.inc({ operation: event.operation, source: event.source }),
      onRetry: (event) => this.amazonRetries.inc({ operation: event.operation }),
    };
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
