import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpApiError } from '../src/errors.js';
import { type Pair, startPair } from './helpers.js';
import { expectedResult, invokeCase } from './sandbox-cases.js';

let pair: Pair;
beforeAll(async () => {
  pair = await startPair({ sandbox: true, orders: false, speed: 20 }, { sandbox: true });
});
afterAll(() => pair.standIn.close());

describe('static sandbox cases of the official models, through the client', async () => {
  const { loadModels } = await import('@saleschannel/amazon-stand-in');
  const models = loadModels();
  const cases = models.operations.flatMap((operation) =>
    operation.sandbox.map((c, index) => ({ operation: operation.name, c, index })),
  );

  it('covers every operation that has cases (all but the dynamic sendTestNotification)', () => {
    const covered = new Set(cases.map((x) => x.operation));
    expect(covered.size).toBe(models.operations.length - 1);
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const { operation, c, index } of cases) {
    it(`${operation} #${index + 1} → ${c.status}`, async () => {
      const outcome = await invokeCase(pair.client, operation, c).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (c.status < 300) {
        if (!outcome.ok) {
          throw outcome.error;
        }
        if (
          c.status === 204 ||
          c.response === undefined ||
          operation.includes('delete') ||
          operation.endsWith('cancelFeed')
        ) {
          expect(outcome.value ?? undefined).toBeUndefined();
        } else {
          expect(outcome.value).toEqual(expectedResult(operation, c.response));
        }
      } else {
        expect(outcome.ok).toBe(false);
        const error = (outcome as { error: unknown }).error;
        expect(error).toBeInstanceOf(SpApiError);
        expect((error as SpApiError).status).toBe(c.status);
        const expected = (c.response as { errors?: { code: string; message: string }[] } | undefined)
          ?.errors?.[0];
        if (expected) {
          expect((error as SpApiError).code).toBe(expected.code);
          expect((error as SpApiError).message).toBe(expected.message);
        } else {
          // A few 400 cases in the models carry no body at all.
          expect((error as SpApiError).code).toBe(`HTTP${c.status}`);
        }
        expect((error as SpApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
  }
});
