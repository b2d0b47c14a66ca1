import { parseTOML, ParseError, type AST } from 'toml-eslint-parser';
import type { Span } from './source.js';

// A TOML document as a tree of values that remember where they were written. The validator walks this
// instead of plain objects so that every error, and every normalized value, can point at its source.

export type LValue = LScalar | LArray | LTable;

export type LScalar =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'integer'; value: number; span: Span }
  | { kind: 'float'; value: number; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'date-time'; value: string; span: Span };

export interface LArray {
  kind: 'array';
  items: LValue[];
  span: Span;
}

export interface LTable {
  kind: 'table';
  /** In source order: the validator reports unknown keys in the order they were written. */
  entries: Map<string, LEntry>;
  /** The `[header]`, the `{ inline table }`, or the dotted-key segment that created the table. */
  span: Span;
}

export interface LEntry {
  key: string;
  keySpan: Span;
  value: LValue;
}

export type TomlResult =
  { ok: true; root: LTable } | { ok: false; span: Span; message: string; hint?: string };

/** Parses TOML into a located tree. The parser stops at the first syntax error, so there is at most one. */
export function parseToml(text: string): TomlResult {
  let program: AST.TOMLProgram;
  try {
    // A BOM (some Windows editors write one) becomes a space, so offsets and columns stay as they are.
    program = parseTOML(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text, { tomlVersion: '1.0' });
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return syntaxError(text, e);
  }
  const top = program.body[0];
  const root: LTable = { kind: 'table', entries: new Map(), span: [0, 0] };
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') addKeyValue(root, item);
    else addTable(text, root, item);
  }
  return { ok: true, root };
}

function syntaxError(text: string, e: ParseError): TomlResult {
  const start = Math.min(e.index, text.length);
  const span: Span = [start, Math.min(start + 1, text.length)];
  const message = `invalid TOML: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}`;
  // The most common way to hit a duplicate key here is writing [module] twice for two modules.
  const line = text.slice(text.lastIndexOf('\n', start - 1) + 1).split('\n', 1)[0] ?? '';
  if (/multiple times/.test(e.message) && /^\s*\[\s*module\s*\]/.test(line)) {
    return { ok: false, span, message, hint: 'to declare several modules, write [[module]] for each one' };
  }
  return { ok: false, span, message };
}

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

function addTable(text: string, root: LTable, node: AST.TOMLTable): void {
  const keys = node.key.keys;
  // The header's span runs to its closing bracket(s), so errors about the table point at `[module.rust]`.
  const close = text.indexOf(']', node.key.range[1]) + (node.kind === 'array' ? 2 : 1);
  const header: Span = [node.range[0], Math.max(close, node.key.range[1])];
  let table = root;
  let segment = 0;
  for (const part of node.resolvedKey) {
    if (typeof part === 'number') continue; // descend() already steps into an array's last table
    const keyNode = keys[segment++];
    if (!keyNode) break;
    const isLast = segment === keys.length;
    const existing = table.entries.get(part);
    if (isLast && node.kind === 'array') {
      const item: LTable = { kind: 'table', entries: new Map(), span: header };
      if (existing?.value.kind === 'array') existing.value.items.push(item);
      else
        table.entries.set(part, {
          key: part,
          keySpan: keyNode.range,
          value: { kind: 'array', items: [item], span: header },
        });
      table = item;
    } else if (isLast) {
      // A [table] header may come after dotted keys or sub-table headers created it implicitly.
      if (existing?.value.kind === 'table') {
        existing.value.span = header;
        existing.keySpan = keyNode.range;
        table = existing.value;
      } else {
        const created: LTable = { kind: 'table', entries: new Map(), span: header };
        table.entries.set(part, { key: part, keySpan: keyNode.range, value: created });
        table = created;
      }
    } else {
      table = descend(table, part, keyNode.range);
    }
  }
  for (const kv of node.body) addKeyValue(table, kv);
}

/** Steps into `table[name]`, creating an implicit table; into an array of tables, steps into its last table. */
function descend(table: LTable, name: string, span: Span): LTable {
  const existing = table.entries.get(name)?.value;
  if (existing?.kind === 'table') return existing;
  if (existing?.kind === 'array') {
    const last = existing.items[existing.items.length - 1];
    if (last?.kind === 'table') return last;
  }
  // The parser has already rejected redefinitions, so anything else here is a new implicit table.
  const created: LTable = { kind: 'table', entries: new Map(), span };
  table.entries.set(name, { key: name, keySpan: span, value: created });
  return created;
}

function addKeyValue(table: LTable, kv: AST.TOMLKeyValue): void {
  const keys = kv.key.keys;
  let target = table;
  for (const k of keys.slice(0, -1)) target = descend(target, keyName(k), k.range);
  const last = keys[keys.length - 1];
  if (!last) return;
  target.entries.set(keyName(last), { key: keyName(last), keySpan: last.range, value: convert(kv.value) });
}

function convert(node: AST.TOMLContentNode): LValue {
  switch (node.type) {
    case 'TOMLArray':
      return { kind: 'array', items: node.elements.map(convert), span: node.range };
    case 'TOMLInlineTable': {
      const table: LTable = { kind: 'table', entries: new Map(), span: node.range };
      for (const kv of node.body) addKeyValue(table, kv);
      return table;
    }
    case 'TOMLValue':
      switch (node.kind) {
        case 'string':
          return { kind: 'string', value: node.value, span: node.range };
        case 'integer':
          return { kind: 'integer', value: node.value, span: node.range };
        case 'float':
          return { kind: 'float', value: node.value, span: node.range };
        case 'boolean':
          return { kind: 'boolean', value: node.value, span: node.range };
        default:
          return { kind: 'date-time', value: node.datetime, span: node.range };
      }
  }
}
