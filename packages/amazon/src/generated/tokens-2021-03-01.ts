// Generated from models/tokens_2021-03-01.json by scripts/generate-types.ts. Do not edit by hand.
/* eslint-disable */

/** The request schema for the createRestrictedDataToken operation. */
export interface CreateRestrictedDataTokenRequest {
  /** The application ID for the target application to which access is being delegated. */
  targetApplication?: string;
  /** A list of restricted resources. */
  restrictedResources: Array<RestrictedResource>;
}

/** The response schema for the createRestrictedDataToken operation. */
export interface CreateRestrictedDataTokenResponse {
  /** A Restricted Data Token (RDT). This is a short-lived access token that authorizes calls to restricted operations. Pass this value with the x-amz-access-token header when making subsequent calls to these restricted resources. */
  restrictedDataToken?: string;
  /** The lifetime of the Restricted Data Token, in seconds. */
  expiresIn?: number;
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
export interface ErrorList {
  errors?: Array<Error>;
}

/** Model of a restricted resource. */
export interface RestrictedResource {
  /** The HTTP method in the restricted resource. */
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** The path in the restricted resource. Here are some path examples: */
  path: string;
  /** Indicates the type of Personally Identifiable Information requested. This parameter is required only when getting an RDT for use with the getOrder, getOrders, or getOrderItems operation of the Orders API. For more information, see the [Tokens API Use Case Guide](doc:tokens-api-use-case-guide). Possible values include: */
  dataElements?: Array<string>;
}
