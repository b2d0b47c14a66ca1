// Zig: one `zig build-exe` of the root source file for wasm32-wasi, with Zig's caches on cache mounts.
import { ModuleError } from '../convert/module-error.js';
import path from 'node:path/posix';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import { scratch } from '../llb/index.js';
import { OUT_DIR, SRC_DIR, type BuildInputs, type BuiltModule, type LanguageDriver } from './driver.js';

/** The Zig release the built-in image and the testbed's toolchain image carry. */
export const ZIG_VERSION = '0.17.0';

/**
 * Zig publishes no container image. The built-in one is a community image (Alpine, linux/amd64 only) whose
 * tags follow the releases on ziglang.org; production builds should name their own with `toolchain.image`
 * or `--build-arg WASM_TOOLCHAIN_IMAGE_ZIG` (any image with `zig` on PATH; testbed/images/toolchain-zig
 * builds one from the official binaries on PyPI).
 */
export const ZIG_IMAGE = `docker.io/euantorano/zig:${ZIG_VERSION}`;

/** Zig's caches: the global one (std, compiler_rt) and the per-project one. */
export const ZIG_GLOBAL_CACHE_DIR = '/var/cache/zig/global';
export const ZIG_LOCAL_CACHE_DIR = '/var/cache/zig/local';
export const ZIG_GLOBAL_CACHE_ID = 'wasm-build-zig-global-cache';
export const ZIG_LOCAL_CACHE_ID = 'wasm-build-zig-local-cache';

function options(module: ModuleSpec): NonNullable<ModuleSpec['zig']> {
  if (!module.zig) throw new Error(`module "${module.name}" has no zig options`);
  return module.zig;
}

/** The compiler command line, run in the module's source directory; exported for unit tests. */
export function zigArgs(module: ModuleSpec, output: string): string[] {
  const opts = options(module);
  return [
    'zig',
    'build-exe',
    opts.root,
    '-target',
    'wasm32-wasi',
    '-O',
    module.profile === 'release' ? 'ReleaseSmall' : 'Debug',
    module.optimize.strip ? '-fstrip' : '-fno-strip',
    `-femit-bin=${output}`,
    ...opts.options,
  ];
}

/** The cache directories; the sources are mounted read-only, so no `.zig-cache` can go beside them. */
export function zigEnv(module: ModuleSpec): Record<string, string> {
  return {
    ZIG_GLOBAL_CACHE_DIR,
    ZIG_LOCAL_CACHE_DIR,
    ...module.env,
  };
}

export const zigDriver: LanguageDriver = {
  languages: ['zig'],
  defaultImage: () => ZIG_IMAGE,
  async build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module } = inputs;
    const opts = options(module);
    if ((await inputs.files([opts.root])).length === 0) {
      throw new ModuleError(
        module.name,
        ['zig', 'root'],
        `the Zig root source file "${opts.root}" is not under "${module.source}" ` + '(set zig.root)',
      );
    }
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const run = inputs.toolchain.run({
      args: zigArgs(module, out),
      env: zigEnv(module),
      cwd: path.join(SRC_DIR, module.source),
      network: 'none',
      mounts: [
        { type: 'bind', dest: SRC_DIR, source: inputs.context, readonly: true },
        { type: 'bind', dest: OUT_DIR, source: scratch() },
        // Zig locks cache entries itself, so concurrent builds can share both.
        { type: 'cache', dest: ZIG_GLOBAL_CACHE_DIR, id: ZIG_GLOBAL_CACHE_ID, sharing: 'shared' },
        { type: 'cache', dest: ZIG_LOCAL_CACHE_DIR, id: ZIG_LOCAL_CACHE_ID, sharing: 'shared' },
      ],
      ignoreCache: inputs.ignoreCache,
      customName: `${inputs.label} zig build-exe ${opts.root}`,
    });
    return {
      output: run.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      stripped: module.optimize.strip,
      // zig builds for wasm32-wasi (preview1); a wasip2 module becomes a component after the build.
      ...(module.target === 'wasip2' ? { componentize: true } : {}),
    };
  },
};
