import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Secrets and PII are encrypted at rest with AES-256-GCM. A stored value reads
 * `v1.<iv>.<tag>.<ciphertext>` (base64url parts): versioned so the key or algorithm can be rotated later.
 */
export interface Cipher {
  encrypt(plaintext: string): string;
  decrypt(stored: string): string;
  encryptJson(value: unknown): string;
  decryptJson<T>(stored: string): T;
  /** Keyed hash (HMAC-SHA256, a key derived from the encryption key) for exact-match lookups of PII. */
  blindIndex(value: string): string;
}

export class EncryptionKeyError extends Error {
  override readonly name = 'EncryptionKeyError';
}

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

const VERSION = 'v1';
const KEY_BYTES = 32;

/** Parses a 32-byte key given as 64 hex characters or base64 / base64url. */
export function parseEncryptionKey(text: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new EncryptionKeyError(
      `SALESCHANNEL_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64 (got ${key.length} bytes); ` +
        "generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  return key;
}

export function createCipher(key: Buffer): Cipher {
  if (key.length !== KEY_BYTES) {
    throw new EncryptionKeyError(`an AES-256-GCM key is 32 bytes, got ${key.length}`);
  }
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'saleschannel blind index', 32));
  const encrypt = (plaintext: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  };
  const decrypt = (stored: string): string => {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
      throw new DecryptionError('the stored value is not an encrypted saleschannel value');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new DecryptionError(
        'the stored value cannot be decrypted with this key (a different SALESCHANNEL_ENCRYPTION_KEY, or tampered data)',
      );
    }
  };
  return {
    encrypt,
    decrypt,
    encryptJson: (value) => encrypt(JSON.stringify(value)),
    decryptJson: <T>(stored: string) => JSON.parse(decrypt(stored)) as T,
    blindIndex: (value) =>
      createHmac('sha256', indexKey).update(value.trim().toLowerCase().normalize('NFC')).digest('hex'),
  };
}

export interface EncryptionKeySource {
  /** The environment variable's value, if set. */
  readonly envKey?: string | undefined;
  /** Production refuses to start without an explicit key: a generated key file is for local use only. */
  readonly production: boolean;
  /** Where the embedded default keeps its generated key. */
  readonly dataDir: string;
}

/**
 * The key comes from SALESCHANNEL_ENCRYPTION_KEY. Without it, production stops with a clear error, and a local
 * start generates a key file (0600) in the data folder, so the embedded default needs no set-up.
 */
export async function loadEncryptionKey(source: EncryptionKeySource): Promise<Buffer> {
  if (source.envKey?.trim()) {
    return parseEncryptionKey(source.envKey);
  }
  if (source.production) {
    throw new EncryptionKeyError(
      'SALESCHANNEL_ENCRYPTION_KEY is not set. In production saleschannel needs an explicit 32-byte key to encrypt ' +
        'credentials and buyer data (64 hex characters or base64).',
    );
  }
  const file = join(source.dataDir, 'encryption.key');
  try {
    return parseEncryptionKey(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  await mkdir(source.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // 'wx' fails if another process created the file meanwhile; then its key is the one to use.
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return parseEncryptionKey(await readFile(file, 'utf8'));
    }
    throw error;
  }
}
