import { createLogger, type Runtime, runtimeFor } from '@saleschannel/core';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startApi } from '../src/server.js';

let database: TestDatabase;
let runtime: Runtime;

beforeEach(async () => {
  database = await createTestDatabase();
  runtime = runtimeFor(database, createLogger({ LOG_LEVEL: 'silent' }));
});
afterEach(async () => {
  await database.destroy().catch(() => {});
});

describe('GET /health', () => {
  it('reports the database and that it is reachable', async () => {
    const response = await createApp(runtime).request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { driver: database.driver, location: database.location, reachable: true },
    });
  });

  it('answers 503 when the database is down', async () => {
    await database.destroy();
    const response = await createApp(runtime).request('/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', database: { reachable: false } });
  });

  it('serves over HTTP on loopback', async () => {
    const api = await startApi(runtime, { host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${api.url}/health`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBeTruthy();
    } finally {
      await api.close();
    }
  });
});

describe('GET /metrics', () => {
  it('serves the Prometheus metrics of the process', async () => {
    runtime.metrics.ordersImported.inc({ account: 'acc_x' }, 3);
    const response = await createApp(runtime).request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('saleschannel_orders_imported_total{account="acc_x"} 3');
    expect(text).toContain('# TYPE saleschannel_amazon_throttles_total counter');
  });
});

describe('errors', () => {
  it('an unknown route gets the error envelope with the request id', async () => {
    const response = await createApp(runtime).request('/v1/nothing', {
      headers: { 'x-request-id': 'req-1' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /v1/nothing', requestId: 'req-1' },
    });
  });
});
