import { describe, expect, it } from 'vitest';
import { parseLauncherEnv } from '../src/launch.js';

describe('launcher settings', () => {
  it('have the worker poll SQS when a queue URL is set', () => {
    expect(parseLauncherEnv({}).sqs).toBeUndefined();
    expect(
      parseLauncherEnv({
        SALESCHANNEL_SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
      }).sqs,
    ).toEqual({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', region: 'eu-west-1' });
  });

  it('refuse an SQS queue whose region is not known', () => {
    expect(() =>
      parseLauncherEnv({ SALESCHANNEL_SQS_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/orders' }),
    ).toThrow(/invalid settings: set AWS_REGION/);
  });
});
