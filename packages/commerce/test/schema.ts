/**
 * A small Swagger 2.0 request validator over the official Commerce REST schemas in ../schema, strict where
 * Commerce is strict: unknown body fields are errors (Commerce's input processor rejects properties that have
 * no setter), wrong scalar types are errors, required fields must be present. `null` is accepted for scalars,
 * as Commerce's input processor accepts it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface SchemaObject {
  type?: string;
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  enum?: unknown[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'body' | 'header';
  required?: boolean;
  type?: string;
  schema?: SchemaObject;
}

interface Operation {
  parameters?: Parameter[];
  responses?: Record<string, { schema?: SchemaObject }>;
}

export interface Swagger {
  basePath: string;
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, SchemaObject>;
}

const cache = new Map<string, Swagger>();

export function loadSchema(file: 'admin-schema-2.4.9.yaml' | 'accs-schema.yaml'): Swagger {
  let schema = cache.get(file);
  if (!schema) {
    const text = readFileSync(new URL(`../schema/${file}`, import.meta.url), 'utf8');
    schema = parse(text, { maxAliasCount: -1 }) as Swagger;
    cache.set(file, schema);
  }
  return schema;
}

export interface MatchedOperation {
  readonly template: string;
  readonly operation: Operation;
  readonly pathParams: Record<string, string>;
}

/** The schema operation for a request path (after the store prefix), preferring literal segments. */
export function findOperation(schema: Swagger, method: string, path: string): MatchedOperation | undefined {
  const candidates: MatchedOperation[] = [];
  for (const [template, operations] of Object.entries(schema.paths)) {
    const operation = operations[method.toLowerCase()];
    if (!operation) {
      continue;
    }
    const names: string[] = [];
    const pattern = template
      .replace(/\/$/, '')
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
    const match = new RegExp(`^${pattern}/?$`).exec(path);
    if (match) {
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(match[i + 1] ?? '');
      });
      candidates.push({ template, operation, pathParams });
    }
  }
  candidates.sort((a, b) => Object.keys(a.pathParams).length - Object.keys(b.pathParams).length);
  return candidates[0];
}

function resolve(schema: Swagger, object: SchemaObject): SchemaObject {
  if (object.$ref) {
    const name = object.$ref.replace('#/definitions/', '');
    const definition = schema.definitions[name];
    if (!definition) {
      throw new Error(`unresolved ${object.$ref}`);
    }
    return definition;
  }
  return object;
}

export function validateValue(schema: Swagger, object: SchemaObject, value: unknown, at: string): string[] {
  const definition = resolve(schema, object);
  const type = definition.type ?? (definition.properties ? 'object' : undefined);
  if (value === null) {
    return type === 'object' || type === 'array' ? [`${at}: null where ${type} is expected`] : [];
  }
  switch (type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: expected string, got ${JSON.stringify(value)}`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: expected integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? []
        : [`${at}: expected number, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected boolean, got ${JSON.stringify(value)}`];
    case 'array': {
      if (!Array.isArray(value)) {
        return [`${at}: expected array`];
      }
      const items = definition.items;
      return items ? value.flatMap((item, i) => validateValue(schema, items, item, `${at}[${i}]`)) : [];
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        return [`${at}: expected object`];
      }
      const record = value as Record<string, unknown>;
      const errors: string[] = [];
      for (const name of definition.required ?? []) {
        if (!(name in record)) {
          errors.push(`${at}: required property ${name} is missing`);
        }
      }
      const properties = definition.properties ?? {};
      for (const [name, child] of Object.entries(record)) {
        const property = properties[name];
        if (!property) {
          if (definition.additionalProperties && typeof definition.additionalProperties === 'object') {
            errors.push(...validateValue(schema, definition.additionalProperties, child, `${at}.${name}`));
          } else if (definition.additionalProperties !== true) {
            errors.push(`${at}: unknown property ${name}`);
          }
          continue;
        }
        errors.push(...validateValue(schema, property, child, `${at}.${name}`));
      }
      return errors;
    }
    default:
      return [];
  }
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** Problems of one request against the schema; empty when it is valid. */
export function validateRequest(
  schema: Swagger,
  request: RecordedRequest,
): { template?: string; errors: string[] } {
  const matched = findOperation(schema, request.method, request.path);
  if (!matched) {
    return { errors: [`${request.method} ${request.path}: no such operation in the schema`] };
  }
  const errors: string[] = [];
  const parameters = matched.operation.parameters ?? [];
  const queryNames = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const [key, value] of request.query) {
    // The schema lists array parameters with index 0 only.
    const normalized = key.replace(/\[\d+\]/g, '[0]');
    const parameter = parameters.find((p) => p.in === 'query' && p.name === normalized);
    if (!parameter || !queryNames.has(normalized)) {
      errors.push(`query parameter ${key} is not in the schema`);
      continue;
    }
    if (parameter.type === 'integer' && !/^-?\d+$/.test(value)) {
      errors.push(`query parameter ${key}: expected integer, got ${value}`);
    }
  }
  for (const parameter of parameters) {
    if (parameter.in === 'query' && parameter.required && !request.query.has(parameter.name)) {
      errors.push(`required query parameter ${parameter.name} is missing`);
    }
    if (
      parameter.in === 'path' &&
      parameter.type === 'integer' &&
      !/^\d+$/.test(matched.pathParams[parameter.name] ?? '')
    ) {
      errors.push(`path parameter ${parameter.name}: expected integer`);
    }
  }
  const bodyParameter = parameters.find((p) => p.in === 'body');
  if (bodyParameter?.schema) {
    if (request.body === undefined) {
      if (bodyParameter.schema.required?.length) {
        errors.push('the request body is missing');
      }
    } else {
      errors.push(...validateValue(schema, bodyParameter.schema, request.body, 'body'));
    }
  } else if (request.body !== undefined) {
    errors.push('the operation takes no body');
  }
  return { template: matched.template, errors };
}

/** Problems of a 200 answer against the operation's response schema (used to keep the stand-in honest). */
export function validateResponse(schema: Swagger, request: RecordedRequest, response: unknown): string[] {
  const matched = findOperation(schema, request.method, request.path);
  const responseSchema = matched?.operation.responses?.['200']?.schema;
  if (!matched || !responseSchema) {
    return response === undefined || response === null ? [] : ['no response schema for a response body'];
  }
  return validateValue(schema, responseSchema, response, 'response');
}
