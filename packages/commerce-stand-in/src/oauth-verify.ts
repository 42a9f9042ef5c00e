/**
 * OAuth 1.0a verification written after Commerce's own (`Magento\Framework\Oauth\Helper\Request` and
 * laminas-oauth's HMAC signature), independently of the client's signer so that the two check each other:
 * - oauth_* parameters come from the Authorization header (`rawurldecode`d);
 * - query parameters: the raw query split on `&`, each part on `=`, kept only when it has exactly two pieces,
 *   both `urldecode`d (`+` is a space), a later duplicate replacing an earlier one; oauth_* names are skipped;
 * - every key and value is `rawurlencode`d, keys sorted with `strnatcmp`, joined as `k=v&…`;
 * - base string `METHOD&rawurlencode(url)&rawurlencode(params)`, the URL without query, default port dropped;
 * - HMAC-SHA256 (or HMAC-SHA1) with `rawurlencode(consumerSecret)&rawurlencode(tokenSecret)`, base64.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function rawurlencode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function urldecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function rawurldecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** PHP strnatcmp, restated (digit runs compared by value; a leading zero makes a run fractional). */
export function naturalCompare(a: string, b: string): number {
  const code = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : -1);
  const digit = (s: string, i: number) => code(s, i) >= 48 && code(s, i) <= 57;
  let i = 0;
  let j = 0;
  while (code(a, i) === 48 && digit(a, i + 1)) {
    i++;
  }
  while (code(b, j) === 48 && digit(b, j + 1)) {
    j++;
  }
  while (true) {
    if (digit(a, i) && digit(b, j)) {
      const fractional = code(a, i) === 48 || code(b, j) === 48;
      let bias = 0;
      while (true) {
        const da = digit(a, i);
        const db = digit(b, j);
        if (!da && !db) {
          break;
        }
        if (!da) {
          return -1;
        }
        if (!db) {
          return 1;
        }
        if (code(a, i) !== code(b, j)) {
          const order = code(a, i) < code(b, j) ? -1 : 1;
          if (fractional) {
            return order;
          }
          if (bias === 0) {
            bias = order;
          }
        }
        i++;
        j++;
      }
      if (bias !== 0) {
        return bias;
      }
      continue;
    }
    const ca = code(a, i);
    const cb = code(b, j);
    if (ca === -1 && cb === -1) {
      return 0;
    }
    if (ca !== cb) {
      return ca < cb ? -1 : 1;
    }
    i++;
    j++;
  }
}

export interface OAuthHeaderParams {
  [name: string]: string;
}

/** The oauth_* parameters of an `Authorization: OAuth …` header, or undefined. */
export function parseOAuthHeader(header: string | undefined): OAuthHeaderParams | undefined {
  if (!header) {
    return undefined;
  }
  const at = header.toLowerCase().indexOf('oauth ');
  if (at === -1) {
    return undefined;
  }
  const params: OAuthHeaderParams = {};
  for (const part of header.slice(at + 6).split(',')) {
    const [name, value] = part.trim().split(/=(.*)/s, 2) as [string, string | undefined];
    if (value === undefined || !/oauth_[a-z_-]+/.test(name)) {
      continue;
    }
    params[rawurldecode(name)] = rawurldecode(value.replace(/^"|"$/g, ''));
  }
  return params;
}

export interface VerifyInput {
  readonly method: string;
  /** scheme://host[:port] as the request arrived. */
  readonly origin: string;
  /** The raw request target: path and query string as sent. */
  readonly rawTarget: string;
  readonly header: OAuthHeaderParams;
  readonly consumerSecret: string;
  readonly tokenSecret: string;
}

export function commerceBaseString(input: Omit<VerifyInput, 'consumerSecret' | 'tokenSecret'>): string {
  const queryAt = input.rawTarget.indexOf('?');
  const rawPath = queryAt === -1 ? input.rawTarget : input.rawTarget.slice(0, queryAt);
  const query = queryAt === -1 ? '' : input.rawTarget.slice(queryAt + 1);
  const params = new Map<string, string>(Object.entries(input.header));
  if (query) {
    for (const pair of query.split('&')) {
      const pieces = pair.split('=');
      const [key = '', value = ''] = pieces;
      if (pieces.length === 2 && !/oauth_[a-z_-]+/.test(key)) {
        params.set(urldecode(key), urldecode(value));
      }
    }
  }
  params.delete('oauth_signature');
  const encoded = new Map<string, string>();
  for (const [key, value] of params) {
    encoded.set(rawurlencode(key), rawurlencode(value));
  }
  const keys = [...encoded.keys()].sort(naturalCompare);
  const normalized = keys.map((key) => `${key}=${encoded.get(key)}`).join('&');
  const origin = new URL(input.origin);
  const defaultPort =
    (origin.protocol === 'http:' && origin.port === '80') ||
    (origin.protocol === 'https:' && origin.port === '443');
  const url = `${origin.protocol}//${origin.hostname.toLowerCase()}${origin.port && !defaultPort ? `:${origin.port}` : ''}${rawPath}`;
  return `${input.method.toUpperCase()}&${rawurlencode(url)}&${rawurlencode(normalized)}`;
}

/** True when the request's signature is what Commerce would compute. */
export function verifyOAuthSignature(input: VerifyInput): boolean {
  const method = input.header.oauth_signature_method;
  const algorithm = method === 'HMAC-SHA256' ? 'sha256' : method === 'HMAC-SHA1' ? 'sha1' : undefined;
  const given = input.header.oauth_signature;
  if (!algorithm || !given) {
    return false;
  }
  const key = `${rawurlencode(input.consumerSecret)}&${rawurlencode(input.tokenSecret)}`;
  const expected = createHmac(algorithm, key).update(commerceBaseString(input)).digest();
  const actual = Buffer.from(given, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
