/**
 * The HTTP side of the stand-in: Commerce's REST routes (`/rest/<store>/V1/…` for PaaS, `/V1/…` with a `Store`
 * header for SaaS), authentication checked like Commerce, fault injection, and a read-only HTML order list.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { badRequest, CommerceFault, notFound } from './errors.js';
import { parseOAuthHeader, verifyOAuthSignature } from './oauth-verify.js';
import { applySearch, parseSearchCriteria } from './search.js';
import { CommerceStore, type InventoryMode, type ProductSeed, type Row } from './store.js';

export interface IntegrationCredentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

export interface StandInOptions {
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default `msi`. */
  readonly inventory?: InventoryMode;
  readonly products?: readonly ProductSeed[];
  /** The integration whose OAuth 1.0a signatures are accepted. Default: generated. */
  readonly integration?: IntegrationCredentials;
  /** Accept the integration access token as a Bearer token (Commerce 2.4.4+ opt-in). Default false. */
  readonly integrationAsBearer?: boolean;
  /** Admin users for `POST /V1/integration/admin/token`. Default `{ admin: 'admin123' }`. */
  readonly adminUsers?: Readonly<Record<string, string>>;
  /** IMS technical account accepted by `POST /ims/token/v3`. */
  readonly ims?: { readonly clientId: string; readonly clientSecret: string; readonly imsOrgId: string };
  readonly clock?: () => Date;
}

export type FaultKind =
  /** Answer this status with a Commerce error body, without doing the work. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Never answer (the client's timeout fires). The work is not done. */
  | { readonly kind: 'timeout' }
  /** Do the work, then drop the connection without an answer: "order created but the response lost". */
  | { readonly kind: 'drop-after-processing' }
  /** Do the work, then answer 500. */
  | { readonly kind: 'error-after-processing' };

export type Fault = FaultKind & {
  readonly method?: string;
  /** Matched against the path after the store prefix, e.g. /^\/V1\/orders$/. */
  readonly path?: RegExp;
  /** How many matching requests it applies to. Default 1. */
  readonly times?: number;
};

export interface RequestLogEntry {
  readonly method: string;
  /** Path after the store prefix, e.g. /V1/orders. */
  readonly path: string;
  readonly rawTarget: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  readonly status: number | 'dropped' | 'timeout';
  /** The JSON answered (absent for dropped and timed-out requests). */
  readonly response?: unknown;
}

export interface CommerceStandIn {
  /** Base URL to give the client, e.g. http://127.0.0.1:4711 */
  readonly url: string;
  /** The state, for assertions and seeding. */
  readonly store: CommerceStore;
  readonly integration: IntegrationCredentials;
  /** Every request received, in order. */
  readonly requests: RequestLogEntry[];
  /** Queue a fault for the next matching request(s). */
  injectFault(fault: Fault): void;
  /** Forget the faults that have not fired yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

const UNAUTHORIZED = "The consumer isn't authorized to access %resources.";

interface Route {
  method: string;
  pattern: RegExp;
  resource: string;
  handler: (match: RegExpExecArray, ctx: Context) => unknown;
}

interface Context {
  query: URLSearchParams;
  body: Row;
  store: CommerceStore;
}

function id(match: RegExpExecArray, index = 1): number {
  const value = Number(match[index]);
  if (!Number.isSafeInteger(value)) {
    throw notFound();
  }
  return value;
}

function segment(match: RegExpExecArray, index = 1): string {
  return decodeURIComponent(match[index] ?? '');
}

function requireObject(body: Row, key: string): Row {
  const value = body[key];
  if (!value || typeof value !== 'object') {
    throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: key });
  }
  return value as Row;
}

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/V1\/orders$/,
    resource: 'Magento_Sales::actions_view',
    handler: (_, c) => applySearch([...c.store.orders.values()], parseSearchCriteria(c.query)),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/orders$/,
    resource: 'Magento_Sales::create',
    handler: (_, c) => c.store.createOrder(requireObject(c.body, 'entity')),
  },
  {
    method: 'PUT',
    pattern: /^\/V1\/orders\/create$/,
    resource: 'Magento_Sales::create',
    handler: (_, c) => c.store.createOrder(requireObject(c.body, 'entity')),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/orders\/(\d+)$/,
    resource: 'Magento_Sales::actions_view',
    handler: (m, c) => c.store.getOrder(id(m)),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/orders\/(\d+)\/cancel$/,
    resource: 'Magento_Sales::cancel',
    handler: (m, c) => c.store.cancel(id(m)),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/orders\/(\d+)\/hold$/,
    resource: 'Magento_Sales::hold',
    handler: (m, c) => c.store.hold(id(m)),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/orders\/(\d+)\/unhold$/,
    resource: 'Magento_Sales::unhold',
    handler: (m, c) => c.store.unhold(id(m)),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/orders\/(\d+)\/comments$/,
    resource: 'Magento_Sales::comment',
    handler: (m, c) => c.store.addComment(id(m), requireObject(c.body, 'statusHistory')),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/orders\/(\d+)\/comments$/,
    resource: 'Magento_Sales::actions_view',
    handler: (m, c) => {
      const histories = c.store.getOrder(id(m)).status_histories;
      return { items: histories, search_criteria: { filter_groups: [] }, total_count: histories.length };
    },
  },
  {
    method: 'POST',
    pattern: /^\/V1\/order\/(\d+)\/invoice$/,
    resource: 'Magento_Sales::invoice',
    handler: (m, c) => c.store.invoice(id(m), c.body),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/order\/(\d+)\/ship$/,
    resource: 'Magento_Sales::ship',
    handler: (m, c) => c.store.ship(id(m), c.body),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/order\/(\d+)\/refund$/,
    resource: 'Magento_Sales::creditmemo',
    handler: (m, c) => c.store.refund(id(m), c.body),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/customers\/search$/,
    resource: 'Magento_Customer::customer',
    handler: (_, c) => applySearch([...c.store.customers.values()], parseSearchCriteria(c.query)),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/customers$/,
    resource: 'Magento_Customer::manage',
    handler: (_, c) => c.store.createCustomer(requireObject(c.body, 'customer')),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/invoices$/,
    resource: 'Magento_Sales::sales_invoice',
    handler: (_, c) => applySearch([...c.store.invoices.values()], parseSearchCriteria(c.query)),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/invoices\/(\d+)$/,
    resource: 'Magento_Sales::sales_invoice',
    handler: (m, c) => c.store.invoices.get(id(m)) ?? fail(),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/shipments$/,
    resource: 'Magento_Sales::shipment',
    handler: (_, c) => applySearch([...c.store.shipments.values()], parseSearchCriteria(c.query)),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/shipment\/(\d+)$/,
    resource: 'Magento_Sales::shipment',
    handler: (m, c) => c.store.shipments.get(id(m)) ?? fail(),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/shipment\/track$/,
    resource: 'Magento_Sales::ship',
    handler: (_, c) => c.store.addTrack(requireObject(c.body, 'entity')),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/creditmemos$/,
    resource: 'Magento_Sales::sales_creditmemo',
    handler: (_, c) => applySearch([...c.store.creditMemos.values()], parseSearchCriteria(c.query)),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/creditmemo\/(\d+)$/,
    resource: 'Magento_Sales::sales_creditmemo',
    handler: (m, c) => c.store.creditMemos.get(id(m)) ?? fail(),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/products\/([^/]+)$/,
    resource: 'Magento_Catalog::products',
    handler: (m, c) =>
      c.store.products.get(segment(m)) ??
      fail("The product that was requested doesn't exist. Verify the product and try again."),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/stockItems\/([^/]+)$/,
    resource: 'Magento_CatalogInventory::cataloginventory',
    handler: (m, c) =>
      c.store.stockItems.get(segment(m)) ??
      fail('The Product with the "%1" SKU doesn\'t exist.', [segment(m)]),
  },
  {
    method: 'PUT',
    pattern: /^\/V1\/products\/([^/]+)\/stockItems\/(\d+)$/,
    resource: 'Magento_CatalogInventory::cataloginventory',
    handler: (m, c) => c.store.saveStockItem(segment(m), id(m, 2), requireObject(c.body, 'stockItem')),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/inventory\/source-items$/,
    resource: 'Magento_InventoryApi::source',
    handler: (_, c) =>
      msiOnly(c, () => applySearch([...c.store.sourceItems.values()], parseSearchCriteria(c.query))),
  },
  {
    method: 'POST',
    pattern: /^\/V1\/inventory\/source-items$/,
    resource: 'Magento_InventoryApi::source_item_save',
    handler: (_, c) =>
      msiOnly(c, () => {
        const items = c.body.sourceItems;
        if (!Array.isArray(items)) {
          throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'sourceItems' });
        }
        c.store.saveSourceItems(items as Row[]);
        return undefined;
      }),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/inventory\/get-product-salable-quantity\/([^/]+)\/(\d+)$/,
    resource: 'Magento_InventoryApi::stock',
    handler: (m, c) =>
      msiOnly(c, () => {
        if (id(m, 2) !== 1) {
          throw notFound('Stock with id "%value" does not exist.', { value: id(m, 2) });
        }
        return c.store.salableQty(segment(m));
      }),
  },
  {
    method: 'GET',
    pattern: /^\/V1\/store\/websites$/,
    resource: 'Magento_Backend::store',
    handler: () => [
      { id: 0, code: 'admin', name: 'Admin', default_group_id: 0 },
      { id: 1, code: 'base', name: 'Main Website', default_group_id: 1 },
    ],
  },
  {
    method: 'GET',
    pattern: /^\/V1\/store\/storeGroups$/,
    resource: 'Magento_Backend::store',
    handler: () => [
      { id: 0, website_id: 0, root_category_id: 0, default_store_id: 0, name: 'Default', code: 'default' },
      {
        id: 1,
        website_id: 1,
        root_category_id: 2,
        default_store_id: 1,
        name: 'Main Website Store',
        code: 'main_website_store',
      },
    ],
  },
  {
    method: 'GET',
    pattern: /^\/V1\/store\/storeViews$/,
    resource: 'Magento_Backend::store',
    handler: () => [
      { id: 0, code: 'admin', name: 'Admin', website_id: 0, store_group_id: 0, is_active: 1 },
      { id: 1, code: 'default', name: 'Default Store View', website_id: 1, store_group_id: 1, is_active: 1 },
    ],
  },
];

function fail(message?: string, parameters?: CommerceFault['parameters']): never {
  throw notFound(message, parameters);
}

function msiOnly<T>(c: Context, run: () => T): T {
  if (c.store.inventory !== 'msi') {
    // Without the Inventory modules these routes do not exist.
    throw new CommerceFault(404, 'Request does not match any route.');
  }
  return run();
}

function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function ordersPage(store: CommerceStore): string {
  const rows = [...store.orders.values()]
    .sort((a, b) => b.entity_id - a.entity_id)
    .map(
      (order) =>
        `<tr><td>${escapeHtml(order.increment_id)}</td><td>${escapeHtml(order.ext_order_id)}</td><td>${escapeHtml(order.state)}</td><td>${escapeHtml(order.status)}</td><td>${escapeHtml(order.grand_total)} ${escapeHtml(order.order_currency_code)}</td><td>${escapeHtml(order.shipping_description)}</td><td>${escapeHtml(order.created_at)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Commerce stand-in: orders</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style></head>
<body><h1>Commerce stand-in: orders (${store.orders.size})</h1><p>Inventory: ${store.inventory === 'msi' ? 'MSI' : 'legacy stock'}</p>
<table><thead><tr><th>Order #</th><th>Amazon order</th><th>State</th><th>Status</th><th>Grand total</th><th>Shipping</th><th>Created</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on 127.0.0.1 (port 0 = any free port). */
export async function startCommerceStandIn(options: StandInOptions = {}): Promise<CommerceStandIn> {
  const store = new CommerceStore(options.inventory ?? 'msi', options.products ?? [], options.clock);
  const integration: IntegrationCredentials = options.integration ?? {
    consumerKey: randomBytes(16).toString('hex'),
    consumerSecret: randomBytes(16).toString('hex'),
    accessToken: randomBytes(16).toString('hex'),
    accessTokenSecret: randomBytes(16).toString('hex'),
  };
  const adminUsers = options.adminUsers ?? { admin: 'admin123' };
  const adminTokens = new Set<string>();
  const imsTokens = new Set<string>();
  const usedNonces = new Set<string>();
  const faults: { fault: Fault; left: number }[] = [];
  const requests: RequestLogEntry[] = [];
  const hanging = new Set<ServerResponse>();

  function authorized(request: IncomingMessage, rawTarget: string, origin: string): boolean {
    const header = request.headers.authorization;
    if (!header) {
      return false;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (bearer) {
      if (adminTokens.has(bearer)) {
        return true;
      }
      if (imsTokens.has(bearer)) {
        return (
          request.headers['x-api-key'] === options.ims?.clientId &&
          request.headers['x-gw-ims-org-id'] === options.ims?.imsOrgId
        );
      }
      return options.integrationAsBearer === true && bearer === integration.accessToken;
    }
    const params = parseOAuthHeader(header);
    if (!params) {
      return false;
    }
    if (
      params.oauth_consumer_key !== integration.consumerKey ||
      params.oauth_token !== integration.accessToken
    ) {
      return false;
    }
    const nonceKey = `${params.oauth_nonce}|${params.oauth_timestamp}`;
    if (!params.oauth_nonce || usedNonces.has(nonceKey)) {
      return false;
    }
    const ok = verifyOAuthSignature({
      method: request.method ?? 'GET',
      origin,
      rawTarget,
      header: params,
      consumerSecret: integration.consumerSecret,
      tokenSecret: integration.accessTokenSecret,
    });
    if (ok) {
      usedNonces.add(nonceKey);
    }
    return ok;
  }

  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex(
      ({ fault }) => (!fault.method || fault.method === method) && (!fault.path || fault.path.test(path)),
    );
    if (index === -1) {
      return undefined;
    }
    const entry = faults[index] as { fault: Fault; left: number };
    entry.left--;
    if (entry.left <= 0) {
      faults.splice(index, 1);
    }
    return entry.fault;
  }

  const server = createServer(async (request, response) => {
    const rawTarget = request.url ?? '/';
    const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
    const url = new URL(rawTarget, origin);
    const method = request.method ?? 'GET';
    const send = (
      status: number,
      body: unknown,
      log: Omit<RequestLogEntry, 'status'> | undefined,
      headers: Record<string, string> = {},
    ) => {
      if (log) {
        requests.push({ ...log, status, response: body });
      }
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const text = await readBody(request);
      if (method === 'GET' && (url.pathname === '/' || url.pathname === '/orders')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(ordersPage(store));
        return;
      }
      if (method === 'POST' && url.pathname === '/ims/token/v3') {
        const form = new URLSearchParams(text);
        if (
          !options.ims ||
          form.get('grant_type') !== 'client_credentials' ||
          form.get('client_id') !== options.ims.clientId ||
          form.get('client_secret') !== options.ims.clientSecret
        ) {
          send(400, { error: 'invalid_client', error_description: 'invalid client credentials' }, undefined);
          return;
        }
        const token = randomBytes(24).toString('hex');
        imsTokens.add(token);
        send(200, { access_token: token, token_type: 'bearer', expires_in: 86399 }, undefined);
        return;
      }
      const scoped = /^\/rest\/([^/]+)(\/V1\/.*)$/.exec(url.pathname);
      const path = scoped ? (scoped[2] ?? '') : url.pathname;
      let body: Row = {};
      if (text) {
        try {
          body = JSON.parse(text) as Row;
        } catch {
          throw badRequest('Decoding error: %1', ['Syntax error']);
        }
      }
      const log = {
        method,
        path,
        rawTarget,
        query: url.searchParams,
        headers: request.headers,
        body: text ? body : undefined,
      };
      if (!path.startsWith('/V1/')) {
        send(404, { message: 'Request does not match any route.' }, log);
        return;
      }
      if (method === 'POST' && path === '/V1/integration/admin/token') {
        const username = String(body.username ?? '');
        if (adminUsers[username] === undefined || adminUsers[username] !== body.password) {
          send(
            401,
            {
              message:
                'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.',
            },
            log,
          );
          return;
        }
        const token = randomBytes(16).toString('hex');
        adminTokens.add(token);
        send(200, token, log);
        return;
      }
      const route = ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(path));
      if (!route) {
        send(404, { message: 'Request does not match any route.' }, log);
        return;
      }
      if (!authorized(request, rawTarget, origin)) {
        send(401, { message: UNAUTHORIZED, parameters: { resources: route.resource } }, log);
        return;
      }
      const fault = takeFault(method, path);
      if (fault?.kind === 'status') {
        const headers: Record<string, string> =
          fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        const message =
          fault.status === 429
            ? 'Too many requests.'
            : 'Internal Error. Details are available in Magento log file. Report ID: webapi-stand-in';
        send(fault.status, { message }, log, headers);
        return;
      }
      if (fault?.kind === 'timeout') {
        requests.push({ ...log, status: 'timeout' });
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      }
      const match = route.pattern.exec(path) as RegExpExecArray;
      const result = route.handler(match, { query: url.searchParams, body, store });
      if (fault?.kind === 'drop-after-processing') {
        requests.push({ ...log, status: 'dropped' });
        request.socket.destroy();
        return;
      }
      if (fault?.kind === 'error-after-processing') {
        send(
          500,
          {
            message: 'Internal Error. Details are available in Magento log file. Report ID: webapi-stand-in',
          },
          log,
        );
        return;
      }
      send(200, result, log);
    } catch (error) {
      if (error instanceof CommerceFault) {
        send(error.status, error.body(), {
          method,
          path: url.pathname,
          rawTarget,
          query: url.searchParams,
          headers: request.headers,
          body: undefined,
        });
        return;
      }
      send(
        500,
        { message: 'Internal Error. Details are available in Magento log file. Report ID: webapi-stand-in' },
        undefined,
      );
      console.error(error);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    store,
    integration,
    requests,
    injectFault(fault: Fault) {
      faults.push({ fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    async close() {
      for (const response of hanging) {
        response.socket?.destroy();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
