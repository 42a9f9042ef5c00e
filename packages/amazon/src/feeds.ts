import { gunzipSync } from 'node:zlib';
import type { Clock } from './clock.js';
import { invalid } from './dates.js';
import { SpApiError, SpApiNetworkError, SpApiServerError } from './errors.js';
import {
  countFeedMessages,
  type MessageOutcome,
  messageOutcomes,
  type ProcessingReport,
  parseProcessingReport,
} from './feed-xml.js';
import type {
  CreateFeedDocumentResponse,
  CreateFeedResponse,
  CreateFeedSpecification,
  Feed,
  FeedDocument,
  GetFeedsResponse,
} from './generated/feeds-2021-06-30.js';
import type { SpApiTransport } from './transport.js';

export interface GetFeedsParams {
  readonly feedTypes?: readonly string[];
  readonly marketplaceIds?: readonly string[];
  readonly pageSize?: number;
  readonly processingStatuses?: readonly Feed['processingStatus'][];
  readonly createdSince?: string;
  readonly createdUntil?: string;
  readonly nextToken?: string;
}

export interface WaitOptions {
  /** Time between getFeed calls (clock ms). @default 30_000 */
  readonly pollIntervalMs?: number;
  /** Give up after this long (clock ms). @default 3_600_000 */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface SubmitFeedInput {
  readonly feedType: string;
  readonly marketplaceIds: readonly string[];
  readonly content: string | Uint8Array;
  readonly contentType: string;
  readonly feedOptions?: Record<string, string>;
}

export interface FeedOutcome {
  readonly feed: Feed;
  /** Parsed processing report, when Amazon produced one. */
  readonly report: ProcessingReport | null;
  /** The raw result document. */
  readonly reportText: string | null;
  /** Per-message outcomes (XML feeds), in message order. */
  readonly messages: readonly MessageOutcome[];
}

const FINAL = new Set(['DONE', 'CANCELLED', 'FATAL']);

/** Feeds API 2021-06-30 plus the document upload/download steps. */
export class FeedsApi {
  constructor(
    private readonly transport: SpApiTransport,
    private readonly clock: Clock,
    private readonly doFetch: typeof fetch = fetch,
  ) {}

  async createFeedDocument(contentType: string, signal?: AbortSignal): Promise<CreateFeedDocumentResponse> {
    const { data } = await this.transport.request<CreateFeedDocumentResponse>('feeds.createFeedDocument', {
      body: { contentType },
      signal,
    });
    return data;
  }

  /** PUTs the content to the pre-signed URL from createFeedDocument (retried on 5xx/network errors). */
  async uploadFeedDocument(
    url: string,
    content: string | Uint8Array,
    contentType: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.#withRetries('upload feed document', signal, async () => {
      const response = await this.doFetch(url, {
        method: 'PUT',
        headers: { 'content-type': contentType },
        body: content,
        signal: signal ?? AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      return response;
    });
  }

  async createFeed(spec: CreateFeedSpecification, signal?: AbortSignal): Promise<CreateFeedResponse> {
    if (spec.marketplaceIds.length === 0) {
      throw invalid('feeds.createFeed', 'at least one marketplaceId is required');
    }
    const { data } = await this.transport.request<CreateFeedResponse>('feeds.createFeed', {
      body: spec,
      signal,
    });
    return data;
  }

  async getFeed(feedId: string, signal?: AbortSignal): Promise<Feed> {
    const { data } = await this.transport.request<Feed>('feeds.getFeed', { pathParams: { feedId }, signal });
    return data;
  }

  async getFeeds(params: GetFeedsParams, signal?: AbortSignal): Promise<GetFeedsResponse> {
    if (!params.nextToken && !params.feedTypes?.length) {
      throw invalid('feeds.getFeeds', 'feedTypes is required unless nextToken is given');
    }
    const { data } = await this.transport.request<GetFeedsResponse>('feeds.getFeeds', {
      query: { ...params },
      signal,
    });
    return data;
  }

  /** Cancels a feed that is still IN_QUEUE. */
  async cancelFeed(feedId: string, signal?: AbortSignal): Promise<void> {
    await this.transport.request('feeds.cancelFeed', { pathParams: { feedId }, signal });
  }

  async getFeedDocument(feedDocumentId: string, signal?: AbortSignal): Promise<FeedDocument> {
    const { data } = await this.transport.request<FeedDocument>('feeds.getFeedDocument', {
      pathParams: { feedDocumentId },
      signal,
    });
    return data;
  }

  /** Downloads a (result) document, un-gzipping it when Amazon says GZIP or the bytes are gzip. */
  async downloadFeedDocument(document: FeedDocument, signal?: AbortSignal): Promise<string> {
    const { content: bytes } = await this.#withRetries('download feed document', signal, async () => {
      const response = await this.doFetch(document.url, { signal: signal ?? AbortSignal.timeout(60_000) });
      return Object.assign(response, { content: new Uint8Array(await response.arrayBuffer()) });
    });
    const gzip = document.compressionAlgorithm === 'GZIP' || (bytes[0] === 0x1f && bytes[1] === 0x8b);
    return new TextDecoder().decode(gzip ? gunzipSync(bytes) : bytes);
  }

  /** Polls getFeed until the feed is DONE, CANCELLED or FATAL. */
  async waitForFeed(feedId: string, options: WaitOptions = {}): Promise<Feed> {
    const interval = options.pollIntervalMs ?? 30_000;
    const deadline = this.clock.now() + (options.timeoutMs ?? 3_600_000);
    for (;;) {
      const feed = await this.getFeed(feedId, options.signal);
      if (FINAL.has(feed.processingStatus)) {
        return feed;
      }
      if (this.clock.now() + interval > deadline) {
        throw new SpApiError({
          code: 'FeedTimeout',
          message: `feed ${feedId} still ${feed.processingStatus} after waiting`,
          operation: 'feeds.getFeed',
        });
      }
      await this.clock.sleep(interval, options.signal);
    }
  }

  /**
   * The whole feed round trip: createFeedDocument → upload → createFeed → poll getFeed → getFeedDocument →
   * download (gzip aware) → parse the processing report into per-message results.
   */
  async submitFeed(input: SubmitFeedInput, wait: WaitOptions = {}): Promise<FeedOutcome> {
    const document = await this.createFeedDocument(input.contentType, wait.signal);
    await this.uploadFeedDocument(document.url, input.content, input.contentType, wait.signal);
    const { feedId } = await this.createFeed(
      {
        feedType: input.feedType,
        marketplaceIds: [...input.marketplaceIds],
        inputFeedDocumentId: document.feedDocumentId,
        ...(input.feedOptions ? { feedOptions: input.feedOptions } : {}),
      },
      wait.signal,
    );
    const feed = await this.waitForFeed(feedId, wait);
    if (!feed.resultFeedDocumentId) {
      return { feed, report: null, reportText: null, messages: [] };
    }
    const resultDocument = await this.getFeedDocument(feed.resultFeedDocumentId, wait.signal);
    const reportText = await this.downloadFeedDocument(resultDocument, wait.signal);
    let report: ProcessingReport | null = null;
    let messages: MessageOutcome[] = [];
    if (reportText.trimStart().startsWith('<')) {
      report = parseProcessingReport(reportText);
      const content =
        typeof input.content === 'string' ? input.content : new TextDecoder().decode(input.content);
      const count = countFeedMessages(content) || report.messagesProcessed;
      messages = messageOutcomes(report, count);
    }
    return { feed, report, reportText, messages };
  }

  async #withRetries<T extends Response>(
    what: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    const attempts = 4;
    let last: SpApiError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        await this.clock.sleep(Math.min(8000, 500 * 2 ** (attempt - 2)) * (0.5 + Math.random() / 2), signal);
      }
      let response: T;
      try {
        response = await call();
      } catch (cause) {
        if (signal?.aborted) {
          throw cause;
        }
        last = new SpApiNetworkError({
          code: 'NetworkError',
          message: `${what}: ${(cause as Error).message}`,
          cause,
        });
        continue;
      }
      if (response.ok) {
        return response;
      }
      const init = {
        status: response.status,
        code: `HTTP${response.status}`,
        message: `${what} answered ${response.status}`,
      };
      if (response.status >= 500) {
        last = new SpApiServerError(init);
        continue;
      }
      throw new SpApiError(init);
    }
    throw last ?? new SpApiNetworkError({ code: 'NetworkError', message: `${what} failed` });
  }
}
