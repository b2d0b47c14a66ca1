// What every Wasm runtime adapter offers: its version, and one run of a module with WASI inputs.
import type { Descriptor } from '../oci/index.js';
import type { RuntimeName } from '../wasm-toml/index.js';
import type { HttpCase, HttpOutcome } from './http.js';

export type { RuntimeName };

export interface Preopen {
  /** Directory on the host. */
  host: string;
  /** Path the guest sees. */
  guest: string;
}

export interface RunRequest {
  module: string;
  /** Guest arguments after argv[0]. */
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  dirs: readonly Preopen[];
  /**
   * The guest's working directory. WASI preview1 has none: it reaches the guest as `PWD`, which Go's wasip1
   * starts from (without it, Go starts in the first preopen); components also get it as wasi:cli's
   * initial-cwd on node. wasi-libc (C, C++) starts in `/` whatever is set.
   */
  cwd?: string;
  stdin?: string | Uint8Array;
  timeoutMs?: number;
}

/** The guest's environment: the request's, with `PWD` set to its working directory unless it sets its own. */
export function guestEnv(req: RunRequest): Readonly<Record<string, string>> {
  return req.cwd === undefined ? req.env : { PWD: req.cwd, ...req.env };
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  /** stdout as the module wrote it, byte for byte. */
  stdoutBytes: Uint8Array;
  stderr: string;
  timedOut: boolean;
}

/** One module to run many times: where it is, what names its compiled forms, and where they are kept. */
export interface LoadRequest {
  module: string;
  /** sha256 of the module's bytes: with the runtime's version, the key of every compiled form. */
  digest: string;
  /** Compiled forms live under `<cacheDir>/<runtime>-<version>/`. */
  cacheDir: string;
  /** The image the module came from, for runtimes that run images rather than files (containerd). */
  image?: ModuleImage;
}

export interface ModuleImage {
  /** The OCI layout directory the build wrote. */
  layout: string;
  /** The image's manifest in that layout. */
  manifest: Descriptor;
  /** The module's path in the image (`/app.wasm`). */
  path: string;
}

/** What differs between runs of one loaded module: everything but the module. */
export type CaseRequest = Omit<RunRequest, 'module'>;

/** A module compiled once (where the runtime can) and run as often as asked, each run isolated. */
export interface LoadedModule {
  run(req: CaseRequest): Promise<RunResult>;
  /** An HTTP component's case: served by the runtime (see http.ts), one request sent. */
  request?(req: HttpCase): Promise<HttpOutcome>;
  /** Ends whatever the runtime keeps for the module (a process, temporary files). */
  close(): Promise<void>;
}

export interface Runtime {
  /** The name users write in `runtimes:` lists and the suffix of the `T-<runtime>` tag. */
  readonly name: string;
  /** Whether it runs WASI 0.2 components, not only preview1 core modules. */
  readonly components: boolean;
  /** Why a case's stdin cannot reach the guest on this runtime, where it cannot: such cases are skipped. */
  readonly stdinUnavailable?: string;
  /** Whether its loaded components answer HTTP cases (`LoadedModule.request`). */
  readonly servesHttp?: boolean;
  version(): Promise<string>;
  run(req: RunRequest): Promise<RunResult>;
  /**
   * Readies a module for many runs: runtimes that can compile ahead do it once here, into `cacheDir`,
   * so each run costs an instantiation rather than a compilation.
   */
  load(req: LoadRequest): Promise<LoadedModule>;
  /** The program and argv `run` uses: to run a module by hand, and to show users how. */
  command(req: RunRequest): { bin: string; args: string[]; env: NodeJS.ProcessEnv };
}
