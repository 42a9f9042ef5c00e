import { invalid } from './dates.js';
import type {
  CreateDestinationRequest,
  CreateSubscriptionRequest,
  Destination,
  EventFilter,
  Subscription,
} from './generated/notifications-v1.js';
import type { SpApiTransport } from './transport.js';

interface Payload<T> {
  payload?: T;
}

/** Notifications API v1. Destination and subscription-by-id calls are grantless (client-credentials). */
export class NotificationsApi {
  constructor(private readonly transport: SpApiTransport) {}

  async createDestination(request: CreateDestinationRequest, signal?: AbortSignal): Promise<Destination> {
    const { data } = await this.transport.request<Payload<Destination>>('notifications.createDestination', {
      body: request,
      signal,
    });
    return data.payload as Destination;
  }

  async getDestinations(signal?: AbortSignal): Promise<Destination[]> {
    const { data } = await this.transport.request<Payload<Destination[]>>('notifications.getDestinations', {
      signal,
    });
    return data.payload ?? [];
  }

  async getDestination(destinationId: string, signal?: AbortSignal): Promise<Destination> {
    const { data } = await this.transport.request<Payload<Destination>>('notifications.getDestination', {
      pathParams: { destinationId },
      signal,
    });
    return data.payload as Destination;
  }

  async deleteDestination(destinationId: string, signal?: AbortSignal): Promise<void> {
    await this.transport.request('notifications.deleteDestination', {
      pathParams: { destinationId },
      signal,
    });
  }

  async createSubscription(
    notificationType: string,
    request: CreateSubscriptionRequest,
    signal?: AbortSignal,
  ): Promise<Subscription> {
    const { data } = await this.transport.request<Payload<Subscription>>('notifications.createSubscription', {
      pathParams: { notificationType },
      body: request,
      signal,
    });
    return data.payload as Subscription;
  }

  /**
   * Subscribes a destination to ORDER_CHANGE (payload version 1.0), optionally filtered by change types and
   * marketplaces.
   */
  createOrderChangeSubscription(
    destinationId: string,
    filter: Omit<EventFilter, 'eventFilterType'> = {},
    signal?: AbortSignal,
  ): Promise<Subscription> {
    const hasFilter = Object.keys(filter).length > 0;
    return this.createSubscription(
      'ORDER_CHANGE',
      {
        payloadVersion: '1.0',
        destinationId,
        ...(hasFilter
          ? {
              processingDirective: {
                eventFilter: { ...filter, eventFilterType: 'ORDER_CHANGE' } as EventFilter,
              },
            }
          : {}),
      },
      signal,
    );
  }

  async getSubscription(
    notificationType: string,
    payloadVersion?: string,
    signal?: AbortSignal,
  ): Promise<Subscription> {
    const { data } = await this.transport.request<Payload<Subscription>>('notifications.getSubscription', {
      pathParams: { notificationType },
      query: { payloadVersion },
      signal,
    });
    return data.payload as Subscription;
  }

  async getSubscriptionById(
    notificationType: string,
    subscriptionId: string,
    signal?: AbortSignal,
  ): Promise<Subscription> {
    const { data } = await this.transport.request<Payload<Subscription>>(
      'notifications.getSubscriptionById',
      {
        pathParams: { notificationType, subscriptionId },
        signal,
      },
    );
    return data.payload as Subscription;
  }

  async deleteSubscriptionById(
    notificationType: string,
    subscriptionId: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.request('notifications.deleteSubscriptionById', {
      pathParams: { notificationType, subscriptionId },
      signal,
    });
  }

  /** Sandbox only: sends a test notification of the type to the subscription's destination. */
  async sendTestNotification(
    notificationType: string,
    request: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const { data } = await this.transport.request<Payload<unknown>>('notifications.sendTestNotification', {
      pathParams: { notificationType },
      body: request,
      signal,
    });
    return data?.payload;
  }

  async getSubscriptions(
    params: {
      notificationTypes: readonly string[];
      payloadVersion?: string;
      pageSize?: number;
      nextToken?: string;
    },
    signal?: AbortSignal,
  ): Promise<{ subscriptions: Subscription[]; nextToken?: string }> {
    const op = 'notifications.getSubscriptions';
    if (params.notificationTypes.length !== 1) {
      throw invalid(op, 'notificationTypes must hold exactly one notification type');
    }
    if (
      params.pageSize !== undefined &&
      (!Number.isInteger(params.pageSize) || params.pageSize < 30 || params.pageSize > 100)
    ) {
      throw invalid(op, `pageSize must be an integer from 30 to 100, got ${params.pageSize}`);
    }
    const { data } = await this.transport.request<
      Payload<{ subscriptions?: Subscription[]; nextToken?: string }>
    >('notifications.getSubscriptions', { query: { ...params }, signal });
    return { subscriptions: data.payload?.subscriptions ?? [], nextToken: data.payload?.nextToken };
  }
}
