// C and C++ with clang: one compile-and-link step over the explicit list of source files.
import { ModuleError } from '../convert/module-error.js';
import path from 'node:path/posix';
import type { Language, ModuleSpec } from '../../src/wasm-toml/index.js';
import { scratch } from '../llb/index.js';
import {
  OUT_DIR,
  SRC_DIR,
  splitFlags,
  type BuildInputs,
  type BuiltModule,
  type LanguageDriver,
} from './driver.js';

/** Official wasi-sdk image: clang with the WASI sysroot; its config sets CC/CXX and the flags. */
const WASI_SDK_IMAGE = 'ghcr.io/webassembly/wasi-sdk:wasi-sdk-25';

/**
 * Always the wasip1 target: `target = "wasip2"` builds the same core module, which the frontend makes a
 * component with the preview1 adapter. (clang's own `wasm32-wasip2` needs wasi-sdk >= 22's sysroot and
 * wasm-component-ld; distro clangs, like the testbed's Debian clang 14, do not know it.)
 */
function clangTarget(_module: ModuleSpec): string {
  return 'wasm32-wasi';
}

/** The compiler command line; exported for unit tests, which pin it. */
export function clangArgs(
  module: ModuleSpec,
  language: 'c' | 'cpp',
  env: ReadonlyMap<string, string>,
  sources: readonly string[],
  output: string,
): string[] {
  const opts = language === 'c' ? module.c : module.cpp;
  if (!opts) throw new Error(`module "${module.name}" has no ${language} options`);
  // CC/CXX and *FLAGS from the image config let any clang image (wasi-sdk's, a distro's) work as is.
  const compiler = splitFlags(env.get(language === 'c' ? 'CC' : 'CXX'));
  const cflags = splitFlags(env.get(language === 'c' ? 'CFLAGS' : 'CXXFLAGS'));
  const args = [
    ...(compiler.length > 0 ? compiler : [language === 'c' ? 'clang' : 'clang++']),
    ...cflags,
    `--target=${clangTarget(module)}`,
    ...(module.profile === 'release' ? ['-O2'] : ['-O0', '-g']),
    ...opts.flags,
    ...opts.defines.map((d) => `-D${d}`),
    '-o',
    output,
    ...sources,
    ...splitFlags(env.get('LDFLAGS')),
    ...(module.optimize.strip ? ['-Wl,--strip-all'] : []),
    ...opts['link-flags'],
  ];
  return args;
}

export const cDriver: LanguageDriver = {
  languages: ['c', 'cpp'],
  defaultImage: () => WASI_SDK_IMAGE,
  async build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module } = inputs;
    const language = module.language as Extract<Language, 'c' | 'cpp'>;
    const opts = language === 'c' ? module.c : module.cpp;
    const sources = await inputs.files(opts?.sources ?? []);
    if (sources.length === 0) {
      throw new ModuleError(
        module.name,
        [language, 'sources'],
        `no ${language} sources match ${JSON.stringify(opts?.sources)} under "${module.source}"`,
      );
    }
    const out = `${OUT_DIR}/${module.name}.wasm`;
    const run = inputs.toolchain.run({
      args: clangArgs(module, language, inputs.toolchainEnv, sources, out),
      env: module.env,
      cwd: path.join(SRC_DIR, module.source),
      network: 'none',
      mounts: [
        { type: 'bind', dest: SRC_DIR, source: inputs.context, readonly: true },
        { type: 'bind', dest: OUT_DIR, source: scratch() },
      ],
      ignoreCache: inputs.ignoreCache,
      customName: `${inputs.label} compile ${language === 'c' ? 'C' : 'C++'} (${sources.length} file${sources.length === 1 ? '' : 's'})`,
    });
    // The /out mount's output is that directory itself: the module sits at its root.
    return {
      output: run.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      stripped: module.optimize.strip,
      ...(module.target === 'wasip2' ? { componentize: true } : {}),
    };
  },
};
