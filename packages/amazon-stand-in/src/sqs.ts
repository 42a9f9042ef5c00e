/**
 * A local stand-in for Amazon SQS, speaking the AWS JSON 1.0 protocol the way `@aws-sdk/client-sqs` v3 calls it
 * (POST, `X-Amz-Target: AmazonSQS.<Action>`, `application/x-amz-json-1.0`): standard queues with visibility
 * timeouts, long polling and receipt handles. Fed by the Amazon stand-in: the ORDER_CHANGE notifications of a
 * subscription whose destination is one of its queues (`resourceSpecification.sqs.arn`) arrive as messages.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './listen.js';
import { renderOrderChangeNotification } from './notifications.js';
import type { ScenarioStore } from './store.js';

export interface SqsStandInOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** @default us-east-1 */
  readonly region?: string;
  /** The AWS account owning the queues. @default 000000000000 */
  readonly accountId?: string;
  /** Queues that exist from the start. @default ['saleschannel-order-change'] */
  readonly queues?: readonly string[];
  /** A queue's default visibility timeout. @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** The Amazon stand-in's store whose ORDER_CHANGE subscriptions to SQS destinations feed these queues. */
  readonly amazon?: ScenarioStore;
}

export interface SqsMessageView {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  /** Received and neither deleted nor back in the queue yet. */
  readonly inFlight: boolean;
}

export interface SqsStandIn {
  /** The endpoint (`SALESCHANNEL_SQS_ENDPOINT`); queue URLs start with it. */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  queueUrl(name: string): string;
  queueArn(name: string): string;
  /** Puts a message in a queue (as SendMessage would); returns its id. */
  send(queueName: string, body: string): string;
  /** The queue's messages not deleted yet (after feeding it from the Amazon stand-in). */
  messages(queueName: string): SqsMessageView[];
  /** ReceiveMessage calls of the queue being answered now (long polls waiting for a message). */
  receiving(queueName: string): number;
  /** Requests by action (`ReceiveMessage`, `DeleteMessage`, …) and answers by status. */
  stats(): Record<string, { requests: number; statuses: Record<number, number> }>;
  close(): Promise<void>;
}

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** Epoch ms from when it can be received (again). */
  visibleAt: number;
  receiptHandle?: string;
}

interface Queue {
  readonly name: string;
  readonly arn: string;
  readonly visibilityTimeoutSeconds: number;
  readonly messages: StoredMessage[];
  /** Per ORDER_CHANGE subscription: how far into the store's recorded changes it has been delivered. */
  readonly cursors: Map<string, number>;
  /** Long polls waiting for a message. */
  readonly waiters: Set<() => void>;
  receiving: number;
}

class SqsFailure extends Error {
  constructor(
    readonly status: number,
    /** The error's shape id (`__type`). */
    readonly type: string,
    /** The query-protocol code the SDK reports for it (`x-amzn-query-error`). */
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
  }
}

const sqsError = (shape: string, queryCode: string, message: string, status = 400) =>
  new SqsFailure(status, `com.amazonaws.sqs#${shape}`, queryCode, message);
const invalidParameter = (message: string) =>
  sqsError('InvalidParameterValueException', 'InvalidParameterValue', message);
const queueDoesNotExist = () =>
  sqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
] as const;
/** How often a long poll looks again for messages (fed ones, or ones whose visibility timeout ran out). */
const RECHECK_MS = 50;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function integer(
  input: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = input[name];
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(
      `Value ${JSON.stringify(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  }
  return value;
}

function names(input: Record<string, unknown>, key: string): string[] {
  const value = input[key];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidParameter(`${key} must be a list of strings.`);
  }
  return value as string[];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSqsStandIn(options: SqsStandInOptions = {}): Promise<SqsStandIn> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const queues = new Map<string, Queue>();
  for (const name of options.queues ?? ['saleschannel-order-change']) {
    queues.set(name, {
      name,
      arn: `arn:aws:sqs:${region}:${accountId}:${name}`,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
      messages: [],
      cursors: new Map(),
      waiters: new Set(),
      receiving: 0,
    });
  }
  let baseUrl = '';
  const stats: Record<string, { requests: number; statuses: Record<number, number> }> = {};
  let closing = false;

  const queueNamed = (name: string): Queue => {
    const queue = queues.get(name);
    if (!queue) {
      throw queueDoesNotExist();
    }
    return queue;
  };

  const enqueue = (queue: Queue, body: string, delaySeconds = 0): StoredMessage => {
    const now = Date.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5: md5(body),
      sentAt: now,
      receiveCount: 0,
      visibleAt: now + delaySeconds * 1000,
    };
    queue.messages.push(message);
    for (const wake of queue.waiters) {
      wake();
    }
    return message;
  };

  /** Delivers the ORDER_CHANGE notifications recorded since the last look to the queue's subscriptions. */
  const feed = (queue: Queue) => {
    const store = options.amazon;
    if (!store) {
      return;
    }
    store.tick();
    for (const subscription of store.subscriptions.values()) {
      const destination = store.destinations.get(subscription.destinationId);
      const arn = (destination?.resource as { sqs?: { arn?: string } } | undefined)?.sqs?.arn;
      if (subscription.notificationType !== 'ORDER_CHANGE' || arn !== queue.arn) {
        continue;
      }
      const filter = (
        subscription.processingDirective as
          | { eventFilter?: { orderChangeTypes?: string[]; marketplaceIds?: string[] } }
          | undefined
      )?.eventFilter;
      for (let i = queue.cursors.get(subscription.subscriptionId) ?? 0; i < store.orderChanges.length; i++) {
        const event = store.orderChanges[i];
        if (
          !event ||
          event.sellerId !== subscription.sellerId ||
          event.at < (subscription.createdAt ?? Number.NEGATIVE_INFINITY) ||
          (filter?.orderChangeTypes && !filter.orderChangeTypes.includes(event.changeType)) ||
          (filter?.marketplaceIds &&
            !filter.marketplaceIds.includes(store.orders.get(event.amazonOrderId)?.marketplaceId ?? ''))
        ) {
          continue;
        }
        enqueue(
          queue,
          JSON.stringify(renderOrderChangeNotification(store, event, subscription.subscriptionId)),
        );
      }
      queue.cursors.set(subscription.subscriptionId, store.orderChanges.length);
    }
  };

  const queueOf = (input: Record<string, unknown>): Queue => {
    if (typeof input.QueueUrl !== 'string' || input.QueueUrl === '') {
      throw sqsError(
        'InvalidAddress',
        'InvalidAddress',
        'The address QueueUrl is not valid for this endpoint.',
      );
    }
    let path: string[];
    try {
      path = new URL(input.QueueUrl).pathname.split('/').filter(Boolean);
    } catch {
      throw sqsError(
        'InvalidAddress',
        'InvalidAddress',
        `The address ${input.QueueUrl} is not valid for this endpoint.`,
      );
    }
    if (path.length !== 2 || path[0] !== accountId) {
      throw queueDoesNotExist();
    }
    return queueNamed(path[1] as string);
  };

  const handleOf = (queue: Queue, receiptHandle: unknown): { messageId: string } => {
    const invalid = () =>
      sqsError(
        'ReceiptHandleIsInvalid',
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${String(receiptHandle)}" is not a valid receipt handle.`,
      );
    if (typeof receiptHandle !== 'string' || receiptHandle === '') {
      throw sqsError(
        'MissingParameter',
        'MissingParameter',
        'The request must contain the parameter ReceiptHandle.',
      );
    }
    let decoded: { q?: unknown; m?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(receiptHandle, 'base64url').toString('utf8')) as typeof decoded;
    } catch {
      throw invalid();
    }
    if (decoded?.q !== queue.arn || typeof decoded.m !== 'string') {
      throw invalid();
    }
    return { messageId: decoded.m };
  };

  /** Deletes the message of the handle. As in SQS, a handle of a message already gone, or an older handle of a
   * message received again since, succeeds without deleting anything. */
  const deleteByHandle = (queue: Queue, receiptHandle: unknown) => {
    const { messageId } = handleOf(queue, receiptHandle);
    const index = queue.messages.findIndex(
      (m) => m.messageId === messageId && m.receiptHandle === receiptHandle,
    );
    if (index >= 0) {
      queue.messages.splice(index, 1);
    }
  };

  const take = (queue: Queue, max: number, visibilityTimeoutSeconds: number): StoredMessage[] => {
    const now = Date.now();
    const taken: StoredMessage[] = [];
    for (const message of queue.messages) {
      if (taken.length >= max) {
        break;
      }
      if (message.visibleAt > now) {
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveAt ??= now;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = Buffer.from(
        JSON.stringify({ q: queue.arn, m: message.messageId, n: randomBytes(12).toString('base64url') }),
      ).toString('base64url');
      taken.push(message);
    }
    return taken;
  };

  const receive = async (input: Record<string, unknown>, res: ServerResponse): Promise<unknown> => {
    const queue = queueOf(input);
    const max = integer(input, 'MaxNumberOfMessages', 1, 10, 1);
    const waitSeconds = integer(input, 'WaitTimeSeconds', 0, 20, 0);
    const visibility = integer(input, 'VisibilityTimeout', 0, 43_200, queue.visibilityTimeoutSeconds);
    const requested = new Set([
      ...names(input, 'MessageSystemAttributeNames'),
      ...names(input, 'AttributeNames'),
    ]);
    const all = requested.has('All');
    const deadline = Date.now() + waitSeconds * 1000;
    let gone = false;
    let wake: (() => void) | undefined;
    const onClose = () => {
      gone = true;
      wake?.();
    };
    res.once('close', onClose);
    queue.receiving += 1;
    try {
      for (;;) {
        if (gone || closing) {
          return undefined;
        }
        feed(queue);
        const taken = take(queue, max, visibility);
        const left = deadline - Date.now();
        if (taken.length > 0 || left <= 0) {
          if (taken.length === 0) {
            return {};
          }
          return {
            Messages: taken.map((m) => {
              const values: Record<(typeof SYSTEM_ATTRIBUTES)[number], string> = {
                SenderId: accountId,
                SentTimestamp: String(m.sentAt),
                ApproximateReceiveCount: String(m.receiveCount),
                ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt ?? m.sentAt),
              };
              const attributes = Object.fromEntries(
                SYSTEM_ATTRIBUTES.filter((name) => all || requested.has(name)).map((name) => [
                  name,
                  values[name],
                ]),
              );
              return {
                MessageId: m.messageId,
                ReceiptHandle: m.receiptHandle,
                MD5OfBody: m.md5,
                Body: m.body,
                ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
              };
            }),
          };
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(RECHECK_MS, left));
          function done() {
            clearTimeout(timer);
            queue.waiters.delete(done);
            wake = undefined;
            resolve();
          }
          wake = done;
          queue.waiters.add(done);
        });
      }
    } finally {
      queue.receiving -= 1;
      res.off('close', onClose);
    }
  };

  const actions: Record<string, (input: Record<string, unknown>, res: ServerResponse) => unknown> = {
    GetQueueUrl: (input) => {
      if (
        typeof input.QueueName !== 'string' ||
        (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== accountId)
      ) {
        throw queueDoesNotExist();
      }
      return { QueueUrl: `${baseUrl}/${accountId}/${queueNamed(input.QueueName).name}` };
    },
    SendMessage: (input) => {
      const queue = queueOf(input);
      if (typeof input.MessageBody !== 'string' || input.MessageBody === '') {
        throw sqsError(
          'MissingParameter',
          'MissingParameter',
          'The request must contain the parameter MessageBody.',
        );
      }
      const message = enqueue(queue, input.MessageBody, integer(input, 'DelaySeconds', 0, 900, 0));
      return { MessageId: message.messageId, MD5OfMessageBody: message.md5 };
    },
    ReceiveMessage: receive,
    DeleteMessage: (input) => {
      deleteByHandle(queueOf(input), input.ReceiptHandle);
      return {};
    },
    DeleteMessageBatch: (input) => {
      const queue = queueOf(input);
      const entries = input.Entries;
      if (!Array.isArray(entries) || entries.length === 0) {
        throw sqsError(
          'EmptyBatchRequest',
          'AWS.SimpleQueueService.EmptyBatchRequest',
          'There should be at least one DeleteMessageBatchRequestEntry in the request.',
        );
      }
      if (entries.length > 10) {
        throw sqsError(
          'TooManyEntriesInBatchRequest',
          'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
        );
      }
      const ids = entries.map((e) => (e as { Id?: unknown }).Id);
      if (new Set(ids).size !== ids.length) {
        throw sqsError(
          'BatchEntryIdsNotDistinct',
          'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
          'Two or more batch entries in the request have the same Id.',
        );
      }
      const successful: { Id: string }[] = [];
      const failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
      for (const entry of entries as { Id?: unknown; ReceiptHandle?: unknown }[]) {
        const id = String(entry.Id);
        try {
          deleteByHandle(queue, entry.ReceiptHandle);
          successful.push({ Id: id });
        } catch (error) {
          if (!(error instanceof SqsFailure)) {
            throw error;
          }
          failed.push({ Id: id, SenderFault: true, Code: error.queryCode, Message: error.message });
        }
      }
      return { Successful: successful, Failed: failed };
    },
  };

  const count = (action: string, status: number) => {
    stats[action] ??= { requests: 0, statuses: {} };
    const entry = stats[action];
    entry.requests += 1;
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
  };

  const answer = (res: ServerResponse, action: string, status: number, body: unknown, headers = {}) => {
    count(action, status);
    if (res.destroyed) {
      return;
    }
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-RequestId': randomUUID(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  };

  const fail = (res: ServerResponse, action: string, failure: SqsFailure) =>
    answer(
      res,
      action,
      failure.status,
      { __type: failure.type, message: failure.message },
      {
        'x-amzn-query-error': `${failure.queryCode};Sender`,
      },
    );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : target || 'unknown';
    if (
      req.method !== 'POST' ||
      !String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.0')
    ) {
      fail(
        res,
        action,
        new SqsFailure(
          400,
          'com.amazon.coral.service#UnknownOperationException',
          'UnknownOperation',
          'This endpoint speaks the AWS JSON 1.0 protocol: POST application/x-amz-json-1.0 with X-Amz-Target.',
        ),
      );
      return;
    }
    const authorization = String(req.headers.authorization ?? '');
    if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
      fail(
        res,
        action,
        new SqsFailure(
          403,
          'com.amazon.coral.service#MissingAuthenticationTokenException',
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
        ),
      );
      return;
    }
    if (
      !/Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/sqs\/aws4_request/.test(authorization) ||
      !/Signature=[0-9a-f]{64}/.test(authorization)
    ) {
      fail(
        res,
        action,
        new SqsFailure(
          400,
          'com.amazon.coral.service#IncompleteSignatureException',
          'IncompleteSignature',
          'The request signature does not conform to AWS standards.',
        ),
      );
      return;
    }
    const run = target.startsWith('AmazonSQS.') ? actions[action] : undefined;
    if (!run) {
      fail(
        res,
        action,
        new SqsFailure(
          400,
          'com.amazon.coral.service#UnknownOperationException',
          'UnknownOperation',
          `The stand-in does not know the action ${target || '(none)'}.`,
        ),
      );
      return;
    }
    let input: unknown;
    try {
      input = raw === '' ? {} : JSON.parse(raw);
    } catch {
      input = undefined;
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      fail(
        res,
        action,
        new SqsFailure(
          400,
          'com.amazon.coral.service#SerializationException',
          'SerializationException',
          'The body is not a JSON object.',
        ),
      );
      return;
    }
    try {
      const output = await run(input as Record<string, unknown>, res);
      if (output !== undefined) {
        answer(res, action, 200, output);
      }
    } catch (error) {
      if (error instanceof SqsFailure) {
        fail(res, action, error);
        return;
      }
      throw error;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        answer(res, 'unknown', 500, {
          __type: 'com.amazonaws.sqs#InternalError',
          message: `Stand-in error: ${(error as Error).message}`,
        });
      } else {
        res.destroy();
      }
    });
  });
  baseUrl = await listen(server, options);

  return {
    url: baseUrl,
    region,
    accountId,
    queueUrl: (name) => `${baseUrl}/${accountId}/${queueNamed(name).name}`,
    queueArn: (name) => queueNamed(name).arn,
    send: (queueName, body) => enqueue(queueNamed(queueName), body).messageId,
    messages: (queueName) => {
      const queue = queueNamed(queueName);
      feed(queue);
      const now = Date.now();
      return queue.messages.map((m) => ({
        messageId: m.messageId,
        body: m.body,
        receiveCount: m.receiveCount,
        inFlight: m.receiveCount > 0 && m.visibleAt > now,
      }));
    },
    receiving: (queueName) => queueNamed(queueName).receiving,
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        for (const queue of queues.values()) {
          for (const wake of queue.waiters) {
            wake();
          }
        }
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
