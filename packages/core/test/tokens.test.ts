import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.js';
import { authenticateApiToken, createApiToken, revokeApiToken } from '../src/tokens.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

describe('API tokens', () => {
  it('authenticate with their scope until revoked; only a hash is stored', async () => {
    const { id, token } = await createApiToken(database.db, {
      name: 'EventBridge',
      scopes: ['notifications:write'],
    });
    expect(token).toMatch(/^sc_/);
    expect(await authenticateApiToken(database.db, token, 'notifications:write')).toMatchObject({
      ok: true,
      tokenId: id,
    });
    expect(await authenticateApiToken(database.db, token, 'orders:write')).toEqual({
      ok: false,
      reason: 'scope',
    });
    expect(await authenticateApiToken(database.db, `${token}x`, 'notifications:write')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await authenticateApiToken(database.db, undefined, 'notifications:write')).toEqual({
      ok: false,
      reason: 'missing',
    });
    const rows = await database.executeSql('select token_hash, token_prefix from api_tokens');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await revokeApiToken(database.db, id)).toBe(true);
    expect(await authenticateApiToken(database.db, token, 'notifications:write')).toEqual({
      ok: false,
      reason: 'revoked',
    });
  });

  it('expire', async () => {
    const { token } = await createApiToken(database.db, {
      name: 'short',
      scopes: ['orders:read'],
      expiresAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(
      await authenticateApiToken(database.db, token, 'orders:read', new Date('2026-01-02T00:00:00Z')),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuse unknown scopes and empty names', async () => {
    await expect(createApiToken(database.db, { name: ' ', scopes: ['everything'] })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(createApiToken(database.db, { name: 'x', scopes: ['everything'] })).rejects.toThrow(
      /unknown scope "everything"/,
    );
  });
});
