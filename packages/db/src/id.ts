import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Prefixed random ids (`acc_…`, `ord_…`): readable in logs and URLs, unguessable, 100 bits of randomness. */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) {
    out += ALPHABET[byte & 31];
  }
  return `${prefix}_${out}`;
}
