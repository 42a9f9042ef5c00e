import { createHash, randomBytes } from 'node:crypto';
import { apiTokens, type DbOrTx } from '@saleschannel/db';
import { eq } from 'drizzle-orm';
import { InvalidInputError } from './errors.js';

/** What a token may do. */
export const API_SCOPES = ['notifications:write', 'orders:read', 'orders:write', 'settings:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token. The token itself is returned once and never stored; only its SHA-256 is kept. */
export async function createApiToken(
  db: DbOrTx,
  input: { readonly name: string; readonly scopes: readonly string[]; readonly expiresAt?: Date },
): Promise<{ id: string; token: string }> {
  const unknown = input.scopes.filter((scope) => !API_SCOPES.includes(scope as ApiScope));
  if (!input.name.trim() || input.scopes.length === 0 || unknown.length > 0) {
    throw new InvalidInputError('invalid API token', [
      ...(input.name.trim() ? [] : [{ field: 'name', message: 'a name is required' }]),
      ...(input.scopes.length === 0 ? [{ field: 'scopes', message: 'at least one scope is required' }] : []),
      ...unknown.map((scope) => ({
        field: 'scopes',
        message: `unknown scope "${scope}" (${API_SCOPES.join(', ')})`,
      })),
    ]);
  }
  const token = `sc_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name.trim(),
      tokenHash: hash(token),
      tokenPrefix: token.slice(0, 10),
      scopes: [...input.scopes],
      expiresAt: input.expiresAt ?? null,
    })
    .returning({ id: apiTokens.id });
  if (!row) {
    throw new Error('the API token was not stored');
  }
  return { id: row.id, token };
}

export type TokenCheck =
  | { readonly ok: true; readonly tokenId: string; readonly name: string }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'revoked' | 'expired' | 'scope' };

/** Whether a presented bearer token is valid and carries `scope`. Records its last use. */
export async function authenticateApiToken(
  db: DbOrTx,
  token: string | undefined,
  scope: ApiScope,
  now = new Date(),
): Promise<TokenCheck> {
  if (!token) {
    return { ok: false, reason: 'missing' };
  }
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hash(token)));
  if (!row) {
    return { ok: false, reason: 'unknown' };
  }
  if (row.revokedAt) {
    return { ok: false, reason: 'revoked' };
  }
  if (row.expiresAt && row.expiresAt <= now) {
    return { ok: false, reason: 'expired' };
  }
  if (!row.scopes.includes(scope)) {
    return { ok: false, reason: 'scope' };
  }
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return { ok: true, tokenId: row.id, name: row.name };
}

export async function revokeApiToken(db: DbOrTx, tokenId: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(eq(apiTokens.id, tokenId))
    .returning();
  return rows.length > 0;
}
