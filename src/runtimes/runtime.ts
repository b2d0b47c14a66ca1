// What every Wasm runtime adapter offers: its version, and one run of a module with WASI inputs.

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
  stdin?: string | Uint8Array;
  timeoutMs?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface Runtime {
  /** The name users write in `runtimes:` lists and the suffix of the `T-<runtime>` tag. */
  readonly name: string;
  version(): Promise<string>;
  run(req: RunRequest): Promise<RunResult>;
}
