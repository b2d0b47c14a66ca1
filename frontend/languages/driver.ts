// The shape every language driver has: a default toolchain image, and the LLB that compiles a module.
import type { Language, ModuleSpec } from '../../src/wasm-toml/index.js';
import type { State } from '../llb/index.js';

/** Where the build sees its inputs and leaves its output: the same for every language. */
export const SRC_DIR = '/src';
export const OUT_DIR = '/out';

export interface BuildInputs {
  module: ModuleSpec;
  /** The toolchain image, its config's Env, WorkingDir and User applied, on the build platform. */
  toolchain: State;
  /** The toolchain image config's environment (e.g. CC, CFLAGS of a wasi-sdk image). */
  toolchainEnv: ReadonlyMap<string, string>;
  /** The build context; mount it at SRC_DIR. The module's sources are under `module.source`. */
  context: State;
  /** Context files under `module.source` matching the globs, relative to `module.source`, sorted. */
  files(patterns: readonly string[]): Promise<string[]>;
  /**
   * Solves `state` now and returns one (small) file of the result: how a driver asks the toolchain a
   * question (which targets rustc has, what cargo says about a package) before writing its build steps.
   */
  read(state: State, path: string): Promise<Uint8Array>;
  /** `[<module name>]`: the prefix of every vertex name, so the progress output reads per module. */
  label: string;
  /** `--no-cache` (or `--no-cache-filter <module>`): every step of the module runs again. */
  ignoreCache: boolean;
}

export interface BuiltModule {
  /** A filesystem holding the module (e.g. the output of the exec's /out mount)... */
  output: State;
  /** ...at this absolute path within it. */
  path: string;
  /**
   * For `target = "wasip2"`: the toolchain built a wasip1 core module, which the frontend turns into a
   * command component with the preview1 adapter (frontend/post-steps/componentize.ts).
   */
  componentize?: boolean;
  /**
   * The build itself left out debug info and names because `optimize.strip` asks for it (a linker's
   * --strip-all, go's -s -w): wasm-opt then need not run just to strip.
   */
  stripped?: boolean;
}

export interface LanguageDriver {
  readonly languages: readonly Language[];
  /** The pinned official image a language builds in when neither the file nor a build arg names one. */
  defaultImage(language: Language): string;
  build(inputs: BuildInputs): Promise<BuiltModule>;
}

/** Splits an image-provided flags variable (CFLAGS="--target=... --sysroot=...") into arguments. */
export function splitFlags(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}
