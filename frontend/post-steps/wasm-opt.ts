// Post-processing with binaryen's wasm-opt, run as an exec on the frontend's own image (which ships
// it, see frontend/Dockerfile): `optimize.wasm-opt` and `optimize.strip` of wasm.toml.
import { existsSync } from 'node:fs';
import type { ModuleSpec } from '../../src/wasm-toml/index.js';
import type { State } from '../llb/index.js';
import type { BuiltModule } from '../languages/driver.js';
import type { PostStep } from './index.js';
import { nodeCommand, selfImageStep } from './self-step.js';

/** binaryen.js's wasm-opt: the C++ tool compiled to WebAssembly, as one Node.js script. */
export const WASM_OPT_PATH = '/wasm-build/binaryen/bin/wasm-opt';

/** Whether the image this process runs in (the frontend image) has wasm-opt where the exec expects it. */
export function shipsWasmOpt(): boolean {
  return existsSync(WASM_OPT_PATH);
}

export type WasmOptLevel = Exclude<ModuleSpec['optimize']['wasm-opt'], 'none'>;

/**
 * Features wasm-opt may accept and emit, beyond what a module's `target_features` section declares
 * (LLVM-based toolchains write one: C/C++, Rust, TinyGo, Zig; binaryen enables what it lists). Go and
 * AssemblyScript write none but use sign extension, saturating float-to-int and bulk memory, which
 * binaryen (defaults: sign-ext, mutable-globals) would otherwise reject as "error validating input".
 * All are in WebAssembly 2.0 and every WASI runtime runs them. Deliberately not `--all-features`: that
 * would let binaryen write encodings (e.g. compact imports) older runtimes cannot read.
 */
export const WASM_OPT_FEATURES = [
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
] as const;

export const STRIP_FLAGS = ['--strip-debug', '--strip-producers'] as const;

export interface PostProcess {
  /** undefined: no optimisation passes, only read, strip and write. */
  level: WasmOptLevel | undefined;
  strip: boolean;
}

/**
 * What to do after the language build, or undefined for nothing. Components are never touched:
 * wasm-opt reads core modules only (the spec already refuses a level for `wasip2`, and a component's
 * toolchain strips it itself). Without a level, wasm-opt runs only to strip a module its build did not.
 */
export function postProcessFor(module: ModuleSpec, built: BuiltModule): PostProcess | undefined {
  if (module.target === 'wasip2') return undefined;
  const level = module.optimize['wasm-opt'];
  const strip = module.optimize.strip;
  if (level === 'none' && (!strip || built.stripped)) return undefined;
  return { level: level === 'none' ? undefined : level, strip };
}

/** The wasm-opt command line (after the program): `-Os <features> --strip-debug --strip-producers in -o out`. */
export function wasmOptArgs(plan: PostProcess, input: string, output: string): string[] {
  return [
    ...(plan.level ? [`-${plan.level}`] : []),
    ...WASM_OPT_FEATURES,
    // Without -g binaryen drops the name section on write: keep it (and DWARF) unless stripping.
    ...(plan.strip ? STRIP_FLAGS : ['--debuginfo']),
    input,
    '-o',
    output,
  ];
}

/** The progress vertex name: `[hello] wasm-opt -Os`, or the strip flags when there is no level. */
export function wasmOptStepName(label: string, plan: PostProcess): string {
  return `${label} wasm-opt ${plan.level ? `-${plan.level}` : STRIP_FLAGS.join(' ')}`;
}

/**
 * The module after wasm-opt: an exec on the frontend image that reads the built module and writes
 * `/<name>.wasm` (see self-step.ts).
 */
export function wasmOptStep(
  frontendImage: State,
  module: ModuleSpec,
  built: BuiltModule,
  plan: PostProcess,
  opts: { label: string; ignoreCache: boolean },
): BuiltModule {
  return selfImageStep(
    frontendImage,
    module,
    built,
    // Go's own compiler writes modules of megabytes, which wasm-opt works on for many seconds.
    (input, output) => nodeCommand(WASM_OPT_PATH, wasmOptArgs(plan, input, output), module.language === 'go'),
    {
      customName: wasmOptStepName(opts.label, plan),
      ignoreCache: opts.ignoreCache,
    },
  );
}

/** The wasm-opt step `module` asks for (`optimize.wasm-opt`, `optimize.strip`), if any. */
export function wasmOptFor(module: ModuleSpec, built: BuiltModule): PostStep | undefined {
  const plan = postProcessFor(module, built);
  if (!plan) return undefined;
  const fix = [
    ...(plan.level ? ['`optimize.wasm-opt = "none"`'] : []),
    ...(plan.strip ? ['`optimize.strip = false`'] : []),
  ].join(' and ');
  return {
    key: ['optimize', 'wasm-opt'],
    output: 'the output of wasm-opt',
    ships: shipsWasmOpt,
    missing: `this frontend image has no wasm-opt at ${WASM_OPT_PATH} (build it from frontend/Dockerfile), so the module cannot be post-processed; set ${fix} to skip that step`,
    unavailable: (why) =>
      `wasm-opt runs in the frontend's own image, but ${why}; set ${fix} to skip post-processing, or use BuildKit v0.10 or later`,
    run: (frontendImage, input, opts) => wasmOptStep(frontendImage, module, input, plan, opts),
  };
}
