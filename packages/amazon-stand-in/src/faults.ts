/** Fault injection: the next matching requests fail the way real networks and Amazon fail. */

export type FaultKind =
  /** HTTP 500 InternalFailure. */
  | 'server-error'
  /** HTTP 503 ServiceUnavailable. */
  | 'unavailable'
  /** Accepts the request and never answers (until the client gives up). */
  | 'timeout'
  /** Closes the connection without an answer. */
  | 'drop'
  /** Answers 200 with a truncated JSON body. */
  | 'malformed'
  /** Answers 403 "access token expired" and revokes the token that was used. */
  | 'expired-token'
  /** Answers 429 QuotaExceeded whatever the bucket says (quota used by another application instance). */
  | 'throttle';

export interface Fault {
  readonly kind: FaultKind;
  /** `api.operationId` (e.g. `orders-v0.getOrders`), `lwa.token`, or `*` for any. @default '*' */
  readonly operation?: string;
  /** How many requests it hits. @default 1 */
  readonly count?: number;
}

export class FaultInjector {
  readonly #faults: { kind: FaultKind; operation: string; remaining: number }[] = [];
  /** Faults that fired, in order. */
  readonly fired: { kind: FaultKind; operation: string }[] = [];

  inject(fault: Fault): void {
    this.#faults.push({ kind: fault.kind, operation: fault.operation ?? '*', remaining: fault.count ?? 1 });
  }

  clear(): void {
    this.#faults.length = 0;
  }

  /** The fault to apply to this request, consuming one hit. */
  take(operation: string): FaultKind | undefined {
    const fault = this.#faults.find(
      (f) => f.remaining > 0 && (f.operation === '*' || f.operation === operation),
    );
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining === 0) {
      this.#faults.splice(this.#faults.indexOf(fault), 1);
    }
    this.fired.push({ kind: fault.kind, operation });
    return fault.kind;
  }

  get pending(): number {
    return this.#faults.reduce((n, f) => n + f.remaining, 0);
  }
}
