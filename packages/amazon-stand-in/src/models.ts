/**
 * Amazon's official SP-API models, loaded from the repository (packages/amazon/models): the route table, the
 * documented usage plans, request validation, and the static sandbox cases all come from them.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

export const MODEL_FILES = {
  'orders-v0': 'ordersV0.json',
  'orders-2026-01-01': 'orders_2026-01-01.json',
  feeds: 'feeds_2021-06-30.json',
  tokens: 'tokens_2021-03-01.json',
  notifications: 'notifications.json',
} as const;

export type ApiName = keyof typeof MODEL_FILES;

/** packages/amazon/models, relative to this file in src/ or dist/. */
export const DEFAULT_MODELS_DIR = new URL('../../amazon/models/', import.meta.url);

export interface ModelParameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'body' | 'header';
  readonly required?: boolean;
  readonly type?: string;
  readonly items?: { type?: string; enum?: string[] };
  readonly enum?: string[];
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly schema?: Record<string, unknown>;
}

export interface SandboxCase {
  readonly status: number;
  readonly parameters: Record<string, { value: unknown }>;
  readonly response: unknown;
}

export interface ModelOperation {
  readonly api: ApiName;
  readonly operationId: string;
  /** `${api}.${operationId}` */
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly pathParams: readonly string[];
  readonly parameters: readonly ModelParameter[];
  readonly rate: number;
  readonly burst: number;
  readonly sandbox: readonly SandboxCase[];
  readonly responses: Record<string, { schema?: Record<string, unknown> }>;
  readonly validateBody?: ValidateFunction;
  /** Validators of the documented response bodies by status code. */
  readonly responseValidators: Record<string, ValidateFunction>;
}

export interface Models {
  readonly operations: readonly ModelOperation[];
  readonly byName: ReadonlyMap<string, ModelOperation>;
  readonly raw: Readonly<Record<ApiName, Record<string, unknown>>>;
  /** The operation serving this method and path, with its path parameters. */
  match(
    method: string,
    pathname: string,
  ): { operation: ModelOperation; params: Record<string, string> } | undefined;
}

const RATE =
  /\|\s*Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*\n\|[-\s|]+\|\s*\n\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|/;

/** Reads the documented default usage plan from an operation description. */
export function usagePlan(description: string): { rate: number; burst: number } | undefined {
  const match = RATE.exec(description);
  return match ? { rate: Number(match[1]), burst: Number(match[2]) } : undefined;
}

let cached: Models | undefined;

export function loadModels(dir: URL = DEFAULT_MODELS_DIR): Models {
  if (cached && dir === DEFAULT_MODELS_DIR) {
    return cached;
  }
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const raw = {} as Record<ApiName, Record<string, unknown>>;
  const operations: ModelOperation[] = [];
  for (const [api, file] of Object.entries(MODEL_FILES) as [ApiName, string][]) {
    const model = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as {
      definitions: Record<string, unknown>;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    raw[api] = model;
    const compile = (schema: Record<string, unknown>) =>
      ajv.compile({ ...schema, definitions: model.definitions });
    for (const [path, item] of Object.entries(model.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (typeof op !== 'object' || !op || !('operationId' in op)) {
          continue;
        }
        const operationId = String(op.operationId);
        const plan = usagePlan(String(op.description ?? ''));
        if (!plan) {
          throw new Error(`${file} ${operationId}: no usage plan in its description`);
        }
        const parameters = (op.parameters ?? []) as ModelParameter[];
        const pathParams: string[] = [];
        const pattern = new RegExp(
          `^${path.replace(/\{(\w+)\}/g, (_, name: string) => {
            pathParams.push(name);
            return '([^/]+)';
          })}$`,
        );
        const responses = (op.responses ?? {}) as Record<
          string,
          {
            schema?: Record<string, unknown>;
            'x-amzn-api-sandbox'?: {
              static?: { request: { parameters?: Record<string, { value: unknown }> }; response?: unknown }[];
            };
          }
        >;
        const sandbox: SandboxCase[] = [];
        const responseValidators: Record<string, ValidateFunction> = {};
        for (const [status, response] of Object.entries(responses)) {
          for (const c of response['x-amzn-api-sandbox']?.static ?? []) {
            sandbox.push({
              status: Number(status),
              parameters: c.request.parameters ?? {},
              response: c.response,
            });
          }
          if (response.schema) {
            responseValidators[status] = compile(response.schema);
          }
        }
        const bodyParam = parameters.find((p) => p.in === 'body');
        operations.push({
          api,
          operationId,
          name: `${api}.${operationId}`,
          method: method.toUpperCase(),
          path,
          pattern,
          pathParams,
          parameters,
          rate: plan.rate,
          burst: plan.burst,
          sandbox,
          responses,
          validateBody: bodyParam?.schema ? compile(bodyParam.schema) : undefined,
          responseValidators,
        });
      }
    }
  }
  const byName = new Map(operations.map((o) => [o.name, o]));
  // Literal segments win over parameters (…/orderItems/buyerInfo before …/{orderId}).
  const ordered = [...operations]
    .sort((a, b) => b.path.split('{').length - a.path.split('{').length)
    .reverse();
  const models: Models = {
    operations,
    byName,
    raw,
    match(method, pathname) {
      for (const operation of ordered) {
        if (operation.method !== method.toUpperCase()) {
          continue;
        }
        const m = operation.pattern.exec(pathname);
        if (m) {
          const params: Record<string, string> = {};
          operation.pathParams.forEach((name, i) => {
            params[name] = decodeURIComponent(m[i + 1] ?? '');
          });
          return { operation, params };
        }
      }
      return undefined;
    },
  };
  if (dir === DEFAULT_MODELS_DIR) {
    cached = models;
  }
  return models;
}

export interface RequestToCheck {
  readonly method: string;
  /** Full URL or path with query. */
  readonly url: string;
  /** Parsed JSON body, if any. */
  readonly body?: unknown;
}

export interface RequestCheck {
  readonly operation?: ModelOperation;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly problems: string[];
}

/**
 * Checks a request against the models: a documented method and path, required parameters present, no
 * undocumented query parameters, values of the documented type/enum/limits, and the body against its schema.
 */
export function checkRequest(models: Models, request: RequestToCheck): RequestCheck {
  const url = new URL(request.url, 'http://stand-in.invalid');
  const matched = models.match(request.method, url.pathname);
  const problems: string[] = [];
  if (!matched) {
    return {
      params: {},
      query: url.searchParams,
      problems: [`no operation for ${request.method} ${url.pathname}`],
    };
  }
  const { operation, params } = matched;
  const known = new Set(operation.parameters.map((p) => p.name));
  for (const name of url.searchParams.keys()) {
    if (!known.has(name)) {
      problems.push(`unknown query parameter ${name}`);
    }
  }
  for (const p of operation.parameters) {
    if (p.in === 'path') {
      if (!params[p.name]) {
        problems.push(`missing path parameter ${p.name}`);
      }
      continue;
    }
    if (p.in === 'body') {
      if (request.body === undefined) {
        if (p.required) {
          problems.push('missing request body');
        }
      } else if (operation.validateBody && !operation.validateBody(request.body)) {
        for (const e of operation.validateBody.errors ?? []) {
          problems.push(`body${e.instancePath} ${e.message ?? 'is invalid'}`);
        }
      }
      continue;
    }
    if (p.in !== 'query') {
      continue;
    }
    const value = url.searchParams.get(p.name);
    if (value === null) {
      if (p.required) {
        problems.push(`missing required query parameter ${p.name}`);
      }
      continue;
    }
    if (p.type === 'array') {
      const values = value.split(',');
      if (p.maxItems !== undefined && values.length > p.maxItems) {
        problems.push(`${p.name} has more than ${p.maxItems} values`);
      }
      if (p.minItems !== undefined && values.length < p.minItems) {
        problems.push(`${p.name} has fewer than ${p.minItems} values`);
      }
      const allowed = p.items?.enum;
      for (const v of values) {
        if (allowed && !allowed.includes(v)) {
          problems.push(`${p.name} value ${v} is not one of ${allowed.join(', ')}`);
        }
      }
    } else if (p.type === 'integer') {
      if (!/^-?\d+$/.test(value)) {
        problems.push(`${p.name} must be an integer`);
      } else {
        const n = Number(value);
        if (p.minimum !== undefined && n < p.minimum) {
          problems.push(`${p.name} must be ≥ ${p.minimum}`);
        }
        if (p.maximum !== undefined && n > p.maximum) {
          problems.push(`${p.name} must be ≤ ${p.maximum}`);
        }
      }
    } else if (p.type === 'boolean') {
      if (value !== 'true' && value !== 'false') {
        problems.push(`${p.name} must be true or false`);
      }
    } else if (p.enum && !p.enum.includes(value)) {
      problems.push(`${p.name} value ${value} is not one of ${p.enum.join(', ')}`);
    }
  }
  return { operation, params, query: url.searchParams, problems };
}
