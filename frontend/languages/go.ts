// Go: `GOOS=wasip1 GOARCH=wasm go build`, in two steps so that editing a .go file never refetches modules:
//
//   1. `go mod download` sees only the module's go.mod/go.sum (and go.work) files, with the network, and
//      writes the module cache as its output. Its cache key is the content of those files alone.
//   2. `go build` sees the sources, that module cache (read-only) and a shared cache mount for Go's
//      build cache, with no network and GOPROXY=off.
//
// The module cache is a real output of step 1 rather than a cache mount: BuildKit does not record what a
// cache mount holds, so a cached step 1 (from `--cache-from`, or after `buildx prune` emptied the mounts)
// would leave an offline step 2 without its modules. A cache mount is right for GOCACHE, which only ever
// speeds a build up. TinyGo (tinygo.ts) shares the layout checks, step 1 and the flag quoting.
import { ModuleError } from '../convert/module-error.js';
import path from 'node:path/posix';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import { copy, scratch, type MountSpec, type State } from '../llb/index.js';
import { OUT_DIR, SRC_DIR, type BuildInputs, type BuiltModule, type LanguageDriver } from './driver.js';

/** The official image; `--build-arg WASM_TOOLCHAIN_IMAGE_GO` or `toolchain.image`/`version` replace it. */
export const GO_IMAGE = 'docker.io/library/golang:1.27.4';

/** Where step 1 leaves the module cache and step 2 reads it. */
export const GOMODCACHE = '/wasm-build/gomodcache';
/** Go's build cache, a cache mount: safe for concurrent use by several go commands, hence `shared`. */
export const GOCACHE = '/wasm-build/gocache';
export const GOCACHE_ID = 'wasm-build/go-build-cache';
/** The files `go mod download` sees, relative to `source`: module and workspace definitions. */
export const GO_MODULE_FILES = ['**/go.mod', '**/go.sum', 'go.work', 'go.work.sum'] as const;
/**
 * Both steps run as root whatever the image's USER is (tinygo/tinygo's is `tinygo`): cache mounts and
 * the /out and module cache outputs are created owned by root. Numeric, so no /etc/passwd is needed.
 */
export const BUILD_USER = '0:0';

type GoLanguage = 'go' | 'tinygo';
type GoOptions = NonNullable<ModuleSpec['go']>;

export function goOptions(module: ModuleSpec, language: GoLanguage): GoOptions {
  const opts = language === 'go' ? module.go : module.tinygo;
  if (!opts) throw new Error(`module "${module.name}" has no ${language} options`);
  return opts;
}

/** What the files under `source` say about how to get the dependencies. */
export interface GoLayout {
  /** Run `go mod download`: there is a go.sum (or go.work) and no vendor/modules.txt. */
  download: boolean;
}

/**
 * `source` must be the module root. With no go.sum there is nothing a build could verify, so nothing to
 * download (a missing entry fails the build with go's own message); with vendor/modules.txt go builds
 * from vendor/ and needs no module cache.
 */
export async function goLayout(inputs: BuildInputs): Promise<GoLayout> {
  const { module } = inputs;
  const found = new Set(await inputs.files(['go.mod', 'go.sum', 'go.work', 'vendor/modules.txt']));
  if (!found.has('go.mod')) {
    throw new ModuleError(
      module.name,
      ['source'],
      `no go.mod in "${module.source}": "source" is the Go module's root directory (run \`go mod init\` ` +
        'there), and go.package picks the main package within it, e.g. "./cmd/app"',
    );
  }
  const vendored = found.has('vendor/modules.txt');
  return { download: !vendored && (found.has('go.sum') || found.has('go.work')) };
}

// Go's build constraint tags: letters, digits, "_" and "." (go/build/constraint).
const TAG = /^[\p{L}\p{N}_.]+$/u;

/** `-tags=a,b` for go and tinygo (both split the value on commas), or nothing. */
export function tagsArg(module: ModuleSpec, language: GoLanguage): string[] {
  const tags = goOptions(module, language).tags;
  for (const t of tags) {
    if (!TAG.test(t)) {
      throw new ModuleError(
        module.name,
        [language, 'tags'],
        `${language}.tags: ${JSON.stringify(t)} is not a build tag (letters, digits, "_" and ".")`,
      );
    }
  }
  return tags.length > 0 ? [`-tags=${tags.join(',')}`] : [];
}

/** The main package: `.`, `./cmd/app` or an import path; never something go would read as a flag. */
export function packageArg(module: ModuleSpec, language: GoLanguage): string {
  const pkg = goOptions(module, language).package;
  if (pkg.startsWith('-')) {
    throw new ModuleError(
      module.name,
      [language, 'package'],
      `${language}.package ${JSON.stringify(pkg)} must be a package path, not a flag`,
    );
  }
  return pkg;
}

const SPACE = /[ \t\n\r]/;

/**
 * The linker's argv from `ldflags`, one flag per element: `-s`, `-X=main.v=1`, or a flag and its value
 * separated by the first blank, `-X main.version=1.0 (beta)` -> `-X`, `main.version=1.0 (beta)`: the
 * value keeps its own spaces. An element that is not a flag is one argument as it stands.
 */
export function linkerArgs(elements: readonly string[]): string[] {
  const args: string[] = [];
  for (const e of elements) {
    if (e.trim() === '') continue;
    const blank = e.search(SPACE);
    if (!e.startsWith('-') || blank < 0) {
      args.push(e);
      continue;
    }
    const value = e.slice(blank).replace(/^[ \t\n\r]+/, '');
    args.push(e.slice(0, blank), ...(value === '' ? [] : [value]));
  }
  return args;
}

/**
 * cmd/internal/quoted.Join, which `go build -ldflags` undoes with quoted.Split: an argument with a blank
 * or a quote goes in single quotes, or double quotes if it holds a single quote. There is no escaping,
 * so an argument holding both kinds of quote cannot be passed.
 */
export function goQuote(args: readonly string[]): string {
  return args
    .map((a) => {
      const space = SPACE.test(a);
      const single = a.includes("'");
      const double = a.includes('"');
      if (!space && !single && !double) return a;
      if (!single) return `'${a}'`;
      if (!double) return `"${a}"`;
      throw new Error(`${JSON.stringify(a)} holds both ' and ", which go's flag quoting cannot express`);
    })
    .join(' ');
}

/** `-ldflags=...` for go build, with `-s -w` first when the module is stripped. */
export function goLdflagsArg(module: ModuleSpec): string[] {
  const args = [
    ...(module.optimize.strip ? ['-s', '-w'] : []),
    ...linkerArgs(goOptions(module, 'go').ldflags),
  ];
  if (args.length === 0) return [];
  // A value not starting with "-" is read as `<pattern>=<flags>` by go build.
  if (!args[0]!.startsWith('-')) {
    throw new ModuleError(
      module.name,
      ['go', 'ldflags'],
      `go.ldflags must start with a flag, e.g. "-X main.version=1.0", not ${JSON.stringify(args[0])}`,
    );
  }
  try {
    return [`-ldflags=${goQuote(args)}`];
  } catch (e) {
    throw new ModuleError(module.name, ['go', 'ldflags'], `go.ldflags: ${(e as Error).message}`);
  }
}

/** The `go build` command line; exported for unit tests, which pin it. */
export function goBuildArgs(module: ModuleSpec, output: string): string[] {
  return [
    'go',
    'build',
    // No build-machine paths in the module, and no VCS stamping: the context usually holds .git, which
    // go would read with git (missing from many images, and refused for another owner's checkout).
    '-trimpath',
    '-buildvcs=false',
    // Debug: no optimisation and no inlining, so a debugger sees the code as written.
    ...(module.profile === 'debug' ? ['-gcflags=all=-N -l'] : []),
    ...tagsArg(module, 'go'),
    ...goLdflagsArg(module),
    '-o',
    output,
    packageArg(module, 'go'),
  ];
}

/**
 * The environment of a Go step: defaults the module's `env` may change (GOPROXY, GOFLAGS, GOPRIVATE, ...
 * reach `go mod download`), then what the steps rely on, which it may not.
 */
export function goEnv(module: ModuleSpec, fixed: Readonly<Record<string, string>>): [string, string][] {
  return [
    // The image is the toolchain: a go.mod asking for a newer go fails instead of fetching one.
    ['GOTOOLCHAIN', 'local'],
    ...Object.entries(module.env),
    ['GOMODCACHE', GOMODCACHE],
    ['GOCACHE', GOCACHE],
    ...Object.entries(fixed),
  ];
}

/** Step 2's settings: no network, no module proxy (a missing module fails at once, by name). */
export const OFFLINE = { GOPROXY: 'off' } as const;

/** The module cache for `go build`: step 1's output read-only, or nothing when there is nothing to fetch. */
export function moduleCacheMount(modules: State | undefined): MountSpec[] {
  return modules ? [{ type: 'bind', dest: GOMODCACHE, source: modules, readonly: true }] : [];
}

/**
 * Step 1: `go mod download` over the go.mod/go.sum files alone (copied out of the context, so the step's
 * cache key is their content), with the network; its output is the module cache.
 */
export function downloadModules(inputs: BuildInputs, env: readonly (readonly [string, string])[]): State {
  const { module, label, ignoreCache } = inputs;
  const dir = path.join(SRC_DIR, module.source);
  const definitions = scratch().file(
    copy(inputs.context, path.join('/', module.source), '/', {
      contentsOnly: true,
      include: GO_MODULE_FILES,
    }),
    { customName: `${label} go.mod and go.sum`, ignoreCache },
  );
  const run = inputs.toolchain.run({
    args: ['go', 'mod', 'download'],
    env,
    cwd: dir,
    user: BUILD_USER,
    mounts: [
      { type: 'bind', dest: dir, source: definitions, readonly: true },
      { type: 'bind', dest: GOMODCACHE, source: scratch() },
    ],
    ignoreCache,
    customName: `${label} go mod download`,
  });
  return run.mount(GOMODCACHE);
}

export interface GoFamilyBuild {
  /** The compiler command line, given where the module must be written. */
  args(output: string): string[];
  /** Environment of the download step and of the offline build step. */
  downloadEnv: [string, string][];
  buildEnv: [string, string][];
  /** Cache mounts the compiler needs beyond Go's build cache. */
  caches?: MountSpec[];
  name: string;
}

/** Both steps for Go and TinyGo alike: the module download (when there is one), then the offline build. */
export async function buildGoFamily(inputs: BuildInputs, b: GoFamilyBuild): Promise<BuiltModule> {
  const { module, ignoreCache } = inputs;
  const layout = await goLayout(inputs);
  const modules = layout.download ? downloadModules(inputs, b.downloadEnv) : undefined;
  const run = inputs.toolchain.run({
    args: b.args(`${OUT_DIR}/${module.name}.wasm`),
    env: b.buildEnv,
    cwd: path.join(SRC_DIR, module.source),
    user: BUILD_USER,
    network: 'none',
    mounts: [
      { type: 'bind', dest: SRC_DIR, source: inputs.context, readonly: true },
      { type: 'bind', dest: OUT_DIR, source: scratch() },
      ...moduleCacheMount(modules),
      { type: 'cache', dest: GOCACHE, id: GOCACHE_ID, sharing: 'shared' },
      ...(b.caches ?? []),
    ],
    ignoreCache,
    customName: `${inputs.label} ${b.name}`,
  });
  // Go builds wasip1 only: a wasip2 module becomes a component after the build. TinyGo builds one itself.
  const componentize = module.language === 'go' && module.target === 'wasip2';
  return {
    output: run.mount(OUT_DIR),
    path: `/${module.name}.wasm`,
    stripped: module.optimize.strip,
    ...(componentize ? { componentize } : {}),
  };
}

export const goDriver: LanguageDriver = {
  languages: ['go'],
  defaultImage: () => GO_IMAGE,
  build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module } = inputs;
    const target = { GOOS: 'wasip1', GOARCH: 'wasm' };
    return buildGoFamily(inputs, {
      args: (out) => goBuildArgs(module, out),
      downloadEnv: goEnv(module, target),
      buildEnv: goEnv(module, { ...target, ...OFFLINE }),
      name: `go build ${packageArg(module, 'go')}`,
    });
  },
};
