import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createCipher,
  DecryptionError,
  EncryptionKeyError,
  loadEncryptionKey,
  parseEncryptionKey,
} from '../src/crypto.js';

describe('cipher', () => {
  const cipher = createCipher(randomBytes(32));

  it('round-trips text and JSON, with a fresh IV each time', () => {
    const a = cipher.encrypt('Atzr|refresh');
    const b = cipher.encrypt('Atzr|refresh');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\./);
    expect(cipher.decrypt(a)).toBe('Atzr|refresh');
    expect(cipher.decryptJson(cipher.encryptJson({ n: 'Zoë', x: [1] }))).toEqual({ n: 'Zoë', x: [1] });
  });

  it('refuses tampered data and another key', () => {
    const stored = cipher.encrypt('secret');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(DecryptionError);
    expect(() => createCipher(randomBytes(32)).decrypt(stored)).toThrow(/cannot be decrypted with this key/);
    expect(() => cipher.decrypt('plaintext')).toThrow(DecryptionError);
  });

  it('blind index is keyed and normalised', () => {
    expect(cipher.blindIndex(' A@B.com')).toBe(cipher.blindIndex('a@b.com'));
    expect(cipher.blindIndex('a@b.com')).not.toBe(createCipher(randomBytes(32)).blindIndex('a@b.com'));
  });
});

describe('encryption key', () => {
  it('accepts 32 bytes as hex or base64 and explains anything else', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(() => parseEncryptionKey('short')).toThrow(/must be 32 bytes/);
  });

  it('is required in production', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-key-'));
    await expect(loadEncryptionKey({ production: true, dataDir })).rejects.toThrow(EncryptionKeyError);
    await expect(loadEncryptionKey({ production: true, dataDir })).rejects.toThrow(
      /SALESCHANNEL_ENCRYPTION_KEY/,
    );
  });

  it('is generated once into a private key file for local use, then reused', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-key-'));
    const first = await loadEncryptionKey({ production: false, dataDir });
    const second = await loadEncryptionKey({ production: false, dataDir });
    expect(first).toEqual(second);
    expect(first).toHaveLength(32);
    const file = join(dataDir, 'encryption.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseEncryptionKey(await readFile(file, 'utf8'))).toEqual(first);
  });

  it('from the environment wins over the key file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sc-key-'));
    const key = randomBytes(32);
    expect(await loadEncryptionKey({ production: true, dataDir, envKey: key.toString('hex') })).toEqual(key);
  });
});
