import type { Clock } from './clock.js';
import { checkDateRange, type DateInput, invalid, isoDate } from './dates.js';
import type {
  FulfillmentStatus,
  GetOrderResponse,
  Order,
  SearchOrdersResponse,
} from './generated/orders-2026-01-01.js';
import type { SpApiTransport } from './transport.js';

export type IncludedData =
  | 'BUYER'
  | 'RECIPIENT'
  | 'PROCEEDS'
  | 'EXPENSE'
  | 'PROMOTION'
  | 'CANCELLATION'
  | 'FULFILLMENT'
  | 'PACKAGES'
  | 'TAX'
  | 'PAYMENT'
  | 'FULFILLMENT_ORDERS';

export const INCLUDED_DATA: readonly IncludedData[] = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
];

/** Filters of searchOrders. Exactly one of `createdAfter` / `lastUpdatedAfter` is required. */
export interface SearchOrdersFilters {
  readonly createdAfter?: DateInput;
  readonly createdBefore?: DateInput;
  readonly lastUpdatedAfter?: DateInput;
  readonly lastUpdatedBefore?: DateInput;
  readonly fulfillmentStatuses?: readonly FulfillmentStatus[];
  /** At most 50. */
  readonly marketplaceIds?: readonly string[];
  readonly fulfilledBy?: readonly ('MERCHANT' | 'AMAZON')[];
}

export interface SearchOrdersParams extends SearchOrdersFilters {
  /** 1–100. @default 100 */
  readonly maxResultsPerPage?: number;
  readonly includedData?: readonly IncludedData[];
  /**
   * `nextToken` of the previous page. Amazon requires every filter to repeat the original request's values
   * (only maxResultsPerPage and includedData may change); {@link Orders2026Api.searchOrdersPages} does this.
   */
  readonly paginationToken?: string;
}

const OP = 'orders-2026-01-01.searchOrders';

/** Orders API 2026-01-01. */
export class Orders2026Api {
  constructor(
    private readonly transport: SpApiTransport,
    private readonly clock: Clock,
    /** Skip client-side checks that the sandbox's magic values (TEST_CASE_400) would fail. */
    private readonly lenient = false,
  ) {}

  /** One page of orders. */
  async searchOrders(params: SearchOrdersParams, signal?: AbortSignal): Promise<SearchOrdersResponse> {
    const query = this.searchQuery(params);
    const { data } = await this.transport.request<SearchOrdersResponse>(OP, { query, signal });
    return data;
  }

  /** Every page, following `pagination.nextToken` with the original filters repeated. */
  async *searchOrdersPages(
    params: SearchOrdersParams,
    signal?: AbortSignal,
  ): AsyncGenerator<SearchOrdersResponse> {
    let paginationToken = params.paginationToken;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.searchOrders({ ...params, paginationToken }, signal);
      yield page;
      const next = page.pagination?.nextToken;
      if (!next) {
        return;
      }
      if (seen.has(next)) {
        throw invalid(
          OP,
          `Amazon returned the same pagination token twice (${next}); stopping to avoid a loop`,
        );
      }
      seen.add(next);
      paginationToken = next;
    }
  }

  /** Every order of every page. */
  async *searchOrdersAll(params: SearchOrdersParams, signal?: AbortSignal): AsyncGenerator<Order> {
    for await (const page of this.searchOrdersPages(params, signal)) {
      yield* page.orders;
    }
  }

  async getOrder(
    orderId: string,
    includedData?: readonly IncludedData[],
    signal?: AbortSignal,
  ): Promise<Order> {
    const { data } = await this.transport.request<GetOrderResponse>('orders-2026-01-01.getOrder', {
      pathParams: { orderId },
      query: { includedData },
      signal,
    });
    return data.order;
  }

  /** Builds and checks the query of searchOrders (exported for contract tests). */
  searchQuery(params: SearchOrdersParams): Record<string, string | number | readonly string[] | undefined> {
    const date = (name: string, value: DateInput | undefined) =>
      value === undefined ? undefined : this.lenient ? String(value) : isoDate(OP, name, value);
    const createdAfter = date('createdAfter', params.createdAfter);
    const createdBefore = date('createdBefore', params.createdBefore);
    const lastUpdatedAfter = date('lastUpdatedAfter', params.lastUpdatedAfter);
    const lastUpdatedBefore = date('lastUpdatedBefore', params.lastUpdatedBefore);
    if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
      throw invalid(OP, 'exactly one of createdAfter and lastUpdatedAfter is required');
    }
    if (createdAfter !== undefined && lastUpdatedBefore !== undefined) {
      throw invalid(OP, 'lastUpdatedBefore cannot be combined with createdAfter');
    }
    if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
      throw invalid(OP, 'createdBefore cannot be combined with lastUpdatedAfter');
    }
    if (!this.lenient) {
      const now = this.clock.now();
      checkDateRange(OP, 'createdAfter', createdAfter, 'createdBefore', createdBefore, now);
      checkDateRange(OP, 'lastUpdatedAfter', lastUpdatedAfter, 'lastUpdatedBefore', lastUpdatedBefore, now);
    }
    if (params.marketplaceIds && params.marketplaceIds.length > 50) {
      throw invalid(OP, 'at most 50 marketplaceIds');
    }
    const max = params.maxResultsPerPage;
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 100)) {
      throw invalid(OP, `maxResultsPerPage must be an integer from 1 to 100, got ${max}`);
    }
    return {
      createdAfter,
      createdBefore,
      lastUpdatedAfter,
      lastUpdatedBefore,
      fulfillmentStatuses: params.fulfillmentStatuses,
      marketplaceIds: params.marketplaceIds,
      fulfilledBy: params.fulfilledBy,
      maxResultsPerPage: max,
      paginationToken: params.paginationToken,
      includedData: params.includedData,
    };
  }
}
