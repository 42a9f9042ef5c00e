/**
 * A small Swagger 2.0 / JSON Schema → TypeScript generator for the SP-API models this package uses.
 * It covers exactly the schema keywords the models use ($ref, object/properties/required,
 * additionalProperties, array/items, enum, allOf, scalar types); anything else becomes `unknown`.
 */
import { readFileSync } from 'node:fs';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  description?: string;
  title?: string;
};

export const MODEL_FILES = {
  'orders-v0.ts': 'ordersV0.json',
  'orders-2026-01-01.ts': 'orders_2026-01-01.json',
  'feeds-2021-06-30.ts': 'feeds_2021-06-30.json',
  'tokens-2021-03-01.ts': 'tokens_2021-03-01.json',
  'notifications-v1.ts': 'notifications.json',
} as const;

const modelsDir = new URL('../models/', import.meta.url);

export function readModel(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, modelsDir), 'utf8')) as Record<string, unknown>;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

function doc(text: string | undefined, indent: string): string {
  if (!text) {
    return '';
  }
  const first = text.split('\n')[0]?.trim().replace(/\*\//g, '*\\/') ?? '';
  return first ? `${indent}/** ${first} */\n` : '';
}

function typeOf(schema: Schema, indent: string): string {
  if (schema.$ref) {
    return schema.$ref.replace('#/definitions/', '');
  }
  if (schema.allOf) {
    return schema.allOf.map((part) => typeOf(part, indent)).join(' & ');
  }
  if (Array.isArray(schema.type)) {
    return schema.type
      .map((type) => (type === 'null' ? 'null' : typeOf({ ...schema, type }, indent)))
      .join(' | ');
  }
  if (schema.enum) {
    return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  }
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `Array<${schema.items ? typeOf(schema.items, indent) : 'unknown'}>`;
    case 'object':
    case undefined:
      if (schema.properties) {
        return objectType(schema, indent);
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return `Record<string, ${typeOf(schema.additionalProperties, indent)}>`;
      }
      return schema.type === 'object' ? 'Record<string, unknown>' : 'unknown';
    default:
      return 'unknown';
  }
}

function objectType(schema: Schema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, prop]) =>
      `${doc(prop.description, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(prop, inner)};\n`,
  );
  return `{\n${lines.join('')}${indent}}`;
}

function header(source: string): string {
  return `// Generated from models/${source} by scripts/generate-types.ts. Do not edit by hand.\n/* eslint-disable */\n\n`;
}

export function generateSwagger(source: string): string {
  const model = readModel(source) as { definitions: Record<string, Schema> };
  let out = header(source);
  for (const name of Object.keys(model.definitions).sort()) {
    const schema = model.definitions[name] as Schema;
    out += doc(schema.description, '');
    if (schema.type === 'object' || (schema.properties && !schema.type)) {
      out += `export interface ${name} ${objectType(schema, '')}\n\n`;
    } else {
      out += `export type ${name} = ${typeOf(schema, '')};\n\n`;
    }
  }
  return `${out.trimEnd()}\n`;
}

export function generateOrderChange(): string {
  const schema = readModel('OrderChangeNotification.json') as Schema;
  let out = header('OrderChangeNotification.json');
  out += doc(schema.description ?? schema.title, '');
  out += `export interface OrderChangeNotification ${objectType(schema, '')}\n\n`;
  const { $schema: _drop, examples: _examples, ...rest } = schema as Record<string, unknown>;
  out += `/** The official JSON Schema (draft-07) of the ORDER_CHANGE notification, without its examples. */\n`;
  out += `export const orderChangeNotificationSchema = ${JSON.stringify(rest, null, 2)} as const;\n`;
  return out;
}

export function generateAll(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, source] of Object.entries(MODEL_FILES)) {
    files[file] = generateSwagger(source);
  }
  files['order-change-notification.ts'] = generateOrderChange();
  return files;
}
