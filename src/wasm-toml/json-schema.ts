import { FORMATS } from './formats.js';
import { FORMAT_VERSION, ROOT, type Fields, type Key, type StringItem, type EnumItem } from './schema.js';

// Renders the schema table as a JSON Schema (draft-07, using only what taplo / Even Better TOML and ajv
// both understand) for editors: completion, hover docs, and type/enum/unknown-key checks as you type.
// Checks between keys are not expressed here; the parser makes them.

type JsonSchema = Record<string, unknown>;

export function renderJsonSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const body = tableSchema(ROOT.fields, definitions);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'wasm.toml',
    description: `Build file of the wasm-build BuildKit frontend, format ${FORMAT_VERSION}. Generated from src/wasm-toml/schema.ts.`,
    ...body,
    definitions,
  };
}

/** The key's description as editors show it: with its default and whether it expands build args. */
export function describeKey(key: Key): string {
  const parts = [key.description];
  if ('computed' in key && key.computed) parts.push(`Default: ${key.computed}.`);
  if (interpolates(key)) parts.push('Expands `${NAME}` build args.');
  return parts.join(' ');
}

export function interpolates(key: Key): boolean {
  if (key.kind === 'string') return key.interpolate === true;
  if (key.kind === 'list') return key.item.kind === 'string' && key.item.interpolate === true;
  if (key.kind === 'map') return key.values.interpolate === true;
  return false;
}

function tableSchema(fields: Fields, definitions: Record<string, JsonSchema>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, key] of Object.entries(fields)) properties[name] = keySchema(name, key, definitions);
  const required = Object.entries(fields)
    .filter(([, key]) => key.kind === 'tables' && key.required)
    .map(([name]) => name);
  return {
    type: 'object',
    properties,
    additionalProperties: false,
    ...(required.length ? { required } : {}),
  };
}

function itemSchema(item: StringItem | EnumItem): JsonSchema {
  return item.kind === 'enum'
    ? { type: 'string', enum: [...item.values] }
    : { type: 'string', ...FORMATS[item.format].json };
}

function keySchema(name: string, key: Key, definitions: Record<string, JsonSchema>): JsonSchema {
  const description = describeKey(key);
  const withDefault = (s: JsonSchema): JsonSchema =>
    'default' in key && key.default !== undefined ? { ...s, default: key.default } : s;
  switch (key.kind) {
    case 'string':
    case 'enum':
      return withDefault({ description, ...itemSchema(key) });
    case 'boolean':
      return withDefault({ description, type: 'boolean' });
    case 'integer':
      return withDefault({ description, type: 'integer', minimum: key.minimum, maximum: key.maximum });
    case 'list':
      return withDefault({
        description,
        type: 'array',
        items: itemSchema(key.item),
        ...(key.minItems ? { minItems: key.minItems } : {}),
      });
    case 'map': {
      const values = itemSchema(key.values);
      const pattern = FORMATS[key.keys].json;
      // patternProperties rather than propertyNames: the latter is not in draft-04, which taplo targets.
      return 'pattern' in pattern
        ? {
            description,
            type: 'object',
            patternProperties: { [pattern.pattern]: values },
            additionalProperties: false,
          }
        : { description, type: 'object', additionalProperties: values };
    }
    case 'table':
      return { description, ...tableSchema(key.fields, definitions) };
    case 'tables': {
      if (definitions[name])
        throw new Error(`two arrays of tables named "${name}": give the definitions distinct names`);
      definitions[name] = { description, ...tableSchema(key.fields, definitions) };
      const ref = { $ref: `#/definitions/${name}` };
      const array = { type: 'array', items: ref, ...(key.required ? { minItems: 1 } : {}) };
      return key.single ? { description, anyOf: [ref, array] } : { description, ...array };
    }
  }
}
