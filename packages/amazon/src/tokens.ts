import type { Clock } from './clock.js';
import { invalid } from './dates.js';
import type {
  CreateRestrictedDataTokenRequest,
  CreateRestrictedDataTokenResponse,
  RestrictedResource,
} from './generated/tokens-2021-03-01.js';
import type { SpApiTransport } from './transport.js';

/** Tokens API 2021-03-01: Restricted Data Tokens for PII in Orders v0. */
export class TokensApi {
  readonly #cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly transport: SpApiTransport,
    private readonly clock: Clock,
  ) {}

  async createRestrictedDataToken(
    request: CreateRestrictedDataTokenRequest,
    signal?: AbortSignal,
  ): Promise<CreateRestrictedDataTokenResponse> {
    const op = 'tokens.createRestrictedDataToken';
    if (request.restrictedResources.length === 0 || request.restrictedResources.length > 50) {
      throw invalid(op, 'restrictedResources must hold 1 to 50 resources');
    }
    const { data } = await this.transport.request<CreateRestrictedDataTokenResponse>(op, {
      body: request,
      signal,
    });
    return data;
  }

  /**
   * A Restricted Data Token for one resource, cached until a minute before it expires. An RDT for a path with
   * an order id is only valid for that order; one for `/orders/v0/orders` is valid for every getOrders call.
   */
  /** Drops a cached RDT Amazon refused, so the next call asks for a new one. */
  forget(resource: RestrictedResource): void {
    this.#cache.delete(TokensApi.#key(resource));
  }

  static #key(resource: RestrictedResource): string {
    return `${resource.method} ${resource.path} ${[...(resource.dataElements ?? [])].sort().join(',')}`;
  }

  async restrictedDataTokenFor(resource: RestrictedResource, signal?: AbortSignal): Promise<string> {
    const key = TokensApi.#key(resource);
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt - 60_000 > this.clock.now()) {
      return cached.token;
    }
    const response = await this.createRestrictedDataToken({ restrictedResources: [resource] }, signal);
    if (!response.restrictedDataToken) {
      throw invalid('tokens.createRestrictedDataToken', 'Amazon returned no restrictedDataToken');
    }
    this.#cache.set(key, {
      token: response.restrictedDataToken,
      expiresAt: this.clock.now() + (response.expiresIn ?? 3600) * 1000,
    });
    return response.restrictedDataToken;
  }
}
