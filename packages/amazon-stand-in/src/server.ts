import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { QUOTA_EXCEEDED_BODY, ServerBuckets } from './buckets.js';
import { createClock, type StandInClock } from './clock.js';
import { type Fault, FaultInjector } from './faults.js';
import { ApiFailure, HANDLERS, type HandlerResult } from './handlers.js';
import { listen } from './listen.js';
import { checkRequest, loadModels, type ModelOperation, type Models, type SandboxCase } from './models.js';
import { orderChangeNotifications } from './notifications.js';
import type { PiiGrant } from './render.js';
import { DEFAULT_ACCOUNT, type OrdersScenario, seedOrders } from './scenario.js';
import { type Account, ScenarioStore } from './store.js';

export interface StandInOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** Virtual time runs this many times faster than real time. @default 1 */
  readonly speed?: number;
  /** Accounts; the default one when omitted. */
  readonly accounts?: readonly Account[];
  /** Orders seeded for the first account; `false` for none. @default { count: 50 } */
  readonly orders?: OrdersScenario | false;
  /** Replay the models' static sandbox cases for every request (like the sandbox hosts). @default false */
  readonly sandbox?: boolean;
  /** Enforce Amazon's usage plans (429 when exceeded). @default true */
  readonly rateLimits?: boolean;
  /** Real-time jitter forgiven by the buckets. @default 2 */
  readonly rateLimitToleranceMs?: number;
  /** Access token lifetime in virtual seconds. @default 3600 */
  readonly accessTokenTtlSeconds?: number;
  /** Virtual time a feed waits in the queue and then takes to process. */
  readonly feedTiming?: { readonly queueMs: number; readonly processingMs: number };
  readonly modelsDir?: URL;
}

export interface OperationStats {
  requests: number;
  throttled: number;
  statuses: Record<number, number>;
}

export interface AmazonStandIn {
  /** Base URL: use as SP-API endpoint; the LWA token URL is `${url}/auth/o2/token`. */
  readonly url: string;
  readonly tokenUrl: string;
  readonly store: ScenarioStore;
  readonly clock: StandInClock;
  readonly faults: FaultInjector;
  readonly models: Models;
  readonly account: Account;
  /** Per-operation request counts, 429s and statuses since start (or the last reset). */
  stats(): Record<string, OperationStats>;
  resetStats(): void;
  /** Refill every bucket. */
  resetRateLimits(): void;
  close(): Promise<void>;
}

interface IssuedToken {
  readonly sellerId: string;
  readonly expiresAt: number;
  readonly grantless: boolean;
  revoked: boolean;
}

interface IssuedRdt {
  readonly sellerId: string;
  readonly expiresAt: number;
  readonly resources: { method: string; path: string; dataElements?: string[] }[];
}

const UNAUTHORIZED = (details: string) =>
  JSON.stringify({
    errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }],
  });

function errorBody(code: string, message: string, details?: string): string {
  return JSON.stringify({ errors: [{ code, message, ...(details !== undefined ? { details } : {}) }] });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Sandbox cases sorted most specific first, so `{}` catch-alls are tried last. */
function sandboxCases(operation: ModelOperation): SandboxCase[] {
  return [...operation.sandbox].sort(
    (a, b) => Object.keys(b.parameters).length - Object.keys(a.parameters).length,
  );
}

function matchesCase(
  c: SandboxCase,
  params: Record<string, string>,
  query: URLSearchParams,
  body: unknown,
  operation: ModelOperation,
): boolean {
  for (const [name, { value }] of Object.entries(c.parameters)) {
    if (name === 'body' || operation.parameters.find((p) => p.name === name)?.in === 'body') {
      if (!isDeepStrictEqual(body, value)) {
        return false;
      }
      continue;
    }
    const actual = params[name] ?? query.get(name);
    if (actual === null || actual === undefined) {
      return false;
    }
    const expected = Array.isArray(value) ? value.map(String).join(',') : String(value);
    if (actual !== expected) {
      return false;
    }
  }
  return true;
}

export async function startAmazonStandIn(options: StandInOptions = {}): Promise<AmazonStandIn> {
  const clock = createClock(options.speed ?? 1);
  const store = new ScenarioStore(clock);
  const accounts = options.accounts?.length ? options.accounts : [DEFAULT_ACCOUNT];
  for (const account of accounts) {
    store.addAccount(account);
  }
  const account = accounts[0] as Account;
  if (options.orders !== false) {
    seedOrders(store, {
      sellerId: account.sellerId,
      marketplaceId: account.marketplaceIds[0],
      ...(options.orders ?? {}),
    });
  }
  const models = loadModels(options.modelsDir);
  const buckets = new ServerBuckets(clock, options.rateLimitToleranceMs ?? 2);
  const faults = new FaultInjector();
  const tokens = new Map<string, IssuedToken>();
  const rdts = new Map<string, IssuedRdt>();
  const ttl = (options.accessTokenTtlSeconds ?? 3600) * 1000;
  const feedTiming = options.feedTiming ?? { queueMs: 10_000, processingMs: 30_000 };
  let stats: Record<string, OperationStats> = {};
  let baseUrl = '';
  const hanging = new Set<ServerResponse>();

  const count = (name: string, status: number) => {
    stats[name] ??= { requests: 0, throttled: 0, statuses: {} };
    const s = stats[name];
    s.requests += 1;
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    if (status === 429) {
      s.throttled += 1;
    }
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer | undefined,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'x-amzn-RequestId': randomUUID(),
      'x-amz-apigw-id': randomBytes(8).toString('base64url'),
      ...(body !== undefined && !headers['content-type'] ? { 'content-type': 'application/json' } : {}),
      ...headers,
    });
    res.end(body);
  };

  /** Applies an injected fault; true when the response has been dealt with. */
  const applyFault = (name: string, res: ServerResponse, req: IncomingMessage, token?: string): boolean => {
    const fault = faults.take(name);
    if (!fault) {
      return false;
    }
    const statuses: Record<typeof fault, number> = {
      timeout: 0,
      drop: 0,
      'server-error': 500,
      unavailable: 503,
      'expired-token': 403,
      throttle: 429,
      malformed: 200,
    };
    count(name, statuses[fault]);
    switch (fault) {
      case 'server-error':
        send(res, 500, errorBody('InternalFailure', 'We encountered an internal error. Please try again.'), {
          'x-amzn-ErrorType': 'InternalFailure',
        });
        return true;
      case 'unavailable':
        send(
          res,
          503,
          errorBody('ServiceUnavailable', 'Service temporarily unavailable. Please try again.'),
          { 'x-amzn-ErrorType': 'ServiceUnavailable' },
        );
        return true;
      case 'timeout':
        hanging.add(res);
        req.socket.once('close', () => hanging.delete(res));
        return true;
      case 'drop':
        req.socket.destroy();
        return true;
      case 'malformed':
        send(res, 200, '{"payload":{"Orders":[{"AmazonOrderId":"111-');
        return true;
      case 'throttle':
        send(res, 429, QUOTA_EXCEEDED_BODY, { 'x-amzn-ErrorType': 'QuotaExceededException' });
        return true;
      case 'expired-token': {
        const issued = token ? tokens.get(token) : undefined;
        if (issued) {
          issued.revoked = true;
        }
        if (token) {
          rdts.delete(token);
        }
        send(res, 403, UNAUTHORIZED('The access token you provided has expired.'), {
          'x-amzn-ErrorType': 'UnauthorizedException',
        });
        return true;
      }
    }
  };

  async function lwa(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)).toString('utf8');
    if (applyFault('lwa.token', res, req)) {
      return;
    }
    let form: Record<string, string>;
    if ((req.headers['content-type'] ?? '').includes('json')) {
      try {
        form = JSON.parse(raw) as Record<string, string>;
      } catch {
        form = {};
      }
    } else {
      form = Object.fromEntries(new URLSearchParams(raw));
    }
    const fail = (status: number, error: string, description: string) => {
      count('lwa.token', status);
      send(res, status, JSON.stringify({ error, error_description: description }));
    };
    const client = [...store.accounts.values()].find((a) => a.clientId === form.client_id);
    if (!client || client.clientSecret !== form.client_secret) {
      fail(401, 'invalid_client', 'Client authentication failed');
      return;
    }
    let sellerId: string;
    let grantless = false;
    if (form.grant_type === 'refresh_token') {
      const owner = store.accountByRefreshToken(form.refresh_token ?? '');
      if (!owner || owner.clientId !== form.client_id) {
        fail(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
        return;
      }
      sellerId = owner.sellerId;
    } else if (form.grant_type === 'client_credentials') {
      if (
        !['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'].includes(
          form.scope ?? '',
        )
      ) {
        fail(400, 'invalid_scope', 'The request has an invalid parameter : scope');
        return;
      }
      sellerId = client.sellerId;
      grantless = true;
    } else {
      fail(400, 'unsupported_grant_type', 'Invalid grant_type');
      return;
    }
    const accessToken = `Atza|${randomBytes(24).toString('base64url')}`;
    tokens.set(accessToken, { sellerId, expiresAt: clock.now() + ttl, grantless, revoked: false });
    count('lwa.token', 200);
    send(
      res,
      200,
      JSON.stringify({
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: Math.round(ttl / 1000),
        ...(grantless ? {} : { refresh_token: form.refresh_token }),
      }),
    );
  }

  async function documents(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const document = store.documents.get(id);
    const body = await readBody(req);
    if (!document) {
      send(res, 404, '<Error><Code>NoSuchKey</Code></Error>', { 'content-type': 'application/xml' });
      return;
    }
    if (req.method === 'PUT') {
      if (applyFault('documents.upload', res, req)) {
        return;
      }
      if (clock.now() - document.createdAt > 5 * 60_000) {
        send(res, 403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', {
          'content-type': 'application/xml',
        });
        return;
      }
      document.content = body;
      send(res, 200, undefined);
      return;
    }
    if (req.method === 'GET') {
      if (applyFault('documents.download', res, req)) {
        return;
      }
      send(res, 200, document.content ?? Buffer.alloc(0), {
        'content-type': document.contentType,
      });
      return;
    }
    send(res, 405, undefined);
  }

  /** Resolves what the token in `x-amz-access-token` allows; a string is the 403 details. */
  function authorize(
    operation: ModelOperation,
    token: string,
    pathname: string,
  ): { sellerId: string; pii: PiiGrant } | string {
    if (!token) {
      return 'Access token is missing in the request header.';
    }
    if (token.startsWith('Atz.sprdt|')) {
      const rdt = rdts.get(token);
      if (!rdt) {
        return 'The access token you provided is revoked, malformed or invalid.';
      }
      if (rdt.expiresAt <= clock.now()) {
        return 'The access token you provided has expired.';
      }
      const resource = rdt.resources.find((r) => {
        if (r.method !== operation.method) {
          return false;
        }
        const pattern = new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`);
        return pattern.test(pathname);
      });
      if (!resource) {
        return 'The restricted data token does not grant access to this resource.';
      }
      const elements = new Set(resource.dataElements ?? []);
      const whole = /\/(address|buyerInfo|regulatedInfo)$/.test(operation.path);
      return {
        sellerId: rdt.sellerId,
        pii: {
          buyerInfo: whole || elements.has('buyerInfo'),
          shippingAddress: whole || elements.has('shippingAddress'),
        },
      };
    }
    const issued = tokens.get(token);
    if (!issued || issued.revoked) {
      return 'The access token you provided is revoked, malformed or invalid.';
    }
    if (issued.expiresAt <= clock.now()) {
      return 'The access token you provided has expired.';
    }
    const grantlessOp = /is grantless/i.test(
      String(
        (models.raw[operation.api].paths as Record<string, Record<string, { description?: string }>>)[
          operation.path
        ]?.[operation.method.toLowerCase()]?.description ?? '',
      ),
    );
    if (issued.grantless && !grantlessOp) {
      return 'The access token you provided is not valid for this operation: it needs seller authorization.';
    }
    return { sellerId: issued.sellerId, pii: { buyerInfo: false, shippingAddress: false } };
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = await readBody(req);
    const matched = models.match(req.method ?? 'GET', url.pathname);
    if (!matched) {
      count('unknown', 404);
      send(res, 404, errorBody('NotFound', `Resource ${url.pathname} is not found.`));
      return;
    }
    const { operation, params } = matched;
    const name = operation.name;
    const token = String(req.headers['x-amz-access-token'] ?? '');
    if (applyFault(name, res, req, token)) {
      return;
    }
    const ua = String(req.headers['user-agent'] ?? '');
    if (ua.length > 500) {
      count(name, 400);
      send(res, 400, errorBody('InvalidInput', 'The User-Agent header is longer than 500 characters.'));
      return;
    }
    const auth = authorize(operation, token, url.pathname);
    if (typeof auth === 'string') {
      count(name, 403);
      send(res, 403, UNAUTHORIZED(auth), { 'x-amzn-ErrorType': 'UnauthorizedException' });
      return;
    }
    const sandbox = options.sandbox === true || req.headers['x-amzn-api-sandbox'] !== undefined;
    const plan = sandbox ? { rate: 5, burst: 15 } : operation;
    if (options.rateLimits !== false && !buckets.take(`${auth.sellerId}:${name}`, plan.rate, plan.burst)) {
      count(name, 429);
      send(res, 429, QUOTA_EXCEEDED_BODY, { 'x-amzn-ErrorType': 'QuotaExceededException' });
      return;
    }
    const limitHeader = { 'x-amzn-RateLimit-Limit': String(plan.rate) };
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        count(name, 400);
        send(res, 400, errorBody('InvalidInput', 'The request body is not valid JSON.'), limitHeader);
        return;
      }
    }
    if (sandbox) {
      const hit = sandboxCases(operation).find((c) =>
        matchesCase(c, params, url.searchParams, body, operation),
      );
      if (!hit) {
        count(name, 400);
        send(
          res,
          400,
          errorBody('InvalidInput', 'No static sandbox case matches this request.'),
          limitHeader,
        );
        return;
      }
      count(name, hit.status);
      const hasBody = hit.response !== undefined && hit.status !== 204;
      send(
        res,
        hit.status,
        hasBody ? JSON.stringify(hit.response) : undefined,
        [200, 400, 404].includes(hit.status) ? limitHeader : {},
      );
      return;
    }
    const check = checkRequest(models, { method: req.method ?? 'GET', url: url.toString(), body });
    if (check.problems.length > 0) {
      count(name, 400);
      send(
        res,
        400,
        errorBody('InvalidInput', 'The input you have submitted is not valid.', check.problems.join('; ')),
        limitHeader,
      );
      return;
    }
    const accountNow = store.accounts.get(auth.sellerId) as Account;
    let result: HandlerResult;
    try {
      if (name === 'tokens.createRestrictedDataToken') {
        const request = body as { restrictedResources: IssuedRdt['resources'] };
        for (const r of request.restrictedResources) {
          if (
            !/^\/orders\/v0\/orders(\/|$)/.test(r.path) ||
            !['GET', 'PUT', 'POST', 'DELETE'].includes(r.method)
          ) {
            throw new ApiFailure(
              400,
              'InvalidInput',
              `Restricted resource ${r.method} ${r.path} is not valid.`,
            );
          }
        }
        if (!accountNow.piiRoles) {
          throw new ApiFailure(
            403,
            'Unauthorized',
            'Access to requested resource is denied.',
            'The application does not have the roles for these data elements.',
          );
        }
        const rdt = `Atz.sprdt|${randomBytes(24).toString('base64url')}`;
        rdts.set(rdt, {
          sellerId: auth.sellerId,
          expiresAt: clock.now() + 3_600_000,
          resources: request.restrictedResources,
        });
        result = { status: 200, body: { restrictedDataToken: rdt, expiresIn: 3600 } };
      } else {
        const handler = HANDLERS[name];
        if (!handler) {
          throw new ApiFailure(
            400,
            'InvalidInput',
            `${operation.operationId} is only available in the sandbox.`,
          );
        }
        result = handler({
          store,
          account: accountNow,
          query: url.searchParams,
          params,
          body,
          pii: auth.pii,
          baseUrl,
          feedTiming,
        });
      }
    } catch (error) {
      if (error instanceof ApiFailure) {
        count(name, error.status);
        send(
          res,
          error.status,
          errorBody(error.code, error.message, error.details),
          [400, 404].includes(error.status) ? limitHeader : {},
        );
        return;
      }
      throw error;
    }
    count(name, result.status);
    send(
      res,
      result.status,
      result.body === undefined ? undefined : JSON.stringify(result.body),
      limitHeader,
    );
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = (await readBody(req)).toString('utf8');
    const path = url.pathname.replace('/_stand-in', '');
    if (req.method === 'GET' && path === '/stats') {
      send(res, 200, JSON.stringify(stats));
    } else if (req.method === 'POST' && path === '/faults') {
      faults.inject(JSON.parse(raw) as Fault);
      send(res, 204, undefined);
    } else if (req.method === 'POST' && path === '/orders') {
      const created = seedOrders(store, {
        sellerId: account.sellerId,
        marketplaceId: account.marketplaceIds[0],
        ...(JSON.parse(raw || '{}') as OrdersScenario),
      });
      send(res, 200, JSON.stringify({ created: created.map((o) => o.amazonOrderId) }));
    } else if (req.method === 'GET' && path === '/order-changes') {
      send(res, 200, JSON.stringify(store.orderChanges));
    } else if (req.method === 'GET' && path === '/notifications') {
      send(res, 200, JSON.stringify(orderChangeNotifications(store)));
    } else if (req.method === 'GET' && path === '/account') {
      send(res, 200, JSON.stringify({ ...account, tokenUrl: `${baseUrl}/auth/o2/token`, endpoint: baseUrl }));
    } else {
      send(res, 404, errorBody('NotFound', 'Unknown stand-in control route.'));
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl || 'http://127.0.0.1');
    const route = async () => {
      if (url.pathname === '/auth/o2/token' && req.method === 'POST') {
        return lwa(req, res);
      }
      if (url.pathname.startsWith('/_documents/')) {
        return documents(req, res, decodeURIComponent(url.pathname.slice('/_documents/'.length)));
      }
      if (url.pathname.startsWith('/_stand-in/')) {
        return control(req, res, url);
      }
      return api(req, res, url);
    };
    route().catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, errorBody('InternalFailure', `Stand-in error: ${(error as Error).message}`));
      } else {
        res.destroy();
      }
    });
  });
  baseUrl = await listen(server, options);

  return {
    url: baseUrl,
    tokenUrl: `${baseUrl}/auth/o2/token`,
    store,
    clock,
    faults,
    models,
    account,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = {};
    },
    resetRateLimits: () => buckets.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) {
          res.destroy();
        }
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
