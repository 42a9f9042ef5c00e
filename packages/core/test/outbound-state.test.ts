import { amazonOrders, orderEvents, outboundActions } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { TransitionError } from '@saleschannel/domain';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.js';
import { ConflictError } from '../src/errors.js';
import { recordOutboundAction, transitionOutbound } from '../src/outbound/state.js';

let database: TestDatabase;
let orderId: string;
let accountId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  const account = await createAccount(database, {
    displayName: 'State test',
    sellerId: 'A1SELLER',
    marketplaceId: 'ATVPDKIKX0DER',
    region: 'na',
    amazon: { lwaClientId: 'client', lwaClientSecret: 'secret', refreshToken: 'Atzr|token' },
    commerce: {
      name: 'Commerce',
      baseUrl: 'http://127.0.0.1:9',
      secrets: {
        authMode: 'oauth1',
        consumerKey: 'k',
        consumerSecret: 's',
        accessToken: 't',
        accessTokenSecret: 'ts',
      },
    },
    commerceWebsiteId: 1,
  });
  accountId = account.id;
  const [order] = await database.db
    .insert(amazonOrders)
    .values({
      accountId,
      amazonOrderId: '111-0000000-0000001',
      marketplaceId: 'ATVPDKIKX0DER',
      purchaseDate: new Date(),
      lastUpdateDate: new Date(),
      amazonStatus: 'Unshipped',
      fulfillmentChannel: 'MFN',
      rawPayload: database.cipher.encryptJson({}),
    })
    .returning();
  orderId = order?.id ?? '';
});
afterEach(async () => {
  await database.destroy();
});

async function newAction(key = 'refund:x:1') {
  const { action, created } = await recordOutboundAction(
    database.db,
    { orderId, accountId, kind: 'refund', idempotencyKey: key, payload: { total: '1.00' } },
    { type: 'refund_queued', message: 'queued' },
  );
  return { action, created };
}

describe('outbound action state', () => {
  it('stores an action once per idempotency key', async () => {
    const first = await newAction();
    const second = await newAction();
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, action: { id: first.action.id, state: 'pending' } });
    const rows = await database.db.select().from(outboundActions);
    expect(rows).toHaveLength(1);
  });

  it('moves only through the lifecycle table, recording attempts, feed ids, errors and a timeline event', async () => {
    const { action } = await newAction();
    const submitted = await transitionOutbound(
      database.db,
      action,
      { to: 'submitted', feedId: '5000001', feedDocumentId: 'doc-1' },
      { type: 'refund_submitted', message: 'sent' },
    );
    expect(submitted).toMatchObject({
      state: 'submitted',
      attempts: 1,
      feedId: '5000001',
      feedDocumentId: 'doc-1',
    });
    expect(submitted.submittedAt).not.toBeNull();
    const failed = await transitionOutbound(
      database.db,
      submitted,
      { to: 'failed', error: '18052: too much', processingReport: { messagesWithError: 1 } },
      { type: 'refund_failed', message: 'rejected' },
    );
    expect(failed).toMatchObject({
      state: 'failed',
      lastError: '18052: too much',
      processingReport: { messagesWithError: 1 },
    });
    await expect(
      transitionOutbound(database.db, failed, { to: 'confirmed' }, { type: 'x', message: 'x' }),
    ).rejects.toThrow(TransitionError);
    // A caller that saw an older state is refused: someone else moved the action.
    await expect(
      transitionOutbound(database.db, submitted, { to: 'confirmed' }, { type: 'x', message: 'x' }),
    ).rejects.toThrow(ConflictError);
    const events = await database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.id));
    expect(
      events.map((e) => [e.type, e.level, (e.data as { outboundState?: unknown })?.outboundState]),
    ).toEqual([
      ['refund_queued', 'info', { to: 'pending' }],
      ['refund_submitted', 'info', { from: 'pending', to: 'submitted' }],
      ['refund_failed', 'error', { from: 'submitted', to: 'failed' }],
    ]);
  });
});
