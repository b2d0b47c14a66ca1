import { expandTemplate } from './interpolate.js';
import { withLocator } from './locate.js';
import { ROOT_FIELDS, type Fields, type Key } from './schema.js';
import type { Spec, SpecData } from './types.js';

/**
 * Substitutes build args into the values marked `interpolate`: the declared defaults from [build-args],
 * overridden by `buildArgs` (`--build-arg`). Names not declared are ignored, as Docker ignores unused
 * build args; references to undeclared names were already rejected by the parser. Apply it once, to a
 * spec from `parseWasmToml` (it also turns `$$` into `$`).
 */
export function applyBuildArgs(spec: Spec, buildArgs: Readonly<Record<string, string>>): Spec {
  const values: Record<string, string> = { ...spec['build-args'] };
  for (const name of Object.keys(values)) {
    const given = buildArgs[name];
    if (given !== undefined && Object.hasOwn(buildArgs, name)) values[name] = given;
  }
  const copy: Record<string, unknown> = structuredClone<SpecData>(spec);
  const out = expandFields(ROOT_FIELDS, copy, values) as SpecData;
  out['build-args'] = values;
  return withLocator(out, spec.locate);
}

function expandFields(
  fields: Fields,
  obj: Record<string, unknown>,
  values: Record<string, string>,
): Record<string, unknown> {
  for (const [name, key] of Object.entries(fields)) {
    if (obj[name] !== undefined) obj[name] = expand(key, obj[name], values);
  }
  return obj;
}

function expand(key: Key, value: unknown, values: Record<string, string>): unknown {
  const text = (v: unknown): unknown => (typeof v === 'string' ? expandTemplate(v, values) : v);
  switch (key.kind) {
    case 'string':
      return key.interpolate ? text(value) : value;
    case 'list':
      return key.item.kind === 'string' && key.item.interpolate && Array.isArray(value)
        ? value.map(text)
        : value;
    case 'map':
      return key.values.interpolate
        ? Object.fromEntries(Object.entries(value as Record<string, string>).map(([k, v]) => [k, text(v)]))
        : value;
    case 'table':
      return expandFields(key.fields, value as Record<string, unknown>, values);
    case 'tables':
      return (value as Record<string, unknown>[]).map((item) => expandFields(key.fields, item, values));
    default:
      return value;
  }
}
