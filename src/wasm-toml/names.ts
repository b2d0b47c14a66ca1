import { FORMATS } from './formats.js';
import type { SpecPath } from './source.js';
import type { Context, Obj, Path } from './validate.js';

const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const lastSegment = (p: string): string =>
  p
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .pop() ?? '';

/**
 * Names a module that has no `name` after the first written key that usually carries one, and records
 * that key as where the name came from. Reports an error when there is none, or it is not a file stem.
 */
export function deriveName(m: Obj, path: Path, ctx: Context): void {
  const rust = asObj(m.rust);
  const candidates: [SpecPath, string | undefined][] = [
    [['output'], asString(m.output)?.replace(/\.wasm$/, '')],
    [['rust', 'bin'], asString(rust?.bin)],
    [['rust', 'package'], asString(rust?.package)],
    [['go', 'package'], asString(asObj(m.go)?.package)],
    [['tinygo', 'package'], asString(asObj(m.tinygo)?.package)],
    [['source'], asString(m.source)],
  ];
  for (const [rel, raw] of candidates) {
    const from = [...path, ...rel];
    if (raw === undefined || !ctx.locations.has(from)) continue;
    // Cargo names are names already; paths and Go packages are named by their last segment.
    const name = rel[0] === 'rust' ? raw : lastSegment(raw);
    if (name === '') continue;
    const problem = FORMATS['file-stem'].check(name);
    if (problem) {
      ctx.errors.add(
        ctx.locations.find(from),
        `cannot name the module after ${rel.join('.')}: "${name}" ${problem}`,
        {
          path: [...path, 'name'],
          hint: 'add name = "..." to [module]',
        },
      );
    } else {
      m.name = name;
      ctx.locations.set([...path, 'name'], ctx.locations.find(from));
    }
    return;
  }
  ctx.errors.add(ctx.locations.find(path), '[module] needs a "name"', {
    path: [...path, 'name'],
    hint:
      'add name = "..." (the image holds <name>.wasm); it can be left out when "output", rust.bin, ' +
      'rust.package, go.package or "source" is set',
  });
}

/** Reports every item whose `name` an earlier item already has, pointing back at the first. */
export function requireUniqueNames(
  items: (Obj | undefined)[],
  pathOf: (i: number) => Path,
  what: string,
  ctx: Context,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const name = asString(item?.name);
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, i);
      return;
    }
    const firstLine = ctx.index.position(ctx.locations.find([...pathOf(first), 'name'])[0]).line;
    ctx.errors.add(
      ctx.locations.find([...pathOf(i), 'name']),
      `${what} "${name}" is already used on line ${firstLine}`,
      {
        path: [...pathOf(i), 'name'],
        hint: `each ${what} must be unique`,
      },
    );
  });
}
