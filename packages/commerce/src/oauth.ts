/**
 * OAuth 1.0a request signing, exactly as Commerce verifies it.
 *
 * Commerce (`Magento\Framework\Oauth`, using laminas-oauth's HMAC signature) rebuilds the signature base
 * string from: the oauth_* parameters of the Authorization header, every query parameter (split on `&` and
 * `=`, each side `urldecode`d, a later duplicate replacing an earlier one) and, for form-encoded bodies, the
 * body parameters. It then RFC 3986-encodes every key and value, sorts the keys with PHP's `strnatcmp`
 * (natural order, not byte order: `…[2]…` sorts before `…[10]…`), and signs
 * `METHOD&enc(scheme://host[:port]/path)&enc(k=v&…)` with `consumerSecret&tokenSecret`.
 *
 * JSON bodies are not part of the signature.
 */
import { createHmac, randomBytes } from 'node:crypto';

export type OAuthSignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

export interface OAuth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

/** RFC 3986 percent-encoding (PHP `rawurlencode` with `~` left alone), as OAuth 1.0a requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function isDigit(code: number | undefined): boolean {
  return code !== undefined && code >= 48 && code <= 57;
}

/**
 * PHP's `strnatcmp` (Martin Pool's natural order comparison, as in PHP 8's `strnatcmp_ex`): runs of digits
 * compare by value, and a run starting with 0 compares digit by digit ("fractional" part). Returns -1, 0, 1.
 */
export function strnatcmp(a: string, b: string): number {
  let ai = 0;
  let bi = 0;
  // Leading zeros of the whole string are skipped when a digit follows.
  while (a.charCodeAt(ai) === 48 && isDigit(a.charCodeAt(ai + 1))) {
    ai++;
  }
  while (b.charCodeAt(bi) === 48 && isDigit(b.charCodeAt(bi + 1))) {
    bi++;
  }
  for (;;) {
    const ca = a.charCodeAt(ai);
    const cb = b.charCodeAt(bi);
    if (isDigit(ca) && isDigit(cb)) {
      const fractional = ca === 48 || cb === 48;
      const result = fractional ? compareLeft(a, ai, b, bi) : compareRight(a, ai, b, bi);
      if (result.order !== 0) {
        return result.order;
      }
      ai = result.ai;
      bi = result.bi;
      continue;
    }
    const aEnd = ai >= a.length;
    const bEnd = bi >= b.length;
    if (aEnd && bEnd) {
      return 0;
    }
    if (aEnd) {
      return -1;
    }
    if (bEnd) {
      return 1;
    }
    if (ca < cb) {
      return -1;
    }
    if (ca > cb) {
      return 1;
    }
    ai++;
    bi++;
  }
}

interface RunResult {
  order: number;
  ai: number;
  bi: number;
}

/** Compares two digit runs by value: the longer run wins, else the first differing digit. */
function compareRight(a: string, aStart: number, b: string, bStart: number): RunResult {
  let ai = aStart;
  let bi = bStart;
  let bias = 0;
  for (; ; ai++, bi++) {
    const da = isDigit(a.charCodeAt(ai));
    const db = isDigit(b.charCodeAt(bi));
    if (!da && !db) {
      return { order: bias, ai, bi };
    }
    if (!da) {
      return { order: -1, ai, bi };
    }
    if (!db) {
      return { order: 1, ai, bi };
    }
    const ca = a.charCodeAt(ai);
    const cb = b.charCodeAt(bi);
    if (bias === 0) {
      bias = ca < cb ? -1 : ca > cb ? 1 : 0;
    }
  }
}

/** Compares two digit runs left-aligned (a run with a leading zero is a fraction). */
function compareLeft(a: string, aStart: number, b: string, bStart: number): RunResult {
  let ai = aStart;
  let bi = bStart;
  for (; ; ai++, bi++) {
    const da = isDigit(a.charCodeAt(ai));
    const db = isDigit(b.charCodeAt(bi));
    if (!da && !db) {
      return { order: 0, ai, bi };
    }
    if (!da) {
      return { order: -1, ai, bi };
    }
    if (!db) {
      return { order: 1, ai, bi };
    }
    const ca = a.charCodeAt(ai);
    const cb = b.charCodeAt(bi);
    if (ca !== cb) {
      return { order: ca < cb ? -1 : 1, ai, bi };
    }
  }
}

/** The base URL of the signature: lower-case scheme and host, no default port, no query, no fragment. */
export function normalizeSignatureUrl(url: URL): string {
  const scheme = url.protocol.toLowerCase();
  const host = url.hostname.toLowerCase();
  const defaultPort =
    (scheme === 'http:' && url.port === '80') || (scheme === 'https:' && url.port === '443');
  const port = url.port && !defaultPort ? `:${url.port}` : '';
  return `${scheme}//${host}${port}${url.pathname}`;
}

/**
 * The signature base string. `params` are decoded key/value pairs (oauth_* protocol parameters, query
 * parameters and form body parameters); a later duplicate key replaces an earlier one, as in Commerce.
 */
export function signatureBaseString(
  method: string,
  url: URL,
  params: Iterable<readonly [string, string]>,
): string {
  const encoded = new Map<string, string>();
  for (const [key, value] of params) {
    if (key === 'oauth_signature') {
      continue;
    }
    encoded.set(percentEncode(key), percentEncode(value));
  }
  const keys = [...encoded.keys()].sort(strnatcmp);
  const normalized = keys.map((key) => `${key}=${encoded.get(key)}`).join('&');
  return [method.toUpperCase(), percentEncode(normalizeSignatureUrl(url)), percentEncode(normalized)].join(
    '&',
  );
}

/** HMAC signature of a base string, base64. */
export function hmacSignature(
  baseString: string,
  consumerSecret: string,
  tokenSecret: string,
  method: OAuthSignatureMethod = 'HMAC-SHA256',
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  return createHmac(algorithm, key).update(baseString).digest('base64');
}

export interface OAuthSignOptions {
  readonly method: string;
  /** The full request URL; its query parameters are signed. */
  readonly url: URL;
  readonly credentials: OAuth1Credentials;
  /** Form-encoded body parameters, if the body is `application/x-www-form-urlencoded`. */
  readonly formParams?: Iterable<readonly [string, string]>;
  readonly signatureMethod?: OAuthSignatureMethod;
  readonly nonce?: string;
  /** Seconds since the epoch. */
  readonly timestamp?: number;
  /** Include `oauth_version="1.0"` (default true). */
  readonly includeVersion?: boolean;
}

export interface OAuthSignature {
  readonly authorization: string;
  readonly baseString: string;
  readonly signature: string;
  readonly protocolParams: readonly (readonly [string, string])[];
}

/** Decoded query parameters of a URL, as Commerce reads them (split on `&`/`=`, `+` is a space). */
export function queryParamsForSignature(url: URL): [string, string][] {
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const pairs: [string, string][] = [];
  if (!query) {
    return pairs;
  }
  for (const part of query.split('&')) {
    const pieces = part.split('=');
    // Commerce ignores a parameter that is not exactly "key=value".
    if (pieces.length !== 2) {
      continue;
    }
    const [key = '', value = ''] = pieces;
    const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    pairs.push([decode(key), decode(value)]);
  }
  return pairs;
}

/** Signs a request and returns its `Authorization: OAuth …` header value. */
export function signOAuth1(options: OAuthSignOptions): OAuthSignature {
  const signatureMethod = options.signatureMethod ?? 'HMAC-SHA256';
  const protocolParams: [string, string][] = [
    ['oauth_consumer_key', options.credentials.consumerKey],
    ['oauth_nonce', options.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', signatureMethod],
    ['oauth_timestamp', String(options.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_token', options.credentials.accessToken],
  ];
  if (options.includeVersion !== false) {
    protocolParams.push(['oauth_version', '1.0']);
  }
  const params = [
    ...protocolParams,
    ...queryParamsForSignature(options.url),
    ...(options.formParams ? [...options.formParams] : []),
  ];
  const baseString = signatureBaseString(options.method, options.url, params);
  const signature = hmacSignature(
    baseString,
    options.credentials.consumerSecret,
    options.credentials.accessTokenSecret,
    signatureMethod,
  );
  const header = [...protocolParams, ['oauth_signature', signature] as const]
    .map(([key, value]) => `${percentEncode(key)}="${percentEncode(value)}"`)
    .join(',');
  return { authorization: `OAuth ${header}`, baseString, signature, protocolParams };
}
