// AssemblyScript with asc: the project's npm dependencies (asc itself among them) in their own step, whose
// only inputs are package.json and the lockfile, then one offline compile with the WASI shim's config.
import { ModuleError } from '../convert/module-error.js';
import path from 'node:path/posix';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import { mkfile, scratch, type MountSpec } from '../llb/index.js';
import { OUT_DIR, SRC_DIR, type BuildInputs, type BuiltModule, type LanguageDriver } from './driver.js';
import { NODE_IMAGE, nodeModulesMount, npmDependencies } from './npm.js';

/** The asconfig of `@assemblyscript/wasi-shim`: WASI imports instead of the JS host's, `_start` exported. */
export const WASI_SHIM_CONFIG = './node_modules/@assemblyscript/wasi-shim/asconfig.json';

function options(module: ModuleSpec): NonNullable<ModuleSpec['assemblyscript']> {
  if (!module.assemblyscript) throw new Error(`module "${module.name}" has no assemblyscript options`);
  return module.assemblyscript;
}

/**
 * Compiled beside the entry of a `target = "wasip2"` module. The preview1 adapter that makes the module a
 * component allocates its stack and state through the module's `cabi_realloc` export, and without one
 * takes pages with memory.grow; AssemblyScript's allocator claims memory up to memory.size when it starts,
 * so it overwrote those pages (the adapter failed its canary assertion in args_get). Blocks from
 * `heap.alloc` are outside the garbage collector's reach, as the adapter's must be.
 */
const COMPONENT_REALLOC_SOURCE = `// Written by wasm-build for target = "wasip2": the preview1 adapter allocates through this.
export function cabi_realloc(ptr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  return ptr == 0 ? heap.alloc(newSize) : heap.realloc(ptr, newSize);
}
`;
/** Where the compile step mounts that file, relative to the module's source directory. */
const COMPONENT_REALLOC_DIR = '.wasm-build';
const COMPONENT_REALLOC_FILE = 'component-realloc.ts';

/**
 * The compiler command line, run in the module's source directory. `--no-install`: asc must come from the
 * project's own node_modules (the step has no network), never be fetched by npx.
 */
export function ascArgs(module: ModuleSpec, output: string): string[] {
  const opts = options(module);
  return [
    'npx',
    '--no-install',
    'asc',
    opts.entry,
    ...(module.target === 'wasip2' ? [`${COMPONENT_REALLOC_DIR}/${COMPONENT_REALLOC_FILE}`] : []),
    '--outFile',
    output,
    '--config',
    WASI_SHIM_CONFIG,
    ...(module.profile === 'release' ? ['-O'] : ['--debug']),
    ...opts.options,
  ];
}

export const assemblyscriptDriver: LanguageDriver = {
  languages: ['assemblyscript'],
  defaultImage: () => NODE_IMAGE,
  async build(inputs: BuildInputs): Promise<BuiltModule> {
    const { module, label, ignoreCache } = inputs;
    const opts = options(module);
    const deps = await npmDependencies(
      inputs,
      'an AssemblyScript module needs one that depends on assemblyscript and @assemblyscript/wasi-shim',
    );
    const entry = await inputs.files([opts.entry]);
    if (entry.length === 0) {
      throw new ModuleError(
        module.name,
        ['assemblyscript', 'entry'],
        `the AssemblyScript entry "${opts.entry}" is not under "${module.source}" ` +
          '(set assemblyscript.entry)',
      );
    }

    const out = `${OUT_DIR}/${module.name}.wasm`;
    // A component is this wasip1 module made one after the build (see COMPONENT_REALLOC_SOURCE).
    const component = module.target === 'wasip2';
    const cwd = path.join(SRC_DIR, module.source);
    const compile = inputs.toolchain.run({
      args: ascArgs(module, out),
      env: deps.env,
      cwd,
      network: 'none',
      mounts: [
        // Writable only because runc must create the node_modules mount point inside it (on a read-only
        // mount that fails with EROFS); the exec's copy of the context is thrown away.
        { type: 'bind', dest: SRC_DIR, source: inputs.context },
        nodeModulesMount(deps, cwd),
        { type: 'bind', dest: OUT_DIR, source: scratch() },
        ...(component ? [componentReallocMount(cwd, label, ignoreCache)] : []),
      ],
      ignoreCache,
      customName: `${label} asc ${opts.entry}`,
    });
    return {
      output: compile.mount(OUT_DIR),
      path: `/${module.name}.wasm`,
      // asc writes names and debug info only with --debug, which a release build leaves out.
      stripped: module.optimize.strip && module.profile === 'release',
      ...(component ? { componentize: true } : {}),
    };
  },
};

function componentReallocMount(cwd: string, label: string, ignoreCache: boolean): MountSpec {
  const file = scratch().file(
    mkfile(`/${COMPONENT_REALLOC_FILE}`, 0o644, COMPONENT_REALLOC_SOURCE, { createdTime: new Date(0) }),
    { ignoreCache, customName: `${label} cabi_realloc for the preview1 adapter` },
  );
  return { type: 'bind', dest: path.join(cwd, COMPONENT_REALLOC_DIR), source: file, readonly: true };
}
