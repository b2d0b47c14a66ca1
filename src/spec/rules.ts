import { FORMATS } from './formats.js';
import { LANGUAGES, MODULE_FIELDS, type Language } from './schema.js';
import type { SpecPath } from './source.js';
import { closest, quotedList } from './suggest.js';
import { hasTagOrDigest } from './toolchain.js';
import { defaultsOf, type Context, type Obj, type Path } from './validate.js';

// Checks between keys and the defaults that depend on other keys. They run on the normalized object the
// generic walk produced, where a key that was written but invalid is missing: so "was it written" is
// asked of the locations (recorded for every written key), never inferred from the value.

/** Languages whose toolchains can build a WASI 0.2 component (`target = "wasip2"`). */
export const COMPONENT_LANGUAGES: readonly Language[] = ['c', 'cpp', 'rust', 'tinygo'];

/** Runtimes that run components; the others run only wasip1 core modules. */
export const COMPONENT_RUNTIMES: readonly string[] = ['wasmtime'];

const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asObjs = (v: unknown): (Obj | undefined)[] => (Array.isArray(v) ? v.map(asObj) : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function applyRules(spec: Obj, ctx: Context): void {
  const modules = asObjs(spec.module);
  modules.forEach((m, i) => {
    if (m) moduleRules(m, ['module', i], asObj(spec.toolchains), ctx);
  });
  toolchainConflict(['toolchains'], asObj(spec.toolchains), ctx);
  unique(modules, (i) => ['module', i], 'module name', ctx);
  imageRules(spec, modules, ctx);
}

function moduleRules(m: Obj, path: Path, toolchains: Obj | undefined, ctx: Context): void {
  const at = (...rest: (string | number)[]): SpecPath => [...path, ...rest];
  const given = (...rest: (string | number)[]): boolean => ctx.locations.has(at(...rest));
  // For "missing" errors: a misspelt key was already reported as unknown, with the right spelling.
  const attempted = (key: string): boolean => given(key) || ctx.misspelt.has(JSON.stringify(at(key)));
  const span = (...rest: (string | number)[]) => ctx.locations.find(at(...rest));
  const language = asString(m.language) as Language | undefined;
  const hasBuild = given('build');

  if (!attempted('language') && !attempted('build')) {
    ctx.errors.add(span(), '[module] needs a "language" or a custom "build"', {
      path: at('language'),
      hint: `add language = one of ${quotedList(LANGUAGES)}`,
    });
  }
  if (hasBuild && !attempted('output')) {
    ctx.errors.add(
      span('build'),
      'a custom "build" needs "output": the path of the module it writes, relative to "source"',
      {
        path: at('output'),
      },
    );
  }
  if (given('output') && !hasBuild) {
    ctx.errors.add(span('output'), '"output" is only used with a custom "build"', {
      path: at('output'),
      hint: "remove it: the language's build decides where the module goes",
    });
  }

  languageTables(m, path, language, hasBuild, ctx);

  const target = asString(m.target);
  if (target === 'wasip2' && language && !hasBuild && !COMPONENT_LANGUAGES.includes(language)) {
    ctx.errors.add(span('target'), `language "${language}" cannot build a component (target "wasip2")`, {
      path: at('target'),
      hint: `components are built from ${quotedList(COMPONENT_LANGUAGES)}; use target = "wasip1"`,
    });
  }

  const optimize = asObj(m.optimize);
  if (optimize) {
    const profile = asString(m.profile);
    if (!given('optimize', 'wasm-opt')) {
      optimize['wasm-opt'] = target === 'wasip2' || profile === 'debug' ? 'none' : 'Os';
    } else if (target === 'wasip2' && optimize['wasm-opt'] !== undefined && optimize['wasm-opt'] !== 'none') {
      ctx.errors.add(span('optimize', 'wasm-opt'), 'wasm-opt cannot optimize a component (target "wasip2")', {
        path: at('optimize', 'wasm-opt'),
        hint: 'remove wasm-opt or set it to "none"',
      });
    }
    if (!given('optimize', 'strip')) optimize.strip = profile !== 'debug';
  }

  const toolchain = asObj(m.toolchain);
  if (toolchain) {
    const inherited = language ? asObj(toolchains?.[language]) : undefined;
    for (const k of ['image', 'version']) {
      if (!given('toolchain', k) && inherited?.[k] !== undefined) {
        toolchain[k] = inherited[k];
        ctx.locations.set(at('toolchain', k), ctx.locations.find(['toolchains', language ?? '', k]));
      }
    }
    if (given('toolchain', 'image') || given('toolchain', 'version'))
      toolchainConflict(at('toolchain'), toolchain, ctx);
    if (hasBuild && !given('language') && !given('toolchain', 'image')) {
      ctx.errors.add(
        span('build'),
        'a custom "build" without a "language" needs toolchain.image, the image to run it in',
        {
          path: at('toolchain', 'image'),
        },
      );
    }
  }

  if (!attempted('name')) deriveName(m, path, ctx);

  const tests = asObjs(m.test);
  tests.forEach((test, j) => {
    if (!test) return;
    if (!given('test', j, 'name')) {
      test.name = `test-${j + 1}`;
      ctx.locations.set(at('test', j, 'name'), span('test', j));
    }
    if (given('test', j, 'expect', 'stdout') && given('test', j, 'expect', 'stdout-matches')) {
      ctx.errors.add(
        span('test', j, 'expect', 'stdout-matches'),
        'expect.stdout and expect.stdout-matches exclude each other',
        {
          path: at('test', j, 'expect'),
          hint: 'keep one: stdout for the exact output, stdout-matches for a pattern',
        },
      );
    }
    if (target === 'wasip2' && Array.isArray(test.runtimes)) {
      test.runtimes.forEach((r: unknown, k: number) => {
        if (typeof r === 'string' && !COMPONENT_RUNTIMES.includes(r)) {
          ctx.errors.add(
            span('test', j, 'runtimes', k),
            `runtime "${r}" cannot run a component (target "wasip2")`,
            {
              path: at('test', j, 'runtimes', k),
              hint: `components run on ${quotedList(COMPONENT_RUNTIMES)}`,
            },
          );
        }
      });
    }
  });
  unique(tests, (j) => at('test', j), 'test name', ctx);
}

/** Language option tables apply to their own language only; the module's own one gets its defaults. */
function languageTables(
  m: Obj,
  path: Path,
  language: Language | undefined,
  hasBuild: boolean,
  ctx: Context,
): void {
  for (const [name, key] of Object.entries(MODULE_FIELDS)) {
    if (key.kind !== 'table' || !('language' in key)) continue;
    const applies = !hasBuild && language === key.language;
    if (applies) {
      m[name] ??= defaultsOf(key.fields);
      continue;
    }
    delete m[name];
    const tablePath = [...path, name];
    if (!ctx.locations.has(tablePath) || (!hasBuild && language === undefined)) continue;
    ctx.errors.add(
      ctx.locations.find(tablePath),
      hasBuild
        ? `[module.${name}] has no effect with a custom "build"`
        : `[module.${name}] is for language "${key.language}", but this module's language is "${language}"`,
      {
        path: tablePath,
        hint: hasBuild
          ? 'pass these options in the build command'
          : `options for ${language} go in [module.${language}]`,
      },
    );
  }
}

/** A version next to an image that already has a tag would be silently ignored; say so instead. */
function toolchainConflict(path: Path, table: Obj | undefined, ctx: Context): void {
  if (!table) return;
  if (path.length === 1) {
    for (const [language, entry] of Object.entries(table))
      toolchainConflict([...path, language], asObj(entry), ctx);
    return;
  }
  const image = asString(table.image);
  const version = asString(table.version);
  if (image === undefined || version === undefined || !hasTagOrDigest(image)) return;
  ctx.errors.add(
    ctx.locations.find([...path, 'version']),
    `toolchain version "${version}" conflicts with the tag in image "${image}"`,
    {
      path: [...path, 'version'],
      hint: 'give the image without a tag, or drop the version',
    },
  );
}

/** Derives a missing module name from the keys that usually carry it. */
function deriveName(m: Obj, path: Path, ctx: Context): void {
  const lastSegment = (p: string): string =>
    p
      .split('/')
      .filter((s) => s !== '' && s !== '.')
      .pop() ?? '';
  const candidates: [SpecPath, string | undefined][] = [
    [
      ['output'],
      asString(m.output)
        ?.split('/')
        .pop()
        ?.replace(/\.wasm$/, ''),
    ],
    [['rust', 'bin'], asString(asObj(m.rust)?.bin)],
    [['rust', 'package'], asString(asObj(m.rust)?.package)],
    [['go', 'package'], asString(asObj(m.go)?.package)],
    [['tinygo', 'package'], asString(asObj(m.tinygo)?.package)],
    [['source'], asString(m.source)],
  ];
  for (const [rel, raw] of candidates) {
    const from = [...path, ...rel];
    if (raw === undefined || !ctx.locations.has(from)) continue;
    const name = rel[0] === 'output' || rel[0] === 'rust' ? raw : lastSegment(raw);
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
      return;
    }
    m.name = name;
    ctx.locations.set([...path, 'name'], ctx.locations.find(from));
    return;
  }
  ctx.errors.add(ctx.locations.find(path), '[module] needs a "name"', {
    path: [...path, 'name'],
    hint:
      'add name = "..." (the image holds <name>.wasm); it can be left out when "output", rust.bin, ' +
      'rust.package, go.package or "source" is set',
  });
}

function unique(items: (Obj | undefined)[], pathOf: (i: number) => Path, what: string, ctx: Context): void {
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

function imageRules(spec: Obj, modules: (Obj | undefined)[], ctx: Context): void {
  const image = asObj(spec.image);
  if (!image) return;
  const names = modules.map((m) => asString(m?.name)).filter((n): n is string => n !== undefined);
  if (!ctx.locations.has(['image', 'entrypoint'])) {
    if (names[0] !== undefined) image.entrypoint = names[0];
    ctx.locations.set(['image', 'entrypoint'], ctx.locations.find(['module', 0, 'name']));
    return;
  }
  const entrypoint = asString(image.entrypoint);
  if (entrypoint === undefined || names.includes(entrypoint) || names.length < modules.length) return;
  const near = closest(entrypoint, names);
  ctx.errors.add(
    ctx.locations.find(['image', 'entrypoint']),
    `image.entrypoint "${entrypoint}" is not a module in this file`,
    {
      path: ['image', 'entrypoint'],
      hint: near ? `did you mean "${near}"?` : `modules: ${names.join(', ')}`,
    },
  );
}
