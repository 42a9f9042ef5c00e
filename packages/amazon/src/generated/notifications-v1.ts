// Generated from models/notifications.json by scripts/generate-types.ts. Do not edit by hand.
/* eslint-disable */

/** A filter you can use to select the aggregation time period at which to send notifications (for example, limit to one notification every five minutes for high frequency notifications). */
export interface AggregationFilter {
  aggregationSettings?: AggregationSettings;
}

/** A container that holds all of the necessary properties to configure the aggregation of notifications. */
export interface AggregationSettings {
  /** The supported time period to use to perform marketplace-ASIN level aggregation. */
  aggregationTimePeriod: AggregationTimePeriod;
}

/** The supported aggregation time periods. For example, if FiveMinutes is the value chosen, and 50 price updates occur for an ASIN within 5 minutes, Amazon will send only two notifications; one for the first event, and then a subsequent notification 5 minutes later with the final end state of the data. The 48 interim events will be dropped. */
export type AggregationTimePeriod = "FiveMinutes" | "TenMinutes";

/** The request schema for the `createDestination` operation. */
export interface CreateDestinationRequest {
  /** The information required to create a destination resource. Applications should use one resource type (sqs or eventBridge) per destination. */
  resourceSpecification: DestinationResourceSpecification;
  /** A developer-defined name to help identify this destination. */
  name: string;
}

/** The response schema for the createDestination operation. */
export interface CreateDestinationResponse {
  /** The payload for the `createDestination` operation. */
  payload?: Destination;
  /** One or more unexpected errors occurred during the `createDestination` operation. */
  errors?: ErrorList;
}

/** The request schema for the `createSubscription` operation. */
export interface CreateSubscriptionRequest {
  /** The version of the payload object to be used in the notification. */
  payloadVersion: string;
  /** The identifier for the destination where notifications will be delivered. */
  destinationId: string;
  processingDirective?: ProcessingDirective;
}

/** The response schema for the `createSubscription` operation. */
export interface CreateSubscriptionResponse {
  /** The payload for the `createSubscription` operation. */
  payload?: Subscription;
  /** One or more unexpected errors occurred during the `createSubscription` operation. */
  errors?: ErrorList;
}

/** The response schema for the `deleteDestination` operation. */
export interface DeleteDestinationResponse {
  /** One or more unexpected errors occurred during the `deleteDestination` operation. */
  errors?: ErrorList;
}

/** The response schema for the `deleteSubscriptionById` operation. */
export interface DeleteSubscriptionByIdResponse {
  /** An unexpected condition occurred during the `deleteSubscriptionById` operation. */
  errors?: ErrorList;
}

/** Information about the destination you create when you call the `createDestination` operation. */
export interface Destination {
  /** The developer-defined name for this destination. */
  name: string;
  /** The destination identifier generated when you created the destination. */
  destinationId: string;
  /** The resource that will receive notifications associated with this destination. */
  resource: DestinationResource;
}

/** A list of destinations. */
export type DestinationList = Array<Destination>;

/** The destination resource types. */
export interface DestinationResource {
  /** An Amazon Simple Queue Service (SQS) queue destination. */
  sqs?: SqsResource;
  /** An Amazon EventBridge destination. */
  eventBridge?: EventBridgeResource;
}

/** The information required to create a destination resource. Applications should use one resource type (sqs or eventBridge) per destination. */
export interface DestinationResourceSpecification {
  /** The information required to create an Amazon Simple Queue Service (SQS) queue destination. */
  sqs?: SqsResource;
  /** The information required to create an Amazon EventBridge destination. */
  eventBridge?: EventBridgeResourceSpecification;
}

/** An error response returned when the request is unsuccessful. */
export interface Error {
  /** An error code that identifies the type of error that occurred. */
  code: string;
  /** A message that describes the error condition. */
  message: string;
  /** Additional details that can help the caller understand or fix the issue. */
  details?: string;
}

/** A list of error responses returned when a request is unsuccessful. */
export type ErrorList = Array<Error>;

/** The Amazon EventBridge destination. */
export interface EventBridgeResource {
  /** The name of the partner event source associated with the destination. */
  name: string;
  /** The AWS region in which you receive the notifications. For AWS regions that Amazon EventBridge supports, refer to [Amazon EventBridge endpoints and quotas](https://docs.aws.amazon.com/general/latest/gr/ev.html). */
  region: string;
  /** The identifier for the AWS account that is responsible for charges related to receiving notifications. */
  accountId: string;
}

/** The information required to create an Amazon EventBridge destination. */
export interface EventBridgeResourceSpecification {
  /** The AWS region in which you will be receiving the notifications. */
  region: string;
  /** The identifier for the AWS account that is responsible for charges related to receiving notifications. */
  accountId: string;
}

/** A `notificationType` filter. This object contains all of the available filters and properties that you can use to define a `notificationType` specific filter. */
export type EventFilter = AggregationFilter & MarketplaceFilter & OrderChangeTypeFilter & TrackingFilter & {
  /** An `eventFilterType` value that the `notificationType` supports. The subscription service uses the `eventFilterType` to determine the type of event filter. To determine if a specific `notificationType` supports an `eventFilterType`, refer to [Notification Type Values]( https://developer-docs.amazon.com/sp-api/docs/notification-type-values). */
  eventFilterType: "ANY_OFFER_CHANGED" | "ORDER_CHANGE" | "SHIPMENT_TRACKING_MILESTONE_CHANGED";
};

/** The response schema for the `getDestination` operation. */
export interface GetDestinationResponse {
  /** The payload for the `getDestination` operation. */
  payload?: Destination;
  /** One or more unexpected errors occurred during the `getDestination` operation. */
  errors?: ErrorList;
}

/** The response schema for the `getDestinations` operation. */
export interface GetDestinationsResponse {
  /** The payload for the `getDestinations` operation. */
  payload?: DestinationList;
  /** One or more unexpected errors occurred during the `getDestinations` operation. */
  errors?: ErrorList;
}

/** The response schema for the `getSubscriptionById` operation. */
export interface GetSubscriptionByIdResponse {
  /** The payload for the `getSubscriptionById` operation. */
  payload?: Subscription;
  /** An unexpected condition occurred during the `getSubscriptionById` operation. */
  errors?: ErrorList;
}

/** The response schema for the `getSubscription` operation. */
export interface GetSubscriptionResponse {
  /** The payload for the `getSubscription` operation. */
  payload?: Subscription;
  /** One or more unexpected errors occurred during the `getSubscription` operation. */
  errors?: ErrorList;
}

/** The payload for the `getSubscriptions` operation. */
export interface GetSubscriptionsPayload {
  /** A list of subscriptions. */
  subscriptions?: Subscriptions;
  /** A token that you can use to retrieve the next page of results. When this field is not empty, pass its value in the `nextToken` query parameter of the next request. */
  nextToken?: string;
}

/** The response schema for the `getSubscriptions` operation. */
export interface GetSubscriptionsResponse {
  /** The payload for the `getSubscriptions` operation. */
  payload?: GetSubscriptionsPayload;
  /** One or more unexpected errors occurred during the `getSubscriptions` operation. */
  errors?: ErrorList;
}

/** An event filter you can use to customize your subscription to send notifications for specific `marketplaceId`s. */
export interface MarketplaceFilter {
  marketplaceIds?: MarketplaceIds;
}

/** A list of marketplace identifiers you can subscribe to (for example, `ATVPDKIKX0DER`). To receive notifications in every marketplace, do not provide this list. */
export type MarketplaceIds = Array<string>;

/** The supported order change type of ORDER_CHANGE notification. */
export type OrderChangeTypeEnum = "BuyerRequestedChange" | "DeliveryTipChange" | "OrderStatusChange";

/** An event filter you can use to customize your subscription to send notifications for a specific `orderChangeType`. */
export interface OrderChangeTypeFilter {
  orderChangeTypes?: OrderChangeTypes;
}

/** A list of order change types you can subscribe to (for example, `BuyerRequestedChange`). To receive notifications of all change types, do not provide this list. */
export type OrderChangeTypes = Array<OrderChangeTypeEnum>;

/** Additional information passed to the subscription to control the processing of notifications. For example, you can use an `eventFilter` to customize your subscription to send notifications for only the `marketplaceId`s that you specify, or select the aggregation time period at which to send notifications (for example, you can set a limit of one notification every five minutes for high frequency notifications). You can also use `filterExpression` to filter events based on notification payload. The specific features available can vary by the `notificationType`. */
export interface ProcessingDirective {
  /** A `notificationType` filter. Note: eventFilter and filterExpression are mutually exclusive, meaning if eventFilter is provided, filterExpression field cannot be used. */
  eventFilter?: EventFilter;
  /** An expression for filtering events before delivery to destination based on the notification payload (example: FulfillmentOrderStatusNotification.FulfillmentOrderStatus == `SHIPPED` ). The `filterExpression` is a string that follows the CEL expression syntax (https://github.com/google/cel-spec) excluding arithmetic operators (+, -, *, /, %) and list/map indexing ([]). Refer to Notification Type Values to determine if filter Expression is supported for a Notification Type. Refer to CEL Operators (https://developer-docs.amazon.com/sp-api/docs/filter-notification-subscriptions) to see if a CEL operator is supported. */
  filterExpression?: string;
}

/** The request schema for the `sendTestNotification` operation. */
export interface SendTestNotificationRequest {
  /** The identifier for the destination where notifications will be delivered. */
  destinationId?: string;
  testNotification?: TestNotification;
}

/** The response schema for the `sendTestNotification` operation. */
export interface SendTestNotificationResponse {
  /** The payload for the `sendTestNotification` operation. */
  payload?: unknown;
  /** One or more unexpected errors occurred during the `sendTestNotification` operation. */
  errors?: ErrorList;
}

/** The information required to create an Amazon Simple Queue Service (Amazon SQS) queue destination. */
export interface SqsResource {
  /** The Amazon Resource Name (ARN) associated with the SQS queue. */
  arn: string;
}

/** Information about the subscription. */
export interface Subscription {
  /** The subscription identifier generated when the subscription is created. */
  subscriptionId: string;
  /** The version of the payload object to be used in the notification. */
  payloadVersion: string;
  /** The identifier for the destination where notifications will be delivered. */
  destinationId: string;
  processingDirective?: ProcessingDirective;
}

/** A list of subscriptions. */
export type Subscriptions = Array<Subscription>;

/** The describer for the test notification that will be delivered. */
export interface TestNotification {
  /** The version of the payload object to be used in the notification. */
  payloadVersion: string;
  /** The scenario of the specified notification to be used in the notification payload. If testScenario is empty, a 400 response will be returned back to the developer. The scenarios supported for each notification type can be found in the Selling Partner API Developer Guide. */
  testScenario?: string;
}

/** An event filter you can use to customize your subscription to receive shipment tracking milestone notifications for a specific tracking identifier. */
export interface TrackingFilter {
  trackingIdentifier?: TrackingIdentifier;
}

/** Specifies the tracking identifier used to filter your subscription notifications. Provide exactly one identifier field. Providing multiple identifier fields in a single request is not supported. */
export interface TrackingIdentifier {
  /** Amazon unique tracking identifier. */
  id?: string;
  /** Air Cargo Shipment Identification Number. */
  acsin?: string;
  /** Amazon Fulfillment Tracking Number. */
  aftn?: string;
  /** Container number provided by the Logistics Service Provider. */
  containerNumber?: string;
  /** House Bill of Lading number. */
  houseBillOfLadingNumber?: string;
  /** Carrier-provided tracking identifier. */
  carrierTracking?: {
    /** Carrier tracking number */
    trackingNumber: string;
    /** Carrier code */
    carrierCode?: string;
  };
}
