import { ErrorCollector, type SpecError } from './errors.js';
import { checkTextLimits, LIMITS } from './limits.js';
import { Locations, withLocator } from './locate.js';
import { applyRules } from './rules.js';
import { ROOT_FIELDS } from './schema.js';
import { LineIndex } from './source.js';
import { parseToml } from './toml.js';
import type { Spec, SpecData } from './types.js';
import { readTable, rootScope, type Context } from './validate.js';

export type ParseResult = { ok: true; spec: Spec } | { ok: false; errors: SpecError[] };

export interface ParseOptions {
  /** Shown in errors; default `wasm.toml`. */
  filename?: string;
}

/**
 * Parses and validates wasm.toml. On success every default is filled in; on failure every error found is
 * returned in source order (a TOML syntax error stops parsing, so it comes alone). No I/O: the caller reads
 * the file.
 */
export function parseWasmToml(text: string, options: ParseOptions = {}): ParseResult {
  const index = new LineIndex(text);
  const errors = new ErrorCollector(options.filename ?? 'wasm.toml', index);
  const limit = checkTextLimits(text);
  if (limit) {
    errors.add(limit.span, limit.message, { hint: limit.hint });
    return { ok: false, errors: errors.list() };
  }
  const toml = parseToml(text);
  if (!toml.ok) {
    errors.add(toml.span, toml.message, { hint: toml.hint });
    return { ok: false, errors: errors.list() };
  }
  const modules = toml.root.entries.get('module')?.value;
  if (modules?.kind === 'array' && modules.items.length > LIMITS.modules) {
    errors.add(
      modules.items[LIMITS.modules]!.span,
      `more than ${LIMITS.modules} [[module]] tables; one wasm.toml is limited to ${LIMITS.modules}`,
      { hint: 'split the modules over several files' },
    );
    return { ok: false, errors: errors.list() };
  }
  const declared = toml.root.entries.get('build-args')?.value;
  const ctx: Context = {
    errors,
    locations: new Locations(),
    index,
    text,
    buildArgs: declared?.kind === 'table' ? [...declared.entries.keys()] : [],
    misspelt: new Set(),
  };
  const data = readTable(ROOT_FIELDS, toml.root, [], ctx, rootScope(ROOT_FIELDS));
  applyRules(data, ctx);
  if (errors.size > 0) return { ok: false, errors: errors.list() };
  // Sound once there are no errors: every key was checked against the table the type derives from.
  return { ok: true, spec: withLocator(data as SpecData, ctx.locations.locator(index)) };
}
