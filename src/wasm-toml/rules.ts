import { BUILTIN_WORLDS, COMPONENT_ONLY_LANGUAGES } from './component-languages.js';
import { deriveName, requireUniqueNames } from './names.js';
import { LANGUAGES, MODULE_FIELDS, type Language } from './schema.js';
import type { Span, SpecPath } from './source.js';
import { closest, quotedList } from './suggest.js';
import { hasTagOrDigest } from '../primitives/reference.js';
import { defaultsOf, type Context, type Obj, type Path } from './validate.js';

// Checks between keys, and the defaults that depend on other keys. They run on the normalized object the
// generic walk produced, where a key that was written but invalid is missing: so "was it written" is
// asked of the locations (recorded for every written key), never inferred from the value.

/**
 * Runtimes that run components (node through jco, containerd through the runwasi shim); the others run only
 * wasip1 core modules.
 */
export const COMPONENT_RUNTIMES: readonly string[] = ['wasmtime', 'node', 'containerd-wasmtime'];

const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asObjs = (v: unknown): (Obj | undefined)[] => (Array.isArray(v) ? v.map(asObj) : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function applyRules(spec: Obj, ctx: Context): void {
  const modules = asObjs(spec.module);
  modules.forEach((m, i) => {
    if (!m) return;
    const mod = moduleScope(m, ['module', i], ctx);
    // Rules that fill in values also record where they came from, which given() then sees: those run last.
    buildRules(mod);
    targetRules(mod);
    languageTables(mod);
    worldRules(mod);
    componentRules(mod);
    toolchainRules(mod, asObj(spec.toolchains));
    if (!mod.attempted('name')) deriveName(m, mod.path, ctx);
    testRules(mod);
  });
  for (const [language, entry] of Object.entries(asObj(spec.toolchains) ?? {})) {
    toolchainConflict(['toolchains', language], asObj(entry), ctx);
  }
  requireUniqueNames(modules, (i) => ['module', i], 'module name', ctx);
  imageRules(spec, modules, ctx);
}

/** One module and the questions every rule asks about it. */
interface ModuleScope {
  m: Obj;
  path: Path;
  ctx: Context;
  language: Language | undefined;
  target: string | undefined;
  hasBuild: boolean;
  at(...rest: (string | number)[]): SpecPath;
  given(...rest: (string | number)[]): boolean;
  /** Written, or misspelt (already reported as an unknown key with the right spelling): not "missing". */
  attempted(key: string): boolean;
  span(...rest: (string | number)[]): Span;
}

function moduleScope(m: Obj, path: Path, ctx: Context): ModuleScope {
  const at = (...rest: (string | number)[]): SpecPath => [...path, ...rest];
  const given = (...rest: (string | number)[]): boolean => ctx.locations.has(at(...rest));
  return {
    m,
    path,
    ctx,
    language: asString(m.language) as Language | undefined,
    target: asString(m.target),
    hasBuild: given('build'),
    at,
    given,
    attempted: (key) => given(key) || ctx.misspelt.has(JSON.stringify(at(key))),
    span: (...rest) => ctx.locations.find(at(...rest)),
  };
}

/** A module is built by its language or by a custom command, which needs an output and an image. */
function buildRules({ ctx, at, given, attempted, span, hasBuild }: ModuleScope): void {
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

/** JavaScript and Python build components only: their target is `wasip2`, and nothing else. */
function targetRules(mod: ModuleScope): void {
  const { m, ctx, at, given, span, language, hasBuild } = mod;
  const componentOnly = !hasBuild && language !== undefined && COMPONENT_ONLY_LANGUAGES.includes(language);
  if (!given('target')) {
    mod.target = componentOnly ? 'wasip2' : 'wasip1';
    m.target = mod.target;
    return;
  }
  if (componentOnly && mod.target === 'wasip1') {
    ctx.errors.add(span('target'), `language "${language}" builds components only, not wasip1 modules`, {
      path: at('target'),
      hint: 'remove target (it defaults to "wasip2" for this language)',
    });
  }
}

/** A world other than the built-in ones is looked up in the module's own `wit` directory. */
function worldRules({ m, ctx, at, given, span, language }: ModuleScope): void {
  if (language === undefined || !COMPONENT_ONLY_LANGUAGES.includes(language)) return;
  const table = asObj(m[language]);
  const world = asString(table?.world);
  if (!table || world === undefined || given(language, 'wit')) return;
  if ((BUILTIN_WORLDS as readonly string[]).includes(world)) return;
  ctx.errors.add(
    span(language, 'world'),
    `world "${world}" is not built in (${quotedList(BUILTIN_WORLDS)} are), so it needs a WIT directory`,
    {
      path: at(language, 'wit'),
      hint: `set ${language}.wit = "wit", the directory (relative to source) whose WIT defines "${world}"`,
    },
  );
}

/** Language option tables apply to their own language only; the module's own one gets its defaults. */
function languageTables({ m, ctx, at, given, language, hasBuild }: ModuleScope): void {
  for (const [name, key] of Object.entries(MODULE_FIELDS)) {
    if (key.kind !== 'table' || !('language' in key)) continue;
    if (!hasBuild && language === key.language) {
      m[name] ??= defaultsOf(key.fields);
      continue;
    }
    delete m[name];
    // Without a valid language there is nothing to compare with; that error is reported already.
    if (!given(name) || (!hasBuild && language === undefined)) continue;
    ctx.errors.add(
      ctx.locations.find(at(name)),
      hasBuild
        ? `[module.${name}] has no effect with a custom "build"`
        : `[module.${name}] is for language "${key.language}", but this module's language is "${language}"`,
      {
        path: at(name),
        hint: hasBuild
          ? 'pass these options in the build command'
          : `options for ${language} go in [module.${language}]`,
      },
    );
  }
}

/** Components are not wasm-opt's input; stripping follows the profile. */
function componentRules({ m, ctx, at, span, given, target }: ModuleScope): void {
  const optimize = asObj(m.optimize);
  if (!optimize) return;
  const debug = m.profile === 'debug';
  if (target === 'wasip2' && optimize['wasm-opt'] !== undefined && optimize['wasm-opt'] !== 'none') {
    ctx.errors.add(span('optimize', 'wasm-opt'), 'wasm-opt cannot optimize a component (target "wasip2")', {
      path: at('optimize', 'wasm-opt'),
      hint: 'remove wasm-opt or set it to "none"',
    });
  }
  if (!given('optimize', 'strip')) optimize.strip = !debug;
}

/** Fills unset toolchain keys from [toolchains.<language>], remembering where they came from. */
function toolchainRules({ m, ctx, at, given, language }: ModuleScope, toolchains: Obj | undefined): void {
  const toolchain = asObj(m.toolchain);
  if (!toolchain) return;
  // Decided before inheriting: an inherited key gets a location too, and would then look written here.
  const own = given('toolchain', 'image') || given('toolchain', 'version');
  const inherited = language ? asObj(toolchains?.[language]) : undefined;
  for (const k of ['image', 'version']) {
    if (given('toolchain', k) || inherited?.[k] === undefined) continue;
    toolchain[k] = inherited[k];
    ctx.locations.set(at('toolchain', k), ctx.locations.find(['toolchains', language ?? '', k]));
  }
  // Only when the module sets a key itself: a conflict inside [toolchains] is reported there, once.
  if (own) toolchainConflict(at('toolchain'), toolchain, ctx);
}

/** A version next to an image that already has a tag would be silently ignored; say so instead. */
function toolchainConflict(path: Path, table: Obj | undefined, ctx: Context): void {
  const image = asString(table?.image);
  const version = asString(table?.version);
  if (image === undefined || version === undefined || !taggedReference(image)) return;
  ctx.errors.add(
    ctx.locations.find([...path, 'version']),
    `toolchain version "${version}" conflicts with the tag in image "${image}"`,
    {
      path: [...path, 'version'],
      hint: 'give the image without a tag, or drop the version',
    },
  );
}

function testRules({ m, ctx, at, given, span, target }: ModuleScope): void {
  const tests = asObjs(m.test);
  tests.forEach((test, j) => {
    if (!test) return;
    if (!given('test', j, 'name')) {
      test.name = `test-${j + 1}`;
      ctx.locations.set(at('test', j, 'name'), span('test', j));
    }
    if (!given('test', j, 'workdir')) {
      test.workdir = asObj(m.image)?.workdir;
      ctx.locations.set(at('test', j, 'workdir'), span('test', j));
    }
    const outputs = ['stdout', 'stdout-file', 'stdout-matches'].filter((k) => given('test', j, 'expect', k));
    if (outputs.length > 1) {
      ctx.errors.add(
        span('test', j, 'expect', outputs[1]!),
        `expect.${outputs[0]} and expect.${outputs[1]} exclude each other`,
        {
          path: at('test', j, 'expect'),
          hint: 'keep one: stdout (or stdout-file) for the exact output, stdout-matches for a pattern',
        },
      );
    }
    httpCaseRules(j, { ctx, at, given, span });
    if (given('test', j, 'stdin') && given('test', j, 'stdin-file')) {
      ctx.errors.add(span('test', j, 'stdin-file'), 'stdin and stdin-file exclude each other', {
        path: at('test', j),
        hint: 'keep one: stdin for text in the file, stdin-file for a file in the build context',
      });
    }
    // WASI 0.2's `exit` takes a result, not a code: the preview1 adapter turns every non-zero
    // proc_exit into 1, so a component cannot pass a test that expects 2 or more.
    const exitCode = asObj(test.expect)?.['exit-code'];
    if (target === 'wasip2' && typeof exitCode === 'number' && exitCode > 1) {
      ctx.errors.add(
        span('test', j, 'expect', 'exit-code'),
        `a component exits with 0 or 1, never ${exitCode} (WASI 0.2's exit takes ok or error, not a code)`,
        { path: at('test', j, 'expect', 'exit-code'), hint: 'expect exit-code = 1 for any failure' },
      );
    }
    if (target !== 'wasip2' || !Array.isArray(test.runtimes)) return;
    test.runtimes.forEach((r: unknown, k: number) => {
      if (typeof r !== 'string' || COMPONENT_RUNTIMES.includes(r)) return;
      ctx.errors.add(
        span('test', j, 'runtimes', k),
        `runtime "${r}" cannot run a component (target "wasip2")`,
        {
          path: at('test', j, 'runtimes', k),
          hint: `components run on ${quotedList(COMPONENT_RUNTIMES)}`,
        },
      );
    });
  });
  requireUniqueNames(tests, (j) => at('test', j), 'test name', ctx);
}

/** What makes a case a command case; `request` makes it an HTTP case, and the two do not mix. */
const COMMAND_KEYS = [
  ['args'],
  ['stdin'],
  ['stdin-file'],
  ['dirs'],
  ['expect', 'stdout'],
  ['expect', 'stdout-file'],
  ['expect', 'stdout-matches'],
  ['expect', 'exit-code'],
] as const;
const HTTP_EXPECT_KEYS = ['status', 'body', 'body-matches', 'headers'] as const;

function httpCaseRules(
  j: number,
  { ctx, at, given, span }: Pick<ModuleScope, 'ctx' | 'at' | 'given' | 'span'>,
): void {
  if (given('test', j, 'request')) {
    for (const key of COMMAND_KEYS) {
      if (!given('test', j, ...key)) continue;
      ctx.errors.add(
        span('test', j, ...key),
        `${key.join('.')} is for command cases, and this case sends a request`,
        {
          path: at('test', j, ...key),
          hint: 'an HTTP case checks expect.status, expect.body (or body-matches) and expect.headers',
        },
      );
    }
  } else {
    for (const key of HTTP_EXPECT_KEYS) {
      if (!given('test', j, 'expect', key)) continue;
      ctx.errors.add(
        span('test', j, 'expect', key),
        `expect.${key} goes with a request: this case sends none`,
        {
          path: at('test', j, 'expect', key),
          hint: 'add request = { method = "GET", path = "/" } for an HTTP case, or check stdout for a command',
        },
      );
    }
  }
  if (given('test', j, 'expect', 'body') && given('test', j, 'expect', 'body-matches')) {
    ctx.errors.add(
      span('test', j, 'expect', 'body-matches'),
      'expect.body and expect.body-matches exclude each other',
      {
        path: at('test', j, 'expect'),
        hint: 'keep one: body for the exact body, body-matches for a pattern',
      },
    );
  }
}

/** [image]'s entrypoint names a module; by default the first. */
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
  // With an unnamed module (already an error) the entrypoint might be meant for it: stay quiet.
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

/** A reference with a tag or digest; one that does not parse is not this rule's to judge. */
function taggedReference(image: string): boolean {
  try {
    return hasTagOrDigest(image);
  } catch {
    return false;
  }
}
