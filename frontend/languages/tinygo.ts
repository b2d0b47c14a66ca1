// TinyGo: `tinygo build -target=wasip1|wasip2`, with Go's two steps (go.ts): `go mod download` over
// go.mod/go.sum alone with the network (the image ships go, which tinygo runs for `go list`), then an
// offline build with the module cache read-only, Go's build cache and TinyGo's own cache (compiled
// runtime and libc, its merged GOROOT) as shared cache mounts.
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import type { BuildInputs, BuiltModule, LanguageDriver } from './driver.js';
import { OFFLINE, buildGoFamily, goEnv, goOptions, linkerArgs, packageArg, tagsArg } from './go.js';

/** The official image (Debian, go and tinygo, runs as user `tinygo`); overridable like every image. */
export const TINYGO_IMAGE = 'docker.io/tinygo/tinygo:0.41.1';

/** XDG_CACHE_HOME: tinygo keeps its cache in $XDG_CACHE_HOME/tinygo (it ignores GOCACHE). */
export const TINYGO_CACHE_HOME = '/wasm-build/xdg-cache';
export const TINYGO_CACHE_ID = 'wasm-build/tinygo-cache';

// Passed through unquoted by google/shlex, which tinygo splits -ldflags with.
const PLAIN = /^[A-Za-z0-9_\-.,:/=@+%]+$/;

/** POSIX shell-style quoting as google/shlex reads it: single quotes, `'\''` for a quote inside. */
export function shlexQuote(args: readonly string[]): string {
  return args.map((a) => (PLAIN.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/**
 * TinyGo's -opt: `z` (its own default: smallest) for release, `1` (few optimisations, readable in a
 * debugger) for debug.
 */
export function tinygoOpt(module: ModuleSpec): string {
  return module.profile === 'debug' ? '1' : 'z';
}

/** The `tinygo build` command line; exported for unit tests, which pin it. */
export function tinygoArgs(module: ModuleSpec, output: string): string[] {
  // tinygo's -ldflags takes only -X; stripping is -no-debug.
  const link = linkerArgs(goOptions(module, 'tinygo').ldflags);
  return [
    'tinygo',
    'build',
    `-target=${module.target}`,
    `-opt=${tinygoOpt(module)}`,
    ...(module.optimize.strip ? ['-no-debug'] : []),
    ...tagsArg(module, 'tinygo'),
    ...(link.length > 0 ? [`-ldflags=${shlexQuote(link)}`] : []),
    '-o',
    output,
    packageArg(module, 'tinygo'),
  ];
}

export function tinygoEnv(
  module: ModuleSpec,
  fixed: Readonly<Record<string, string>> = {},
): [string, string][] {
  return goEnv(module, { XDG_CACHE_HOME: TINYGO_CACHE_HOME, ...fixed });
}

export const tinygoDriver: LanguageDriver = {
  languages: ['tinygo'],
  defaultImage: () => TINYGO_IMAGE,
  build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module } = inputs;
    return buildGoFamily(inputs, {
      args: (out) => tinygoArgs(module, out),
      downloadEnv: tinygoEnv(module),
      buildEnv: tinygoEnv(module, OFFLINE),
      // Concurrent tinygo builds are safe: it writes cache entries to temporary files and renames them.
      caches: [{ type: 'cache', dest: TINYGO_CACHE_HOME, id: TINYGO_CACHE_ID, sharing: 'shared' }],
      name: `tinygo build -target=${module.target} ${packageArg(module, 'tinygo')}`,
    });
  },
};
