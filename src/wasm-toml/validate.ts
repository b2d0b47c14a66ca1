import type { ErrorCollector } from './errors.js';
import { FORMATS, type Format } from './formats.js';
import { scanTemplate } from './interpolate.js';
import type { Locations } from './locate.js';
import type { EnumItem, Fields, Key, StringItem } from './schema.js';
import type { LineIndex, Span, SpecPath } from './source.js';
import { closest, quotedList } from './suggest.js';
import type { LScalar, LTable, LValue } from './toml.js';

// The generic half of validation: walks the located TOML tree against the schema table, reporting type,
// format, enum and unknown-key errors, and builds the normalized object with static defaults filled in.
// Checks between keys and computed defaults are rules.ts's job.

export type Path = SpecPath;
export type Obj = Record<string, unknown>;

export interface Context {
  readonly errors: ErrorCollector;
  readonly locations: Locations;
  readonly index: LineIndex;
  readonly text: string;
  /** The names declared in [build-args], which `${NAME}` may refer to. */
  readonly buildArgs: readonly string[];
  /** Paths of keys that an unknown key probably misspells, so rules do not also report them missing. */
  readonly misspelt: Set<string>;
}

/** Where a table sits in the schema, for messages and for "belongs in [module.rust]" hints. */
export interface Scope {
  readonly dotted: string;
  readonly display: string;
  readonly fields: Fields;
  readonly parent?: Scope;
}

export const rootScope = (fields: Fields): Scope => ({ dotted: '', display: 'the top level', fields });

const join = (a: string, b: string): string => (a ? `${a}.${b}` : b);

const KIND_NAMES: Record<LValue['kind'], string> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a float',
  boolean: 'a boolean',
  'date-time': 'a date-time',
  array: 'an array',
  table: 'a table',
};

/** The normalized value of a key that was not written; computed defaults are left to the rules. */
export function defaultValue(key: Key): unknown {
  switch (key.kind) {
    case 'list':
      return key.default ? [...key.default] : undefined;
    case 'map':
      return {};
    case 'table':
      return key.optional || key.language ? undefined : defaultsOf(key.fields);
    case 'tables':
      return [];
    default:
      return key.default;
  }
}

export function defaultsOf(fields: Fields): Obj {
  const out: Obj = {};
  for (const [name, key] of Object.entries(fields)) {
    const value = defaultValue(key);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function readTable(fields: Fields, table: LTable, path: Path, ctx: Context, scope: Scope): Obj {
  ctx.locations.set(path, table.span);
  for (const entry of table.entries.values()) {
    if (!Object.hasOwn(fields, entry.key)) {
      const where = scope.dotted ? `in ${scope.display}` : 'at the top level';
      ctx.errors.add(entry.keySpan, `unknown key "${entry.key}" ${where}`, {
        path: [...path, entry.key],
        hint: unknownKeyHint(entry.key, scope),
      });
      const meant = closest(entry.key, Object.keys(fields));
      if (meant) ctx.misspelt.add(JSON.stringify([...path, meant]));
    }
  }
  const out: Obj = {};
  for (const [name, key] of Object.entries(fields)) {
    const entry = table.entries.get(name);
    let value: unknown;
    if (entry) {
      ctx.locations.set([...path, name], entry.value.span);
      value = readValue(key, name, entry.value, [...path, name], ctx, scope);
    } else if (key.kind === 'tables' && key.required && !ctx.misspelt.has(JSON.stringify([...path, name]))) {
      const child = join(scope.dotted, name);
      ctx.errors.add(table.span, `missing [${child}]`, {
        path: [...path, name],
        hint: key.single ? `add [${child}] (or [[${child}]] for each of several)` : `add [[${child}]]`,
      });
    } else {
      value = defaultValue(key);
    }
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function unknownKeyHint(name: string, scope: Scope): string {
  const own = Object.keys(scope.fields);
  // Keys of the tables nested here ([module] -> [module.rust]) and beside here ([module.go] -> [module.rust]).
  const nearby: { table: string; keys: string[]; sibling: boolean }[] = [];
  for (const [sub, key] of Object.entries(scope.fields)) {
    if (key.kind === 'table' || key.kind === 'tables') {
      nearby.push({ table: join(scope.dotted, sub), keys: Object.keys(key.fields), sibling: false });
    }
  }
  for (const [sub, key] of Object.entries(scope.parent?.fields ?? {})) {
    if ((key.kind === 'table' || key.kind === 'tables') && key.fields !== scope.fields) {
      nearby.push({
        table: join(scope.parent?.dotted ?? '', sub),
        keys: Object.keys(key.fields),
        sibling: true,
      });
    }
  }
  const exact = nearby.find((n) => n.keys.includes(name));
  if (exact && !exact.sibling) return `"${name}" belongs in [${exact.table}]`;
  // A key of the enclosing table written after a sub-table header lands in the sub-table.
  if (scope.parent && Object.hasOwn(scope.parent.fields, name)) {
    return `"${name}" is a key of ${scope.parent.display}: write it before ${scope.display}`;
  }
  if (exact) {
    return `"${name}" is an option of [${exact.table}], not of ${scope.display}`;
  }
  const mine = closest(name, own);
  if (mine) return `did you mean "${mine}"?`;
  for (const n of nearby) {
    const there = closest(name, n.keys);
    if (there) return `did you mean "${there}" in [${n.table}]?`;
  }
  return `allowed keys: ${own.join(', ')}`;
}

/** The key a value belongs to: its name in messages (`features[1]`) and its path in the spec. */
interface Site {
  readonly label: string;
  readonly path: Path;
}

const item = (site: Site, index: number | string): Site => ({
  label: typeof index === 'number' ? `${site.label}[${index}]` : `${site.label}.${index}`,
  path: [...site.path, index],
});

function report(ctx: Context, span: Span, site: Site, message: string, hint?: string): undefined {
  ctx.errors.add(span, message, { path: site.path, hint });
  return undefined;
}

function typeError(ctx: Context, site: Site, expected: string, value: LValue, hint?: string): undefined {
  return report(
    ctx,
    value.span,
    site,
    `${site.label} must be ${expected}, not ${KIND_NAMES[value.kind]}`,
    hint,
  );
}

function readValue(key: Key, label: string, value: LValue, path: Path, ctx: Context, scope: Scope): unknown {
  const site: Site = { label, path };
  switch (key.kind) {
    case 'string':
      return readString(key, site, value, ctx);
    case 'enum':
      return readEnum(key, site, value, ctx);
    case 'boolean':
      if (value.kind === 'boolean') return value.value;
      return typeError(ctx, site, 'a boolean (true or false)', value);
    case 'integer':
      if (value.kind !== 'integer') return typeError(ctx, site, 'an integer', value);
      if (value.value < key.minimum || value.value > key.maximum) {
        const range = `between ${key.minimum} and ${key.maximum}`;
        return report(ctx, value.span, site, `${label} must be ${range}, not ${value.value}`);
      }
      return value.value;
    case 'list':
      return readList(key.item, key.minItems ?? 0, site, value, ctx);
    case 'map':
      return readMap(key.keys, key.values, site, value, ctx);
    case 'table': {
      if (value.kind !== 'table') return typeError(ctx, site, 'a table', value);
      const dotted = join(scope.dotted, label);
      return readTable(key.fields, value, path, ctx, {
        dotted,
        display: `[${dotted}]`,
        fields: key.fields,
        parent: scope,
      });
    }
    case 'tables': {
      const dotted = join(scope.dotted, label);
      const child: Scope = {
        dotted,
        display: key.single ? `[${dotted}]` : `[[${dotted}]]`,
        fields: key.fields,
        parent: scope,
      };
      if (value.kind === 'table' && key.single) {
        ctx.locations.set([...path, 0], value.span);
        return [readTable(key.fields, value, [...path, 0], ctx, child)];
      }
      if (value.kind !== 'array') {
        const hint = value.kind === 'table' ? `write [[${dotted}]], once per table` : undefined;
        return typeError(ctx, site, 'an array of tables', value, hint);
      }
      if (key.required && value.items.length === 0) {
        return report(ctx, value.span, site, `${label} must hold at least one table`);
      }
      return value.items.map((element, i) => {
        ctx.locations.set([...path, i], element.span);
        if (element.kind === 'table') return readTable(key.fields, element, [...path, i], ctx, child);
        return typeError(ctx, item(site, i), 'a table', element);
      });
    }
  }
}

function readString(spec: StringItem, site: Site, value: LValue, ctx: Context): string | undefined {
  if (value.kind !== 'string') return typeError(ctx, site, 'a string', value);
  const format: Format = FORMATS[spec.format];
  // No argument, environment variable or path can carry a NUL; say so here rather than at exec time.
  const problem =
    value.value.includes('\0') && !('carriesNul' in format)
      ? 'contains a NUL character (\\u0000): arguments, environment values and paths cannot carry one ' +
        '(stdin and expected output can; a binary file can be given as stdin-file or expect.stdout-file)'
      : format.check(value.value);
  if (problem)
    return report(ctx, value.span, site, `${site.label} ${JSON.stringify(value.value)} ${problem}`);
  if (spec.interpolate) checkTemplate(site, value, ctx);
  return format.normalize ? format.normalize(value.value) : value.value;
}

function readEnum(spec: EnumItem, site: Site, value: LValue, ctx: Context): string | undefined {
  const allowed = quotedList(spec.values);
  if (value.kind !== 'string') return typeError(ctx, site, `one of ${allowed}`, value);
  if (spec.values.includes(value.value)) return value.value;
  const alias = spec.aliases?.[value.value];
  const near = closest(value.value, spec.values);
  const hint = alias
    ? `"${value.value}" is spelled "${alias}" here`
    : near
      ? `did you mean "${near}"?`
      : undefined;
  return report(ctx, value.span, site, `${site.label} must be one of ${allowed}, not "${value.value}"`, hint);
}

function readList(
  spec: StringItem | EnumItem,
  minItems: number,
  site: Site,
  value: LValue,
  ctx: Context,
): string[] | undefined {
  if (value.kind !== 'array') {
    // A string where a list is expected is nearly always a command line or a single flag.
    const words = value.kind === 'string' ? value.value.split(/\s+/).filter((w) => w !== '') : [];
    const hint =
      value.kind === 'string'
        ? `write an array: [${words.map((w) => JSON.stringify(w)).join(', ')}]`
        : undefined;
    return typeError(ctx, site, 'an array of strings', value, hint);
  }
  if (value.items.length < minItems) return report(ctx, value.span, site, `${site.label} must not be empty`);
  const out: string[] = [];
  value.items.forEach((element, i) => {
    ctx.locations.set([...site.path, i], element.span);
    const v =
      spec.kind === 'enum'
        ? readEnum(spec, item(site, i), element, ctx)
        : readString(spec, item(site, i), element, ctx);
    if (v !== undefined) out.push(v);
  });
  return out.length === value.items.length ? out : undefined;
}

function readMap(
  keys: keyof typeof FORMATS,
  values: StringItem,
  site: Site,
  value: LValue,
  ctx: Context,
): Record<string, string> | undefined {
  if (value.kind !== 'table') return typeError(ctx, site, 'a table of strings', value);
  const out: Record<string, string> = {};
  let ok = true;
  for (const entry of value.entries.values()) {
    const entrySite = item(site, entry.key);
    ctx.locations.set(entrySite.path, entry.value.span);
    const problem = FORMATS[keys].check(entry.key);
    const v = problem
      ? report(ctx, entry.keySpan, entrySite, `${site.label} key ${JSON.stringify(entry.key)} ${problem}`)
      : readString(values, entrySite, entry.value, ctx);
    if (v === undefined) ok = false;
    else out[entry.key] = v;
  }
  return ok ? out : undefined;
}

function checkTemplate(site: Site, value: Extract<LScalar, { kind: 'string' }>, ctx: Context): void {
  const { refs, problems } = scanTemplate(value.value);
  for (const p of problems) {
    const span = subSpan(value, p.start, p.end, ctx.text);
    report(
      ctx,
      span,
      site,
      `${site.label}: ${p.message}`,
      'write ${NAME} to use a build arg, or $$ for a literal $',
    );
  }
  for (const ref of refs) {
    if (ctx.buildArgs.includes(ref.name)) continue;
    const near = closest(ref.name, ctx.buildArgs);
    const hint = near
      ? `did you mean "${near}"?`
      : `declare it with a default: [build-args] ${ref.name} = "..."`;
    const span = subSpan(value, ref.start, ref.end, ctx.text);
    report(ctx, span, site, `${site.label} uses undeclared build arg "${ref.name}"`, hint);
  }
}

/**
 * The span of `value.value.slice(start, end)` in the file. Escapes make string and source offsets differ,
 * so look the text up in the source (the same occurrence); fall back to the whole string.
 */
function subSpan(value: { value: string; span: Span }, start: number, end: number, text: string): Span {
  const needle = value.value.slice(start, end);
  let occurrence = value.value.slice(0, start).split(needle).length - 1;
  const raw = text.slice(value.span[0], value.span[1]);
  let at = raw.indexOf(needle);
  while (at !== -1 && occurrence > 0) {
    at = raw.indexOf(needle, at + needle.length);
    occurrence--;
  }
  return at === -1 ? value.span : [value.span[0] + at, value.span[0] + at + needle.length];
}
