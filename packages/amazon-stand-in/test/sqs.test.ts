import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AmazonStandIn, type SqsStandIn, startAmazonStandIn, startSqsStandIn } from '../src/index.js';

const QUEUE = 'saleschannel-order-change';
const credentials = { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' };

let sqs: SqsStandIn;
let client: SQSClient;

const clientFor = (standIn: SqsStandIn) =>
  new SQSClient({ region: standIn.region, endpoint: standIn.url, credentials, maxAttempts: 1 });

describe('SQS stand-in with the AWS SDK', () => {
  beforeAll(async () => {
    sqs = await startSqsStandIn({ queues: [QUEUE, 'other'] });
    client = clientFor(sqs);
  });
  afterAll(async () => {
    client.destroy();
    await sqs.close();
  });
  afterEach(async () => {
    // Empty the queue between tests: receive everything with no visibility timeout and delete it.
    for (;;) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: sqs.queueUrl(QUEUE),
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
        }),
      );
      if (Messages.length === 0) {
        break;
      }
      for (const m of Messages) {
        await client.send(
          new DeleteMessageCommand({ QueueUrl: sqs.queueUrl(QUEUE), ReceiptHandle: m.ReceiptHandle }),
        );
      }
    }
  });

  it('sends, receives with the receive count and deletes a message', async () => {
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: QUEUE }));
    expect(QueueUrl).toBe(sqs.queueUrl(QUEUE));
    const sent = await client.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"hello":"world"}' }));
    expect(sent.MessageId).toBeTruthy();
    const { Messages } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    );
    expect(Messages).toHaveLength(1);
    expect(Messages?.[0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"hello":"world"}',
      Attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/) },
    });
    expect(sqs.messages(QUEUE)).toMatchObject([{ inFlight: true, receiveCount: 1 }]);
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages?.[0]?.ReceiptHandle }));
    expect(sqs.messages(QUEUE)).toEqual([]);
  });

  it('returns a received message to the queue when its visibility timeout runs out', async () => {
    const QueueUrl = sqs.queueUrl(QUEUE);
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    expect(first.Messages).toHaveLength(1);
    // In flight: nobody else gets it meanwhile.
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    const second = await client.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, AttributeNames: ['All'] }),
    );
    expect(second.Messages?.[0]).toMatchObject({
      Body: 'again',
      Attributes: { ApproximateReceiveCount: '2' },
    });
    // The first receipt handle is stale: SQS accepts it but deletes nothing.
    await client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    expect(sqs.messages(QUEUE)).toHaveLength(1);
    await client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.Messages?.[0]?.ReceiptHandle }),
    );
    expect(sqs.messages(QUEUE)).toHaveLength(0);
  });

  it('answers a long poll as soon as a message arrives', async () => {
    const QueueUrl = sqs.queueUrl(QUEUE);
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    // The poll is waiting on the server before the message is sent.
    await expect.poll(() => sqs.receiving(QUEUE)).toBe(1);
    sqs.send(QUEUE, 'late');
    // Within the test, not after 20 s: the poll returns the message.
    const { Messages = [] } = await polling;
    expect(Messages.map((m) => m.Body)).toEqual(['late']);
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0]?.ReceiptHandle }));
  }, 15_000);

  it('lets go of a long poll whose client went away, taking no message for it', async () => {
    const QueueUrl = sqs.queueUrl(QUEUE);
    const controller = new AbortController();
    const polling = client
      .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }), { abortSignal: controller.signal })
      .catch((error: unknown) => error);
    await expect.poll(() => sqs.receiving(QUEUE)).toBe(1);
    controller.abort();
    expect(await polling).toMatchObject({ name: 'AbortError' });
    await expect.poll(() => sqs.receiving(QUEUE)).toBe(0);
    sqs.send(QUEUE, 'kept');
    expect(sqs.messages(QUEUE)).toMatchObject([{ body: 'kept', receiveCount: 0, inFlight: false }]);
  });

  it('delivers at most MaxNumberOfMessages and deletes in batches', async () => {
    const QueueUrl = sqs.queueUrl(QUEUE);
    for (let n = 0; n < 12; n++) {
      await client.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${n}` }));
    }
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(Messages).toHaveLength(10);
    const result = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          ...Messages.map((m, i) => ({ Id: `e${i}`, ReceiptHandle: m.ReceiptHandle })),
          { Id: 'bad', ReceiptHandle: 'not-a-handle' },
        ].slice(1),
      }),
    );
    expect(result.Successful).toHaveLength(9);
    expect(result.Failed).toEqual([
      { Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.any(String) },
    ]);
    expect(sqs.messages(QUEUE).map((m) => m.body)).toEqual(['m0', 'm10', 'm11']);
  });

  it("answers errors in SQS's JSON shape", async () => {
    const missing = await client
      .send(new ReceiveMessageCommand({ QueueUrl: `${sqs.url}/${sqs.accountId}/nope` }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    expect(missing).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    await expect(client.send(new GetQueueUrlCommand({ QueueName: 'nope' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
    await expect(
      client.send(new DeleteMessageCommand({ QueueUrl: sqs.queueUrl(QUEUE), ReceiptHandle: 'garbage' })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    // A handle of another queue is not valid here either.
    await client.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl('other'), MessageBody: 'x' }));
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl('other') }));
    await expect(
      client.send(
        new DeleteMessageCommand({
          QueueUrl: sqs.queueUrl(QUEUE),
          ReceiptHandle: Messages?.[0]?.ReceiptHandle,
        }),
      ),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    await expect(
      client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl(QUEUE), MaxNumberOfMessages: 11 })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('MaxNumberOfMessages'),
    });
  });

  it('refuses a request that is not signed', async () => {
    const response = await fetch(sqs.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: sqs.queueUrl(QUEUE) }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });
});

describe('SQS stand-in fed by the Amazon stand-in', () => {
  let amazon: AmazonStandIn;
  let fed: SqsStandIn;
  let fedClient: SQSClient;

  beforeAll(async () => {
    amazon = await startAmazonStandIn({ orders: { count: 6, seed: 5, historyMs: 24 * 3600_000 } });
    fed = await startSqsStandIn({ amazon: amazon.store });
    fedClient = clientFor(fed);
  });
  afterAll(async () => {
    fedClient.destroy();
    await fed.close();
    await amazon.close();
  });

  const lwa = async (grant: Record<string, string>) => {
    const a = amazon.account;
    const response = await fetch(amazon.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ client_id: a.clientId, client_secret: a.clientSecret, ...grant }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const call = async (path: string, token: string, body: unknown) => {
    const response = await fetch(new URL(path, amazon.url), {
      method: 'POST',
      headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { payload: Record<string, string> }).payload;
  };

  it('delivers the order changes after an ORDER_CHANGE subscription to an SQS destination', async () => {
    // The scenario's orders have changed before (paid, shipped…): those changes are not delivered.
    amazon.store.tick();
    expect(amazon.store.orderChanges.length).toBeGreaterThan(0);
    const grantless = await lwa({
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
    });
    const destination = await call('/notifications/v1/destinations', grantless, {
      name: 'order changes',
      resourceSpecification: { sqs: { arn: fed.queueArn(QUEUE) } },
    });
    const seller = await lwa({ grant_type: 'refresh_token', refresh_token: amazon.account.refreshToken });
    const subscription = await call('/notifications/v1/subscriptions/ORDER_CHANGE', seller, {
      payloadVersion: '1.0',
      destinationId: destination.destinationId,
    });
    const QueueUrl = fed.queueUrl(QUEUE);
    expect((await fedClient.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();

    const order = amazon.store.visibleOrders(amazon.account.sellerId)[0];
    if (!order) {
      throw new Error('no order in the scenario');
    }
    amazon.store.touch(order, 'OrderStatusChange', 'PaymentAuthorized');
    const { Messages = [] } = await fedClient.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }),
    );
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages[0]?.Body ?? '')).toMatchObject({
      NotificationType: 'ORDER_CHANGE',
      Payload: {
        OrderChangeNotification: { AmazonOrderId: order.amazonOrderId, SellerId: amazon.account.sellerId },
      },
      NotificationMetadata: { SubscriptionId: subscription.subscriptionId },
    });
    // Delivered once.
    await fedClient.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    expect(fed.messages(QUEUE)).toEqual([]);
  });
});
