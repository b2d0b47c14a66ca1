// wasm.toml: the declarative build file, shared by the frontend (inside BuildKit) and the action.
// Pure functions over strings: no file system, no Node-only APIs, so it bundles anywhere.

export { parseWasmToml, type ParseOptions, type ParseResult } from './parse.js';
export { formatSpecError, type SpecError } from './errors.js';
export { selectModules, type Selection } from './select.js';
export { applyBuildArgs } from './build-args.js';
export { toolchainImage } from './toolchain.js';
export { compilePattern } from './formats.js';
export {
  EMULATIONS,
  emulationAdvice,
  emulationDefine,
  emulationFromHint,
  emulationLibrary,
  type Emulation,
} from './emulations.js';
export { LIMITS } from './limits.js';
export { COMPONENT_RUNTIMES } from './rules.js';
export { LANGUAGES, RUNTIMES, TARGETS, type Language, type RuntimeName } from './schema.js';
export type { SourceRange, SpecPath } from './source.js';
export type { ImageSpec, ModuleSpec, Spec, SpecData, Target, TestSpec, ToolchainSpec } from './types.js';
