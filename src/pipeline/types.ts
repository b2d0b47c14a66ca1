import type { KeyObject } from 'node:crypto';
// The pipeline's contract with its faces (the action, the CLI, the demo): what goes in, what it may use
// of the outside world, and the report that comes out.
import type { ProcessOptions, ProcessResult } from '../process.js';
import type { ResolvedRuntime, RuntimeRequest } from '../runtimes/index.js';

export interface PipelineInputs {
  /** The wasm.toml, relative to the working directory or absolute. */
  file: string;
  /** The build context directory. */
  context: string;
  /** Modules to build (`--target`); empty: every module the file defines. */
  targets: string[];
  buildArgs: Record<string, string>;
  /** Full references (`registry/repo:tag`) to publish under. */
  tags: string[];
  labels: Record<string, string>;
  /** buildx `--annotation` values, as given. */
  annotations: string[];
  runtimes: RuntimeRequest[];
  /** Run the `[[module.test]]` cases; false: nothing is verified, so no `T-<runtime>` tag. */
  tests: boolean;
  /** How many test cases run at once (default: the machine's cores). */
  testJobs: number;
  /** Suffix of the CNCF Wasm artifact tag, e.g. "-wasm"; false: no artifact. */
  artifactSuffix: string | false;
  /** Push `T-<runtime>` for each runtime every test passed on. */
  runtimeTags: boolean;
  /** The frontend image (BUILDKIT_SYNTAX); it overrides the file's `# syntax=` line. */
  frontend: string;
  /** A buildx builder; empty: the current one. */
  builder?: string;
  cacheFrom: string[];
  cacheTo: string[];
  noCache: boolean;
  /** Build secrets for the modules' `secrets`: never build args, never in argv. */
  secrets: BuildSecret[];
  /** BuildKit's attestations, pushed as referrers of T (T stays one manifest); off unless asked. */
  provenance: boolean;
  sbom: boolean;
  /** Also push the CNCF artifact by package name and version, where wkg resolves `namespace:name@version`. */
  package?: PackageTarget;
  /** Sign every pushed manifest with this key, cosign-compatibly (src/publish/signature.ts). */
  signingKey?: KeyObject;
  /** Where layouts, extracted modules and the report go. */
  workDir: string;
  /** Replaces the origin of runtime release downloads (a mirror). */
  runtimeMirror?: string;
  /** Replaces https://registry.npmjs.org for the npm packages node needs to run components (jco). */
  npmRegistry?: string;
  githubToken?: string;
  /** buildx's progress: drawn on a terminal (`auto`), or plain lines for logs and CI. */
  progress: 'plain' | 'auto';
}

/** `namespace:name@version` and the repository wkg maps it to: `<registry>/<prefix><namespace>/<name>`. */
export interface PackageTarget {
  name: string;
  version: string;
  repository: string;
}

/** A build secret and where buildx reads it: an environment variable, a file, or a value we hold. */
export interface BuildSecret {
  id: string;
  from: { env: string } | { file: string } | { value: string };
}

/** Where a message belongs in a file, for an annotation. */
export interface FileLocation {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
}

export interface Logger {
  /** Runs one phase; the action folds it into a log group, the CLI prints its time. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warning(message: string, where?: FileLocation): void;
  error(message: string, where?: FileLocation): void;
  /** A tool's live output (BuildKit's progress), passed through as it comes. */
  output(chunk: string): void;
}

export type ProcessRunner = (
  cmd: string,
  args: readonly string[],
  opts?: ProcessOptions,
) => Promise<ProcessResult>;

export interface PipelineDeps {
  env: NodeJS.ProcessEnv;
  log: Logger;
  run: ProcessRunner;
  /**
   * Finds or installs a runtime (the action's installer; a fixed table in tests); `components`: the
   * modules include components, which node then runs through jco.
   */
  resolveRuntime: (req: RuntimeRequest, needs: { components: boolean }) => Promise<ResolvedRuntime>;
}

export type Phase = 'input' | 'build' | 'test' | 'push';

export interface ModuleReport {
  name: string;
  /** Path of the module in the image, e.g. `/hello.wasm`. */
  path: string;
  size: number;
  digest: string;
  kind: 'module' | 'component';
  /** Where it was written on this machine, for the runtimes. */
  file: string;
}

export interface TestReport {
  module: string;
  runtime: string;
  test: string;
  passed: boolean;
  /** Why it did not run (a component on a runtime of core modules only); not passed either. */
  skipped?: string;
  /** Why it failed: expected vs actual, in words. */
  problems: string[];
  ms: number;
  /** The test's `[[module.test]]` in the file. */
  where: FileLocation;
}

export interface TagReport {
  reference: string;
  tag: string;
  kind: 'image' | 'artifact' | 'runtime' | 'package';
  digest: string;
  runtime?: string;
  /** The digest of its signature manifest (`sha256-<hex>.sig`), when it was signed. */
  signature?: string;
  /** The digest of its signed attestations (`sha256-<hex>.att`), when attestations were signed too. */
  attestation?: string;
}

export interface ImageReport {
  /** The `--target` this image was built with, if any. */
  target?: string;
  /** Its name among several images: the repository suffix it is pushed under then. */
  name: string;
  modules: ModuleReport[];
  digest: string;
  /** Manifest + config + layers, as stored. */
  size: number;
  layout: string;
  tags: TagReport[];
}

export interface RuntimeReport {
  name: string;
  version: string;
  source: ResolvedRuntime['source'];
  /** Every applicable test on every module passed, and at least one ran. */
  verified: boolean;
}

export interface PipelineReport {
  file: string;
  ok: boolean;
  /** The phase that failed, and why, in one paragraph. */
  failure?: { phase: Phase; message: string };
  images: ImageReport[];
  runtimes: RuntimeReport[];
  tests: TestReport[];
  /** Seconds per phase that ran. */
  timings: Partial<Record<Phase, number>>;
}
