import type { Clock } from './clock.js';
import { checkDateRange, type DateInput, invalid, isoDate } from './dates.js';
import { SpApiAuthenticationError } from './errors.js';
import type {
  ConfirmShipmentOrderItem,
  GetOrderAddressResponse,
  GetOrderBuyerInfoResponse,
  GetOrderItemsBuyerInfoResponse,
  GetOrderItemsResponse,
  GetOrderRegulatedInfoResponse,
  GetOrderResponse,
  GetOrdersResponse,
  Order,
  OrderAddress,
  OrderBuyerInfo,
  OrderItem,
  OrderItemsBuyerInfoList,
  OrderItemsList,
  OrderRegulatedInfo,
  OrdersList,
  UpdateShipmentStatusRequest,
  UpdateVerificationStatusRequest,
} from './generated/orders-v0.js';
import type { RestrictedResource } from './generated/tokens-2021-03-01.js';
import type { OperationName } from './operations.js';
import type { TokensApi } from './tokens.js';
import type { RequestOptions, SpApiTransport } from './transport.js';

export type OrderStatusV0 =
  | 'PendingAvailability'
  | 'Pending'
  | 'Unshipped'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'InvoiceUnconfirmed'
  | 'Canceled'
  | 'Unfulfillable';

/** Query of getOrders. `MarketplaceIds` is required; exactly one of CreatedAfter / LastUpdatedAfter. */
export interface GetOrdersParams {
  readonly MarketplaceIds: readonly string[];
  readonly CreatedAfter?: DateInput;
  readonly CreatedBefore?: DateInput;
  readonly LastUpdatedAfter?: DateInput;
  readonly LastUpdatedBefore?: DateInput;
  readonly OrderStatuses?: readonly OrderStatusV0[];
  readonly FulfillmentChannels?: readonly ('AFN' | 'MFN')[];
  readonly PaymentMethods?: readonly ('COD' | 'CVS' | 'Other')[];
  readonly BuyerEmail?: string;
  readonly SellerOrderId?: string;
  readonly MaxResultsPerPage?: number;
  readonly EasyShipShipmentStatuses?: readonly string[];
  readonly ElectronicInvoiceStatuses?: readonly string[];
  readonly NextToken?: string;
  readonly AmazonOrderIds?: readonly string[];
  readonly ActualFulfillmentSupplySourceId?: string;
  readonly IsISPU?: boolean;
  readonly StoreChainStoreId?: string;
  readonly EarliestDeliveryDateBefore?: DateInput;
  readonly EarliestDeliveryDateAfter?: DateInput;
  readonly LatestDeliveryDateBefore?: DateInput;
  readonly LatestDeliveryDateAfter?: DateInput;
}

/** Ask for PII: an RDT is obtained from the Tokens API and sent instead of the access token. */
export interface PiiOptions {
  /** Data elements to unlock (getOrders, getOrder, getOrderItems); for buyerInfo/address the whole resource. */
  readonly pii?: boolean | readonly ('buyerInfo' | 'shippingAddress' | 'buyerTaxInformation')[];
  readonly signal?: AbortSignal;
}

export interface ConfirmShipmentInput {
  readonly marketplaceId: string;
  readonly codCollectionMethod?: 'DirectPayment';
  readonly packageDetail: {
    /** A positive number identifying the package within the order; always sent as a string. */
    readonly packageReferenceId: string | number;
    readonly carrierCode: string;
    /** Required when carrierCode is "Other". */
    readonly carrierName?: string;
    readonly shippingMethod?: string;
    readonly trackingNumber: string;
    readonly shipDate: DateInput;
    readonly shipFromSupplySourceId?: string;
    readonly orderItems: readonly ConfirmShipmentOrderItem[];
  };
}

const DATE_PARAMS = [
  'CreatedAfter',
  'CreatedBefore',
  'LastUpdatedAfter',
  'LastUpdatedBefore',
  'EarliestDeliveryDateBefore',
  'EarliestDeliveryDateAfter',
  'LatestDeliveryDateBefore',
  'LatestDeliveryDateAfter',
] as const;

const ALL_ELEMENTS = ['buyerInfo', 'shippingAddress'] as const;

/** Orders API v0 (reads deprecated by Amazon on 2027-03-27; confirmShipment and updateShipmentStatus stay). */
export class OrdersV0Api {
  constructor(
    private readonly transport: SpApiTransport,
    private readonly tokens: TokensApi,
    private readonly clock: Clock,
    private readonly lenient = false,
  ) {}

  async getOrders(params: GetOrdersParams, options: PiiOptions = {}): Promise<OrdersList> {
    const query = this.ordersQuery(params);
    const data = await this.#read<GetOrdersResponse>(
      'orders-v0.getOrders',
      '/orders/v0/orders',
      true,
      options,
      { query },
    );
    return data.payload as OrdersList;
  }

  /** Every page of getOrders; NextToken is sent with the original filters repeated. */
  async *getOrdersPages(params: GetOrdersParams, options: PiiOptions = {}): AsyncGenerator<OrdersList> {
    let NextToken = params.NextToken;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.getOrders({ ...params, NextToken }, options);
      yield page;
      if (!page.NextToken) {
        return;
      }
      if (seen.has(page.NextToken)) {
        throw invalid(
          'orders-v0.getOrders',
          'Amazon returned the same NextToken twice; stopping to avoid a loop',
        );
      }
      seen.add(page.NextToken);
      NextToken = page.NextToken;
    }
  }

  async *getOrdersAll(params: GetOrdersParams, options: PiiOptions = {}): AsyncGenerator<Order> {
    for await (const page of this.getOrdersPages(params, options)) {
      yield* page.Orders;
    }
  }

  async getOrder(orderId: string, options: PiiOptions = {}): Promise<Order> {
    const data = await this.#read<GetOrderResponse>(
      'orders-v0.getOrder',
      `/orders/v0/orders/${orderId}`,
      true,
      options,
      { pathParams: { orderId } },
    );
    return data.payload as Order;
  }

  async getOrderItems(
    orderId: string,
    nextToken?: string,
    options: PiiOptions = {},
  ): Promise<OrderItemsList> {
    const data = await this.#read<GetOrderItemsResponse>(
      'orders-v0.getOrderItems',
      `/orders/v0/orders/${orderId}/orderItems`,
      true,
      options,
      { pathParams: { orderId }, query: { NextToken: nextToken } },
    );
    return data.payload as OrderItemsList;
  }

  /** All items of an order, across pages. */
  async *getOrderItemsAll(orderId: string, options: PiiOptions = {}): AsyncGenerator<OrderItem> {
    let next: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await this.getOrderItems(orderId, next, options);
      yield* page.OrderItems;
      next = page.NextToken;
      if (next && seen.has(next)) {
        throw invalid('orders-v0.getOrderItems', 'Amazon returned the same NextToken twice');
      }
      if (next) {
        seen.add(next);
      }
    } while (next);
  }

  async getOrderAddress(orderId: string, options: PiiOptions = {}): Promise<OrderAddress> {
    const data = await this.#read<GetOrderAddressResponse>(
      'orders-v0.getOrderAddress',
      `/orders/v0/orders/${orderId}/address`,
      false,
      options,
      { pathParams: { orderId } },
    );
    return data.payload as OrderAddress;
  }

  async getOrderBuyerInfo(orderId: string, options: PiiOptions = {}): Promise<OrderBuyerInfo> {
    const data = await this.#read<GetOrderBuyerInfoResponse>(
      'orders-v0.getOrderBuyerInfo',
      `/orders/v0/orders/${orderId}/buyerInfo`,
      false,
      options,
      { pathParams: { orderId } },
    );
    return data.payload as OrderBuyerInfo;
  }

  async getOrderItemsBuyerInfo(
    orderId: string,
    nextToken?: string,
    options: PiiOptions = {},
  ): Promise<OrderItemsBuyerInfoList> {
    const data = await this.#read<GetOrderItemsBuyerInfoResponse>(
      'orders-v0.getOrderItemsBuyerInfo',
      `/orders/v0/orders/${orderId}/orderItems/buyerInfo`,
      false,
      options,
      { pathParams: { orderId }, query: { NextToken: nextToken } },
    );
    return data.payload as OrderItemsBuyerInfoList;
  }

  async getOrderRegulatedInfo(orderId: string, options: PiiOptions = {}): Promise<OrderRegulatedInfo> {
    const data = await this.#read<GetOrderRegulatedInfoResponse>(
      'orders-v0.getOrderRegulatedInfo',
      `/orders/v0/orders/${orderId}/regulatedInfo`,
      false,
      options,
      { pathParams: { orderId } },
    );
    return data.payload as OrderRegulatedInfo;
  }

  async updateVerificationStatus(
    orderId: string,
    body: UpdateVerificationStatusRequest,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.request('orders-v0.updateVerificationStatus', {
      pathParams: { orderId },
      body,
      signal,
    });
  }

  /** Confirms (or edits) the shipment of an MFN order. `packageReferenceId` is sent as a string. */
  async confirmShipment(orderId: string, input: ConfirmShipmentInput, signal?: AbortSignal): Promise<void> {
    const body = this.confirmShipmentBody(input);
    await this.transport.request('orders-v0.confirmShipment', { pathParams: { orderId }, body, signal });
  }

  async updateShipmentStatus(
    orderId: string,
    body: UpdateShipmentStatusRequest,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.request('orders-v0.updateShipmentStatus', { pathParams: { orderId }, body, signal });
  }

  confirmShipmentBody(input: ConfirmShipmentInput) {
    const op = 'orders-v0.confirmShipment';
    const detail = input.packageDetail;
    const packageReferenceId = String(detail.packageReferenceId);
    if (!this.lenient && !/^[1-9]\d*$/.test(packageReferenceId)) {
      throw invalid(op, `packageReferenceId must be a positive number, got "${packageReferenceId}"`);
    }
    if (detail.carrierCode === 'Other' && !detail.carrierName) {
      throw invalid(op, 'carrierName is required when carrierCode is "Other"');
    }
    if (detail.orderItems.length === 0) {
      throw invalid(op, 'at least one order item is required');
    }
    for (const item of detail.orderItems) {
      if (!Number.isInteger(item.quantity) || item.quantity < 1) {
        throw invalid(op, `quantity of item ${item.orderItemId} must be a positive integer`);
      }
    }
    const shipDate = this.lenient ? String(detail.shipDate) : isoDate(op, 'shipDate', detail.shipDate);
    return {
      marketplaceId: input.marketplaceId,
      ...(input.codCollectionMethod ? { codCollectionMethod: input.codCollectionMethod } : {}),
      packageDetail: {
        packageReferenceId,
        carrierCode: detail.carrierCode,
        ...(detail.carrierName ? { carrierName: detail.carrierName } : {}),
        ...(detail.shippingMethod ? { shippingMethod: detail.shippingMethod } : {}),
        trackingNumber: detail.trackingNumber,
        shipDate,
        ...(detail.shipFromSupplySourceId ? { shipFromSupplySourceId: detail.shipFromSupplySourceId } : {}),
        orderItems: detail.orderItems,
      },
    };
  }

  /** Builds and checks the query of getOrders (exported for contract tests). */
  ordersQuery(
    params: GetOrdersParams,
  ): Record<string, string | number | boolean | readonly string[] | undefined> {
    const op = 'orders-v0.getOrders';
    const query: Record<string, string | number | boolean | readonly string[] | undefined> = {};
    for (const [name, value] of Object.entries(params)) {
      query[name] = value instanceof Date ? value.toISOString() : (value as (typeof query)[string]);
    }
    if (!this.lenient) {
      for (const name of DATE_PARAMS) {
        const value = params[name];
        if (value !== undefined) {
          query[name] = isoDate(op, name, value);
        }
      }
    }
    if (params.MarketplaceIds.length === 0 || params.MarketplaceIds.length > 50) {
      throw invalid(op, 'MarketplaceIds must hold 1 to 50 marketplace ids');
    }
    if (params.AmazonOrderIds && params.AmazonOrderIds.length > 50) {
      throw invalid(op, 'at most 50 AmazonOrderIds');
    }
    const hasCreated = query.CreatedAfter !== undefined;
    const hasUpdated = query.LastUpdatedAfter !== undefined;
    if (!params.AmazonOrderIds && hasCreated === hasUpdated) {
      throw invalid(op, 'exactly one of CreatedAfter and LastUpdatedAfter is required');
    }
    if (hasCreated && query.LastUpdatedBefore !== undefined) {
      throw invalid(op, 'LastUpdatedBefore cannot be combined with CreatedAfter');
    }
    if (hasUpdated && query.CreatedBefore !== undefined) {
      throw invalid(op, 'CreatedBefore cannot be combined with LastUpdatedAfter');
    }
    const max = params.MaxResultsPerPage;
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 100)) {
      throw invalid(op, `MaxResultsPerPage must be an integer from 1 to 100, got ${max}`);
    }
    if (params.SellerOrderId !== undefined) {
      const conflicting = (
        [
          'FulfillmentChannels',
          'OrderStatuses',
          'PaymentMethods',
          'LastUpdatedAfter',
          'LastUpdatedBefore',
          'BuyerEmail',
        ] as const
      ).filter((name) => params[name] !== undefined);
      if (conflicting.length > 0) {
        throw invalid(op, `SellerOrderId cannot be combined with ${conflicting.join(', ')}`);
      }
    }
    if (!this.lenient) {
      const now = this.clock.now();
      const s = (v: unknown) => v as string | undefined;
      checkDateRange(op, 'CreatedAfter', s(query.CreatedAfter), 'CreatedBefore', s(query.CreatedBefore), now);
      checkDateRange(
        op,
        'LastUpdatedAfter',
        s(query.LastUpdatedAfter),
        'LastUpdatedBefore',
        s(query.LastUpdatedBefore),
        now,
      );
    }
    return query;
  }

  /**
   * A read that may carry a Restricted Data Token. An RDT Amazon refuses (403: expired or revoked early) is
   * dropped and a fresh one is fetched, once.
   */
  async #read<T>(
    operation: OperationName,
    path: string,
    elements: boolean,
    options: PiiOptions,
    request: Omit<RequestOptions, 'restrictedDataToken' | 'signal'>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const rdt = await this.#rdt('GET', path, options, elements);
      try {
        const { data } = await this.transport.request<T>(operation, {
          ...request,
          restrictedDataToken: rdt,
          signal: options.signal,
        });
        return data;
      } catch (error) {
        if (rdt && attempt === 1 && error instanceof SpApiAuthenticationError) {
          this.tokens.forget(this.#resource('GET', path, options, elements));
          continue;
        }
        throw error;
      }
    }
  }

  #resource(method: 'GET', path: string, options: PiiOptions, elements: boolean): RestrictedResource {
    const dataElements = elements
      ? options.pii === true
        ? [...ALL_ELEMENTS]
        : [...(options.pii || [])]
      : undefined;
    return { method, path, ...(dataElements ? { dataElements } : {}) };
  }

  async #rdt(
    method: 'GET',
    path: string,
    options: PiiOptions,
    elements: boolean,
  ): Promise<string | undefined> {
    if (!options.pii) {
      return undefined;
    }
    return this.tokens.restrictedDataTokenFor(
      this.#resource(method, path, options, elements),
      options.signal,
    );
  }
}
