// The runtimes users can list, each behind the same Runtime interface, and how one is found or installed.
import { RUNTIMES, type RuntimeName } from '../wasm-toml/index.js';
import { cliRuntime, type CliRuntimeSpec } from './cli-runtime.js';
import { findOnPath } from '../process.js';
import { installProgram, type InstallOptions, type InstalledProgram } from './install.js';
import { installJco, jcoDescription } from './jco.js';
import { nodeCli, nodeEnv, nodeRelease } from './node.js';
import { withLoadedModules } from './node-loaded.js';
import type { ReleaseSource } from './release.js';
import type { Runtime } from './runtime.js';
import { containerdWasmtime, runwasiWasmtimeRelease, SHIM_PROGRAM } from './runwasi.js';
import { wasmedgeCli, wasmedgeRelease } from './wasmedge.js';
import { wasmerCli, wasmerRelease } from './wasmer.js';
import { wasmtimeCli, wasmtimeRelease } from './wasmtime.js';
import { wazeroCli, wazeroRelease } from './wazero.js';

export type {
  CaseRequest,
  LoadedModule,
  ModuleImage,
  Preopen,
  RunRequest,
  RunResult,
  Runtime,
  RuntimeName,
} from './runtime.js';
export { InstallError, type InstallOptions } from './install.js';

interface RuntimeKind {
  /** The program found on PATH, installed from `release` and kept in the tool cache under this name. */
  program: string;
  release: ReleaseSource;
  /** The adapter over the program at `bin`. */
  adapter(bin: string, env: NodeJS.ProcessEnv): Runtime;
}

function cliKind(spec: CliRuntimeSpec, release: ReleaseSource): RuntimeKind {
  return { program: spec.name, release, adapter: (bin, env) => cliRuntime(spec, bin, env) };
}

const KINDS: Record<RuntimeName, RuntimeKind> = {
  wasmtime: cliKind(wasmtimeCli, wasmtimeRelease),
  wazero: cliKind(wazeroCli, wazeroRelease),
  wasmer: cliKind(wasmerCli, wasmerRelease),
  wasmedge: cliKind(wasmedgeCli, wasmedgeRelease),
  node: cliKind(nodeCli(), nodeRelease),
  'containerd-wasmtime': {
    program: SHIM_PROGRAM,
    release: runwasiWasmtimeRelease,
    adapter: (bin, env) => containerdWasmtime(bin, env),
  },
};

/** One entry of a `runtimes` list: `wasmtime` or `wasmtime@48.0.8`. */
export interface RuntimeRequest {
  name: RuntimeName;
  version?: string;
}

export function parseRuntimeRequest(text: string): RuntimeRequest {
  const [name, version, extra] = text.trim().split('@');
  if (!(RUNTIMES as readonly string[]).includes(name!)) {
    throw new Error(`unknown runtime "${text.trim()}": use one of ${RUNTIMES.join(', ')}`);
  }
  if (
    extra !== undefined ||
    (version !== undefined && !/^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/.test(version))
  ) {
    throw new Error(`"${text.trim()}": a runtime's version is a number like ${name}@1.2.3`);
  }
  const req: RuntimeRequest = { name: name as RuntimeName };
  if (version) req.version = version.replace(/^v/, '');
  return req;
}

/**
 * The adapter for a program already chosen (tests, a laptop): `bin` defaults to the name on PATH. For
 * node, `jcoDir` (installJco's directory) adds components.
 */
export function runtimeAt(
  name: RuntimeName,
  bin?: string,
  env: NodeJS.ProcessEnv = process.env,
  jcoDir?: string,
): Runtime {
  if (name === 'node') {
    const node = bin ?? process.execPath;
    return withLoadedModules(cliRuntime(nodeCli(jcoDir), node, nodeEnv()), node, nodeEnv(), jcoDir);
  }
  const kind = KINDS[name];
  return kind.adapter(bin ?? findOnPath(kind.program, env.PATH ?? '') ?? kind.program, env);
}

export interface ResolveOptions extends InstallOptions {
  /** The modules to run include components: node then gets jco's packages (see jco.ts). */
  components?: boolean;
}

export interface ResolvedRuntime {
  runtime: Runtime;
  version: string;
  source: InstalledProgram['source'] | 'self';
  bin: string;
}

/**
 * Finds or installs the program for a request and checks that it runs and reports the version asked for:
 * a release is verified by what it provides as well as by its checksum.
 */
export async function resolveRuntime(
  req: RuntimeRequest,
  opts: ResolveOptions = {},
): Promise<ResolvedRuntime> {
  const kind = KINDS[req.name];
  const searchPath = opts.searchPath ?? process.env.PATH ?? '';
  let program: InstalledProgram | undefined;
  let source: ResolvedRuntime['source'] | undefined;
  if (req.name === 'node' && !req.version) {
    program = { bin: process.execPath, source: 'path' };
    source = 'self';
  } else if (req.version) {
    // A pinned version that PATH already has needs no download.
    const onPath = findOnPath(kind.program, searchPath);
    if (onPath && (await runtimeAt(req.name, onPath).version()) === req.version) {
      program = { bin: onPath, version: req.version, source: 'path' };
    }
  }
  program ??= await installProgram(kind.program, kind.release, req.version, { ...opts, searchPath });
  let jcoDir: string | undefined;
  if (req.name === 'node' && opts.components) {
    const jco = await installJco(opts);
    jcoDir = jco.dir;
    opts.log?.(`node runs components through ${jcoDescription} (${jco.source}: ${jco.dir})`);
  }
  const runtime = runtimeAt(req.name, program.bin, undefined, jcoDir);
  let version: string;
  try {
    version = await runtime.version();
  } catch (e) {
    throw new Error(
      `${req.name} at ${program.bin} does not run: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const want = req.version ?? program.version;
  if (want && version !== want) {
    throw new Error(`${program.bin} reports ${req.name} ${version}, not the ${want} that was asked for`);
  }
  return { runtime, version, source: source ?? program.source, bin: program.bin };
}
