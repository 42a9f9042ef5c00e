import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  InvalidInputError,
  ingestOrderChangeNotification,
  type Runtime,
  recordRejectedNotification,
} from '@saleschannel/core';

export interface SqsPollerOptions {
  /** The queue Amazon's ORDER_CHANGE subscription delivers to: https://sqs.<region>.amazonaws.com/<account>/<name>. */
  readonly queueUrl: string;
  readonly region: string;
  /** Another endpoint than AWS's (a local stand-in). */
  readonly endpoint?: string;
  /** Default: the AWS SDK's chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, a role…). */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** How long a received message stays hidden from other pollers, in seconds. Default: the queue's own. */
  readonly visibilityTimeoutSeconds?: number;
  /** Long-poll wait of one receive, in seconds (0–20). Default 20. */
  readonly waitTimeSeconds?: number;
  /** Waits after failures, doubling from `initialMs` up to `maxMs`. Default 1 s to 60 s. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

export interface RunningSqsPoller {
  /** Stops receiving (an open long poll is abandoned) and resolves once the messages in hand are dealt with. */
  stop(): Promise<void>;
}

type Outcome = 'queued' | 'duplicate' | 'ignored' | 'rejected' | 'failed';

const OPERATION = 'sqs ORDER_CHANGE';

/**
 * Takes Amazon's ORDER_CHANGE notifications from an SQS queue: long-polls it, hands each message's body (the
 * notification, or an EventBridge event carrying it) to the ingestion, and deletes the message once the
 * notification is durably recorded (queued, duplicate or ignored). A message that is not JSON or not a valid
 * notification is logged as a communication error and deleted. When ingestion fails for a passing reason (the
 * database, the job queue) the message stays, SQS delivers it again after its visibility timeout, and the poller
 * waits before receiving again. Any number of workers may poll one queue.
 */
export function startSqsPoller(runtime: Runtime, options: SqsPollerOptions): RunningSqsPoller {
  const { logger, metrics } = runtime;
  const client = new SQSClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const stopping = new AbortController();
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  let failures = 0;

  const handle = async (message: Message): Promise<Outcome> => {
    const reference = message.MessageId ?? 'unknown';
    let body: unknown;
    let rejection: string | undefined;
    try {
      body = JSON.parse(message.Body ?? '');
    } catch {
      rejection = 'the SQS message body is not JSON';
    }
    if (rejection === undefined) {
      try {
        const result = await ingestOrderChangeNotification(runtime, body);
        logger.debug({ messageId: reference, ...result }, 'ORDER_CHANGE notification received from SQS');
        return result.status;
      } catch (error) {
        if (!(error instanceof InvalidInputError)) {
          logger.warn(
            { messageId: reference, err: (error as Error).message },
            'cannot take an ORDER_CHANGE notification from SQS now; it will be received again',
          );
          return 'failed';
        }
        rejection = error.message;
      }
    }
    try {
      const { accountId } = await recordRejectedNotification(runtime, {
        body,
        reason: rejection,
        operation: OPERATION,
        reference,
      });
      logger.warn(
        { messageId: reference, accountId, reason: rejection },
        'dropped an SQS message that is not a valid ORDER_CHANGE notification (the scheduled sync still fetches the order)',
      );
      return 'rejected';
    } catch (error) {
      logger.warn(
        { messageId: reference, err: (error as Error).message },
        'cannot log an invalid SQS message now; it will be received again',
      );
      return 'failed';
    }
  };

  const pause = async () => {
    failures += 1;
    const ms = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1));
    await sleep(ms, undefined, { signal: stopping.signal }).catch(() => undefined);
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let messages: Message[];
      try {
        const received = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: options.waitTimeSeconds ?? 20,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
            ...(options.visibilityTimeoutSeconds !== undefined
              ? { VisibilityTimeout: options.visibilityTimeoutSeconds }
              : {}),
          }),
          { abortSignal: stopping.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (stopping.signal.aborted) {
          break;
        }
        logger.error(
          { queueUrl: options.queueUrl, err: (error as Error).message },
          'cannot receive from SQS',
        );
        await pause();
        continue;
      }
      const done: Message[] = [];
      let failed = false;
      for (const message of messages) {
        const outcome = await handle(message);
        metrics.sqsNotifications.inc({ outcome });
        if (outcome === 'failed') {
          // The rest of the batch would most likely fail alike: it comes back after its visibility timeout.
          failed = true;
          break;
        }
        done.push(message);
      }
      await remove(done);
      if (failed) {
        await pause();
      } else {
        failures = 0;
      }
    }
  };

  /** Deletes handled messages. A message not deleted comes again, and is then a duplicate: no harm. */
  const remove = async (messages: readonly Message[]) => {
    if (messages.length === 0) {
      return;
    }
    try {
      const result = await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      for (const failure of result.Failed ?? []) {
        logger.warn(
          { messageId: messages[Number(failure.Id)]?.MessageId, code: failure.Code, reason: failure.Message },
          'cannot delete a handled SQS message; it will be received again as a duplicate',
        );
      }
    } catch (error) {
      logger.warn(
        { queueUrl: options.queueUrl, err: (error as Error).message },
        'cannot delete handled SQS messages; they will be received again as duplicates',
      );
    }
  };

  const running = loop()
    .catch((error: unknown) => {
      logger.error({ err: (error as Error).message }, 'the SQS poller stopped on an unexpected error');
    })
    .finally(() => client.destroy());
  logger.info({ queueUrl: options.queueUrl }, 'polling SQS for ORDER_CHANGE notifications');
  return {
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
}

/**
 * The poller's settings from the environment: on when SALESCHANNEL_SQS_QUEUE_URL is set; the region from
 * AWS_REGION (or AWS_DEFAULT_REGION), else from the queue URL's host (sqs.<region>.amazonaws.com);
 * SALESCHANNEL_SQS_ENDPOINT for a local stand-in. Credentials come from the AWS SDK's default chain.
 */
export function sqsPollerOptionsFromEnv(
  env: Record<string, string | undefined>,
): SqsPollerOptions | undefined {
  const queueUrl = env.SALESCHANNEL_SQS_QUEUE_URL?.trim();
  if (!queueUrl) {
    return undefined;
  }
  let host: string;
  try {
    host = new URL(queueUrl).hostname;
  } catch {
    throw new Error(`SALESCHANNEL_SQS_QUEUE_URL is not a URL: ${queueUrl}`);
  }
  const region =
    env.AWS_REGION?.trim() ||
    env.AWS_DEFAULT_REGION?.trim() ||
    /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(host)?.[1] ||
    /^([a-z0-9-]+)\.queue\.amazonaws\.com(\.cn)?$/.exec(host)?.[1];
  if (!region) {
    throw new Error(
      `set AWS_REGION: the region cannot be read from SALESCHANNEL_SQS_QUEUE_URL (${queueUrl})`,
    );
  }
  const endpoint = env.SALESCHANNEL_SQS_ENDPOINT?.trim();
  return { queueUrl, region, ...(endpoint ? { endpoint } : {}) };
}
