// Generated from models/orders_2026-01-01.json by scripts/generate-types.ts. Do not edit by hand.
/* eslint-disable */

/** Additional address components that provide more detailed location information, helping with precise delivery routing. */
export interface AddressExtendedFields {
  /** The name of the street. */
  streetName?: string;
  /** The house, building, or property number associated with the location's street address. */
  streetNumber?: string;
  /** The floor number / unit number. */
  complement?: string;
  /** The neighborhood. This value is only used in some countries (such as Brazil). */
  neighborhood?: string;
}

/** An alternative identifier that provides a different way to reference the same order. */
export interface Alias {
  /** The alternative identifier value that can be used to reference this order. */
  aliasId: string;
  /** The kind of alternative identifier this represents. */
  aliasType: string;
}

/** The Amazon Standard Identification Number (ASIN), which uniquely identifies a product (catalog item). */
export type Asin = string;

/** Another order that has a direct business relationship with the current order, such as replacements or exchanges. */
export interface AssociatedOrder {
  /** The unique identifier of the related order that is associated with the current order. */
  orderId?: string;
  /** The relationship between the current order and the associated order. */
  associationType?: string;
}

/** An associated order item that a customer has purchased with the product. For example, a tire installation service purchased with tires. */
export interface AssociatedOrderItem {
  /** The order identifier of the associated order item. */
  orderId?: string;
  /** The order item identifier of the associated order item. */
  orderItemId?: string;
  /** The type of association between the order items. */
  associationType?: string;
}

/** Business days and hours when the destination is open for deliveries. */
export interface BusinessHour {
  /** Specific day of the week for which operating hours are being defined. */
  dayOfWeek?: "SUN" | "MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT";
  /** Collection of time windows during which the location is available for deliveries on the specified day. */
  timeWindows?: Array<TimeWindow>;
}

/** Information about the customer who purchased the order. */
export interface Buyer {
  /** The full name of the customer who placed the order. */
  buyerName?: string;
  /** The anonymized email address of the buyer. **Note:** Only available for merchant-fulfilled (FBM) orders. */
  buyerEmail?: string;
  /** The name of the company or organization for a business order. */
  buyerCompanyName?: string;
  /** The purchase order (PO) number entered by the buyer at checkout. Only returned for orders where the buyer entered a PO number at checkout. */
  buyerPurchaseOrderNumber?: string;
}

/** Classification of the enforcement level required for shipping and delivery constraints. */
export type ConstraintType = "MANDATORY";

/** The physical address of the customer. */
export interface CustomerAddress {
  /** The full name of the person who will receive the delivery at this address. */
  name?: string;
  /** The name of the business or organization at this address. */
  companyName?: string;
  /** The primary street address. */
  addressLine1?: string;
  /** Additional address information. */
  addressLine2?: string;
  /** Additional address information. */
  addressLine3?: string;
  /** The city of the address. */
  city?: string;
  /** The district or county of the address. */
  districtOrCounty?: string;
  /** The state, province, or region of the address. */
  stateOrRegion?: string;
  /** The municipality of the address. */
  municipality?: string;
  /** The postal code, ZIP code, or equivalent mailing code of the address. */
  postalCode?: string;
  /** The two-letter country code identifying the country of the address, in ISO 3166-1 format. */
  countryCode?: string;
  /** The contact phone number for delivery coordination and customer communication. */
  phone?: string;
  /** Additional address components specific to certain countries that provide more detailed location information. */
  extendedFields?: AddressExtendedFields;
  /** The type of location. */
  addressType?: string;
}

/** A time period with start and end boundaries. */
export interface DateTimeRange {
  /** The beginning of the time period, in [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  earliestDateTime?: string;
  /** The end of the time period, in [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  latestDateTime?: string;
}

/** A decimal number with no loss of precision. Follows RFC 7159 for number representation. */
export type Decimal = string;

/** Contains all delivery instructions that the customer provides for the shipping address. */
export interface DeliveryPreference {
  /** The drop-off location selected by the customer. */
  dropOffLocation?: string;
  /** Building instructions, nearby landmark, or navigation instructions. */
  addressInstruction?: string;
  /** Business hours and days when the delivery is preferred. */
  deliveryTime?: PreferredDeliveryTime;
  /** A list of miscellaneous delivery capabilities associated with the shipping address. */
  deliveryCapabilities?: Array<PreferredDeliveryCapability>;
}

/** Error response returned when the request is unsuccessful. */
export interface Error {
  /** An error code that identifies the type of error that occurred. */
  code: string;
  /** A message that describes the error condition. */
  message: string;
  /** Additional details that can help the caller understand or fix the issue. */
  details?: string;
}

/** A list of error responses returned when a request is unsuccessful. */
export interface ErrorList {
  /** A list of errors. */
  errors: Array<Error>;
}

/** Special dates when normal business hours are modified or suspended, requiring different delivery scheduling. */
export interface ExceptionDate {
  /** Specific calendar date when normal operating hours do not apply. In [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format at day granularity. */
  exceptionDate?: string;
  /** Operational status of the business on the specified exception date. */
  exceptionDateType?: "CLOSED" | "OPEN";
  /** Alternative operating hours that apply specifically to this exception date. */
  timeWindows?: Array<TimeWindow>;
}

/** Information about a fulfillment order associated with a customer order. A fulfillment order represents a unit of fulfillment created by Amazon for the order. **Note:** Only available for EasyShip orders at present. */
export interface FulfillmentOrder {
  /** The Fulfillment Order ID assigned by Amazon after fulfillment planning. This identifier is identical to the Shipment ID required by External Fulfillment APIs. */
  fulfillmentOrderId: string;
}

/** The current fulfillment status of an order, indicating where the order is in the fulfillment process from placement to handover to carrier. */
export type FulfillmentStatus = "PENDING_AVAILABILITY" | "PENDING" | "UNSHIPPED" | "PARTIALLY_SHIPPED" | "SHIPPED" | "CANCELLED" | "UNFULFILLABLE";

/** Order details. */
export interface GetOrderResponse {
  /** All available information about the requested order. */
  order: Order;
}

/** Gift wrapping and personalization options selected by the customer for an order item. */
export interface GiftOption {
  /** Personal message from the buyer to be included with the gift-wrapped item. */
  giftMessage?: string;
  /** Type or quality level of gift wrapping service selected by the customer. */
  giftWrapLevel?: string;
}

/** The time when the business opens or closes. */
export interface HourMinute {
  /** The hour when the business opens or closes, in 24-hour format (0-23). */
  hour?: number;
  /** The minute when the business opens or closes. */
  minute?: number;
}

/** The cancellation information of the order item. */
export interface ItemCancellation {
  /** Details of the cancellation request submitted for this order item. */
  cancellationRequest?: ItemCancellationRequest;
  /** Details of how the cancellation was executed for this order item. */
  cancellationExecution?: ItemCancellationExecution;
}

/** Details of how the cancellation was executed for a specific order item, including who performed the cancellation and the reason. */
export interface ItemCancellationExecution {
  /** Entity that executed the cancellation for this item. */
  cancelledBy?: string;
  /** Explanation provided for why the cancellation was executed. */
  cancelReason?: string;
}

/** Detailed information about a cancellation request submitted for a specific order item. */
export interface ItemCancellationRequest {
  /** Entity that initiated the cancellation request for this item. */
  requester?: string;
  /** Explanation provided for why the cancellation was requested. */
  cancelReason?: string;
}

/** Detailed information about the physical condition and quality state of the item being sold. */
export interface ItemCondition {
  /** The primary condition category that broadly describes the item's state. */
  conditionType?: string;
  /** A more specific condition classification that provides additional detail about the item's quality within the main condition type. */
  conditionSubtype?: string;
  /** Additional details provided by the seller to describe the specific condition of this particular item. */
  conditionNote?: string;
}

/** Information about any personalization, customization, or special modifications applied to this order item. */
export interface ItemCustomization {
  /** The URL of the customized data for custom orders from the Amazon Custom program. */
  customizedUrl?: string;
}

/** The expense information related to this specific item. */
export interface ItemExpense {
  /** The cost of points. */
  pointsCost?: ItemPointsCost;
}

/** Information about how the order item should be processed, packed, and shipped to the customer. */
export interface ItemFulfillment {
  /** The number of units of this item that have been successfully processed and shipped. */
  quantityFulfilled?: number;
  /** The number of units of this item that remain to be processed and shipped. */
  quantityUnfulfilled?: number;
  /** Information related to the warehouse picking process for this item. */
  picking?: ItemPicking;
  /** Information related to the packaging process for this item. */
  packing?: ItemPacking;
  /** Information related to the shipping and delivery process for this item. */
  shipping?: ItemShipping;
}

/** Additional requirements needed for cross-border shipping of an order item. */
export interface ItemInternationalShipping {
  /** Import One-Stop Shop registration number required for EU VAT compliance when shipping from outside the European Union. Sellers shipping to the EU from outside the EU must provide this IOSS number to their carrier when Amazon has collected the VAT on the sale. */
  iossNumber?: string;
}

/** Information related to the packaging process for an order item. */
export interface ItemPacking {
  /** Gift wrapping and messaging specified for this item. */
  giftOption?: GiftOption;
  /** Whether serial numbers must be provided for this line item. */
  serialNumberRequirement?: SerialNumberRequirement;
}

/** Information related to the warehouse picking process for an order item. */
export interface ItemPicking {
  /** Substitution preference for an order item when it becomes unavailable during fulfillment. */
  substitutionPreference?: ItemSubstitutionPreference;
}

/** Information about Amazon Points granted with the purchase of an item, including both quantity and monetary equivalent value. */
export interface ItemPointsCost {
  /** Details of the Amazon Points granted, including count and monetary value. */
  pointsGranted?: PointsGranted;
}

/** Pricing information for the order item. */
export interface ItemPrice {
  /** The price charged for a single unit of this product, before any quantity-based calculations. */
  unitPrice?: Money;
  /** Indicates that the selling price is a special price that is only available for Amazon Business orders. For more information about the Amazon Business Seller Program, refer to the [Amazon Business website](https://www.amazon.com/b2b/info/amazon-business). */
  priceDesignation?: string;
}

/** The money that the seller receives from the sale of this specific item. */
export interface ItemProceeds {
  /** The total monetary amount for this order item. */
  proceedsTotal?: Money;
  /** The breakdown of proceeds. */
  breakdowns?: Array<ItemProceedsBreakdown>;
}

/** Detailed proceeds breakdown for a specific order item. */
export interface ItemProceedsBreakdown {
  /** Category classification of the proceeds breakdown. */
  type: string;
  /** Monetary amount for the proceeds breakdown. */
  subtotal: Money;
  /** Further granular breakdown of the subtotal. */
  detailedBreakdowns?: Array<ItemProceedsDetailedBreakdown>;
}

/** Further granular breakdown of the subtotal of the proceeds breakdown, only available for TAX and DISCOUNT proceeds types. */
export interface ItemProceedsDetailedBreakdown {
  /** Specific classification of the further granular breakdown. */
  subtype?: string;
  /** Monetary amount for the further granular breakdown. */
  value?: Money;
}

/** Product information for an order item. */
export interface ItemProduct {
  /** The Amazon Standard Identification Number (ASIN) of the item. */
  asin?: Asin;
  /** The product name or title as displayed to customers in the marketplace. */
  title?: string;
  /** The item's seller stock keeping unit (SKU). */
  sellerSku?: SKU;
  /** Information about the physical condition and quality of the item being sold. */
  condition?: ItemCondition;
  /** Pricing information for this product. */
  price?: ItemPrice;
  /** Unique serial numbers for products that require individual tracking, typically provided for FBA orders. */
  serialNumbers?: Array<string>;
  /** Information about any personalization or customization applied to this product. */
  customization?: ItemCustomization;
}

/** Details about any discounts, coupons, or promotional offers applied to this item. */
export interface ItemPromotion {
  /** A list of promotions applied to the order item. */
  breakdowns?: Array<ItemPromotionBreakdown>;
}

/** Detailed information about a specific promotional offer applied to an order item. */
export interface ItemPromotionBreakdown {
  /** Unique identifier for the promotion applied to this item. */
  promotionId?: string;
}

/** Information related to the shipping and delivery process for an order item. */
export interface ItemShipping {
  /** When this item is expected to be delivered to the customer. */
  scheduledDeliveryWindow?: DateTimeRange;
  /** Special shipping requirements and restrictions that apply to this item. */
  shippingConstraints?: ItemShippingConstraints;
  /** Additional information needed for cross-border delivery of this item. */
  internationalShipping?: ItemInternationalShipping;
}

/** Special shipping requirements and restrictions that must be observed when shipping an order item. */
export interface ItemShippingConstraints {
  /** The line item must be delivered by pallet. */
  palletDelivery?: ConstraintType;
  /** Payment must be collected from the customer at the time of delivery. */
  cashOnDelivery?: ConstraintType;
  /** The recipient of the line item must sign to confirm its delivery. */
  signatureConfirmation?: ConstraintType;
  /** The person receiving the line item must be the same as the intended recipient of the order. */
  recipientIdentityVerification?: ConstraintType;
  /** The carrier must confirm that the recipient is of the legal age to receive the line item upon delivery. */
  recipientAgeVerification?: ConstraintType;
}

/** Alternative product that can be substituted for an original order item when it becomes unavailable during fulfillment. */
export interface ItemSubstitutionOption {
  /** Amazon Standard Identification Number of the substitute product. */
  asin?: string;
  /** Number of units of the substitute item to be selected if substitution occurs. */
  quantityOrdered?: number;
  /** The item's seller stock keeping unit (SKU). */
  sellerSku?: string;
  /** Product name or title of the substitute item as displayed to customers. */
  title?: string;
  /** Unit of measure and quantity specifications for the substitute product. */
  measurement?: Measurement;
}

/** Substitution preference for an order item when it becomes unavailable during fulfillment. */
export interface ItemSubstitutionPreference {
  /** Source and nature of the substitution preferences for this item. */
  substitutionType: "CUSTOMER_PREFERENCE" | "AMAZON_RECOMMENDED" | "DO_NOT_SUBSTITUTE";
  /** List of alternative products that can be substituted for the original item if it becomes unavailable. */
  substitutionOptions?: Array<ItemSubstitutionOption>;
}

/** Tax information for an order item. */
export interface ItemTax {
  /** A list of tax calculation breakdowns for the order item. */
  taxCalculationBreakdowns?: Array<ItemTaxCalculationBreakdown>;
  /** A list of tax collections for the order item. */
  taxCollections?: Array<ItemTaxCollection>;
}

/** Tax calculation breakdowns for an order item. */
export interface ItemTaxCalculationBreakdown {
  /** The tax reporting scheme applied to this order item. */
  reportingScheme?: string;
}

/** Tax collection information for an order item. */
export interface ItemTaxCollection {
  /** The tax collection model applied to the item. */
  model?: string;
  /** The party responsible for withholding the taxes and remitting them to the taxing authority. */
  responsibleParty?: string;
}

/** Specifies the unit of measure and quantity for items that are sold by weight, volume, length, or other measurements rather than simple count. */
export interface Measurement {
  /** The specific unit of measurement used to quantify this item. */
  unit: "OUNCES" | "POUNDS" | "KILOGRAMS" | "GRAMS" | "MILLIGRAMS" | "INCHES" | "FEET" | "METERS" | "CENTIMETERS" | "MILLIMETERS" | "SQUARE_METERS" | "SQUARE_CENTIMETERS" | "SQUARE_FEET" | "SQUARE_INCHES" | "GALLONS" | "PINTS" | "QUARTS" | "FLUID_OUNCES" | "LITERS" | "CUBIC_METERS" | "CUBIC_FEET" | "CUBIC_INCHES" | "CUBIC_CENTIMETERS" | "COUNT";
  /** The numerical quantity or amount being measured in the specified unit. */
  value: number;
}

/** The physical address of the merchant. */
export interface MerchantAddress {
  /** The name of the business or facility at this address. */
  name?: string;
  /** The primary street address of the merchant's location. */
  addressLine1?: string;
  /** Additional address information. */
  addressLine2?: string;
  /** Additional address information. */
  addressLine3?: string;
  /** The city of the address. */
  city?: string;
  /** The district or county of the address. */
  districtOrCounty?: string;
  /** The state, province, or region of the address. */
  stateOrRegion?: string;
  /** The municipality of the address. */
  municipality?: string;
  /** The postal code or ZIP code of the address. */
  postalCode?: string;
  /** The two-letter country code for the address, in ISO 3166-1 format. */
  countryCode?: string;
}

/** An amount of money, including units in the form of currency. */
export interface Money {
  amount: Decimal;
  /** The three-letter currency code that identifies the currency type, following ISO 4217 international standards. */
  currencyCode: string;
}

/** Comprehensive information about a customer order. */
export interface Order {
  /** An Amazon-defined order identifier. */
  orderId: string;
  /** Alternative identifiers that can be used to reference this order, such as seller-defined order numbers. */
  orderAliases?: Array<Alias>;
  /** The time when the customer placed the order. In [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  createdTime: string;
  /** The most recent time when any aspect of this order was modified by Amazon or the seller. In [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  lastUpdatedTime: string;
  /** Special programs associated with this order that may affect fulfillment or customer experience. */
  programs?: Array<string>;
  /** Other orders that have a direct relationship to this order, such as replacement or exchange orders. */
  associatedOrders?: Array<AssociatedOrder>;
  /** Information about where this order was placed. */
  salesChannel: SalesChannel;
  /** Information about the customer who purchased this order. */
  buyer?: Buyer;
  /** Information about the person or location where this order should be delivered. */
  recipient?: Recipient;
  /** Financial information about this order. */
  proceeds?: OrderProceeds;
  /** Payment information for the order. */
  payment?: OrderPayment;
  /** Tax-related information for the order. */
  tax?: OrderTax;
  /** Information about how this order is being processed and shipped. */
  fulfillment?: OrderFulfillment;
  /** The list of all order items included in this order. */
  orderItems: Array<OrderItem>;
  /** Shipping packages created for this order, including tracking information. **Note:** Only available for merchant-fulfilled (FBM) orders. */
  packages?: Array<OrderPackage>;
  /** The list of fulfillment orders associated with this customer order. Each entry corresponds to one fulfillment unit created by Amazon for this order. **Note:** Only available for EasyShip orders at present. */
  fulfillmentOrders?: Array<FulfillmentOrder>;
}

/** Information about how the order is being processed, packed, and shipped to the customer. */
export interface OrderFulfillment {
  /** The current status of the order in the fulfillment process, from pending to handover to carrier. */
  fulfillmentStatus: FulfillmentStatus;
  /** Specifies whether Amazon or the merchant is responsible for fulfilling this order. */
  fulfilledBy?: string;
  /** The category of the shipping speed option selected by the customer at checkout. */
  fulfillmentServiceLevel?: string;
  /** The promised time period within which the order must be shipped to meet the customer's delivery expectations. */
  shipByWindow?: DateTimeRange;
  /** The promised time period within which the order should be delivered to the customer. */
  deliverByWindow?: DateTimeRange;
  /** The earliest time available to print the shipping label for the order. Printing is available any time after the earliestDateTime. Response does not include a latestDateTime. */
  labelPrintingWindow?: DateTimeRange;
}

/** Information about a single product within an order. */
export interface OrderItem {
  /** A unique identifier for this specific item within the order. */
  orderItemId: string;
  /** The number of units of this item that the customer ordered. */
  quantityOrdered: number;
  /** The unit of measure and value for items sold by weight, volume, or other measurements rather than simple count. */
  measurement?: Measurement;
  /** A list of order items associated with this item. For example, a value-add service purchased with the product. */
  associatedOrderItems?: Array<AssociatedOrderItem>;
  /** Special programs that apply specifically to this item within the order. */
  programs?: Array<string>;
  /** Information about the product being ordered. */
  product: ItemProduct;
  /** The money that the seller receives from the sale of this specific item. */
  proceeds?: ItemProceeds;
  /** The expense information related to this specific item. */
  expense?: ItemExpense;
  /** Details about any discounts, coupons, or promotional offers applied to this item. */
  promotion?: ItemPromotion;
  /** The cancellation information of the order item. */
  cancellation?: ItemCancellation;
  /** Information about how the order item should be processed, packed, and shipped to the customer. */
  fulfillment?: ItemFulfillment;
  /** Tax-related information for this order item. */
  tax?: ItemTax;
}

/** Information about a physical shipping package, including tracking details. **Note:** Only available for merchant-fulfilled (FBM) orders. */
export interface OrderPackage {
  /** A unique identifier for this package within the context of the order. */
  packageReferenceId: string;
  /** The exact time when this shipping package was created and prepared for shipment. In [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  createdTime?: string;
  /** The current status of this package. */
  packageStatus?: PackageStatus;
  /** The carrier responsible for transporting this package to the customer. */
  carrier?: string;
  /** The exact time when this package was handed over to the carrier and began its journey to the customer. In [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  shipTime?: string;
  /** The specific shipping method or service used for delivering this package. */
  shippingService?: string;
  /** The carrier-provided tracking number that customers can use to monitor the package's delivery progress. */
  trackingNumber?: string;
  /** The physical address from which this package was shipped, typically the merchant's warehouse or fulfillment center. */
  shipFromAddress?: MerchantAddress;
  /** A list of all order items included in this specific package. */
  packageItems?: Array<PackageItem>;
}

/** Payment information about the order. */
export interface OrderPayment {
  /** A list of payment executions for the order. */
  paymentExecutions?: Array<PaymentExecution>;
}

/** The money that the seller receives from the sale of the order. */
export interface OrderProceeds {
  /** The total amount that the seller receives from the sale of the order. */
  grandTotal?: Money;
  /** Categorized proceeds for the order. Proceed categories are either aggregated across all order items (such as `ITEM`, `SHIPPING`, and `TAX`) or applied at the order level (such as `DELIVERY_TIP`). */
  breakdowns?: Array<OrderProceedsBreakdown>;
}

/** An entry detailing proceeds information. */
export interface OrderProceedsBreakdown {
  /** The proceeds category. */
  type: string;
  /** The processing status of the charge. Only present for categories processed separately after checkout, such as `DELIVERY_TIP`. */
  status?: string;
  /** The monetary amount for the proceeds category. */
  subtotal: Money;
}

/** Tax information about the order. */
export interface OrderTax {
  /** A list of tax registrations associated with the order. */
  taxRegistrations?: Array<OrderTaxRegistration>;
  /** Tax invoicing information for the order. */
  taxInvoicing?: OrderTaxInvoicing;
}

/** Tax invoicing information for the order. */
export interface OrderTaxInvoicing {
  /** The buyer's invoicing preference, which indicates whether the seller should issue an individual or a business invoice to the buyer. */
  buyerInvoicePreference?: string;
  /** The status of the invoice. Only available for Easy Ship orders and orders in the Brazil marketplace. */
  invoiceStatus?: string;
}

/** Tax registration information for an entity associated with the order. */
export interface OrderTaxRegistration {
  /** The type of entity that the tax registration belongs to. */
  entityType?: string;
  /** The legal name associated with the tax registration. */
  legalName?: string;
  /** The type of the tax registration number. */
  taxRegistrationType?: string;
  /** The tax registration number that identifies the entity for tax purposes. */
  taxRegistrationNumber?: string;
  /** The address associated with the tax registration. */
  taxRegistrationAddress?: CustomerAddress;
  /** Additional attributes related to the tax registration. */
  taxRegistrationAttributes?: Array<TaxRegistrationAttribute>;
}

/** Individual order item contained within a shipping package. */
export interface PackageItem {
  /** Unique identifier of the order item included in this package. */
  orderItemId: string;
  /** Number of units of this item included in the package shipment. */
  quantity: number;
  /** The transparency codes associated with this item for product authentication. */
  transparencyCodes?: Array<string>;
}

/** Current status and detailed tracking information for a shipping package throughout the delivery process. */
export interface PackageStatus {
  /** Primary status classification of the package in the shipping workflow. */
  status: "PENDING" | "IN_TRANSIT" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "UNDELIVERABLE";
  /** Granular status information providing specific details about the package's current location and handling stage. */
  detailedStatus?: string;
}

/** Pagination occurs when a request has results that exceed the response limit. This means the results are divided into individual pages. To retrieve a different page, you must pass the token value as the `paginationToken` query parameter in the subsequent request. All other parameters must be provided with the same values that were provided with the request that generated this token, with the exception of `maxResultsPerPage` and `includedData`, which can be modified between calls. The token will expire after 24 hours. When there are no other pages to fetch, the `pagination` field will be absent from the response. */
export interface Pagination {
  /** A token that can be used to fetch the next page of results. */
  nextToken?: string;
}

/** Payment execution details for an order. */
export interface PaymentExecution {
  /** The payment method used for this payment execution (for example, CashOnDelivery, ConvenienceStore, CreditCard, Invoice, Pix, and so on). */
  paymentMethod?: string;
  /** The monetary value of the payment execution. */
  paymentAmount?: Money;
  /** The unique identifier of the payment processor or acquiring bank that authorizes the payment. */
  acquirerId?: string;
  /** The card network or brand used in the payment transaction (for example, Visa or Mastercard). */
  cardBrand?: string;
  /** The unique code that confirms the payment authorization. */
  authorizationCode?: string;
}

/** Information about Amazon Points awarded with an item purchase. */
export interface PointsGranted {
  /** Total number of Amazon Points granted to the customer's account for this item purchase. */
  pointsNumber?: number;
  /** Cash equivalent value of the awarded Amazon Points. */
  pointsMonetaryValue?: Money;
}

/** Special delivery capabilities available at the shipping address that may affect delivery options and methods. */
export type PreferredDeliveryCapability = string;

/** Customer-specified time preferences for when deliveries should be attempted at the destination address. */
export interface PreferredDeliveryTime {
  /** Business hours when the business is open for deliveries. */
  businessHours?: Array<BusinessHour>;
  /** Specific dates within the next 30 days when normal business hours do not apply. */
  exceptionDates?: Array<ExceptionDate>;
}

/** Information about the recipient to whom the order should be delivered. */
export interface Recipient {
  /** The address where the order should be delivered to the customer. */
  deliveryAddress?: CustomerAddress;
  /** Special instructions and preferences that the customer specifies for how the order should be delivered. */
  deliveryPreference?: DeliveryPreference;
}

/** The seller SKU of a product (catalog item). This is a unique number assigned by the seller when listing an item. */
export type SKU = string;

/** Information about where the customer placed this order. */
export interface SalesChannel {
  /** The name of the sales platform or channel where the customer placed this order. */
  channelName: string;
  /** The unique identifier for the specific marketplace within the sales channel where this order was placed. */
  marketplaceId?: string;
  /** The human-readable name of the marketplace where this order was placed. */
  marketplaceName?: string;
}

/** A list of orders. */
export interface SearchOrdersResponse {
  /** An array containing all orders that match the search criteria. */
  orders: Array<Order>;
  /** Pagination occurs when a request has results that exceed the response limit. This means the results are divided into individual pages. To retrieve a different page, you must pass the token value as the `paginationToken` query parameter in the subsequent request. All other parameters must be provided with the same values that were provided with the request that generated this token, with the exception of `maxResultsPerPage` and `includedData`, which can be modified between calls. The token will expire after 24 hours. When there are no other pages to fetch, the `pagination` field will be absent from the response. */
  pagination?: Pagination;
  /** Only orders updated before the specified time are returned. The date must be in [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  lastUpdatedBefore?: string;
  /** Only orders placed before the specified time are returned. The date must be in [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format. */
  createdBefore?: string;
}

/** Whether serial numbers must be provided for this line item. */
export interface SerialNumberRequirement {
  /** The requirement type for this request. */
  requirementType?: string;
}

/** An additional attribute associated with a tax registration. */
export interface TaxRegistrationAttribute {
  /** The name of the tax registration attribute. */
  key?: string;
  /** The value of the tax registration attribute. */
  value?: string;
}

/** Specific time interval defining the start and end times. */
export interface TimeWindow {
  /** The beginning of the time window. */
  startTime?: HourMinute;
  /** The end of the time window. */
  endTime?: HourMinute;
}
