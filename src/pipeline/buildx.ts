// `docker buildx build` for a wasm.toml, as argv: pure, so every input's effect is unit-testable.
import { findOnPath } from '../process.js';

/**
 * How buildx is run: as the Docker CLI plugin (`docker buildx`), the way docker/setup-buildx-action and
 * Docker Desktop install it, or as a standalone `buildx` where there is no `docker` command.
 */
export function buildxCommand(env: NodeJS.ProcessEnv): [string, ...string[]] {
  return findOnPath('docker', env.PATH ?? '') ? ['docker', 'buildx'] : ['buildx'];
}

export interface BuildxInputs {
  /** Build context directory. */
  context: string;
  /** The definition file (`-f`), e.g. `wasm.toml` or `path/to/wasm.toml`. */
  file: string;
  /** Frontend image; when set it overrides the file's `# syntax=` line (mirrors, air-gapped runners). */
  frontend?: string;
  builder?: string;
  platform?: string;
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
  /** `--annotation` values as the user wrote them (`key=value`, `manifest:key=value`, ...). */
  annotations?: readonly string[];
  /** Where the OCI layout goes (`type=oci`, as a directory). */
  layoutDir: string;
  /** buildx writes the build result here (`containerimage.digest`, ...). */
  metadataFile?: string;
  noCache?: boolean;
  cacheFrom?: readonly string[];
  cacheTo?: readonly string[];
  /** Provenance makes the layout an index; publishing pushes it as a referrer of T. Off unless asked. */
  provenance?: boolean;
  /** An SBOM attestation does the same; off unless asked. */
  sbom?: boolean;
  /** `--secret` values (`id=...,env=...` or `id=...,src=...`): never the secret itself. */
  secrets?: readonly string[];
  /** `plain` for logs and CI, `auto` on a terminal. */
  progress?: 'plain' | 'auto';
  /** The build record's name (`BUILDKIT_BUILD_NAME`), to find its log afterwards. */
  buildName?: string;
}

export function buildxArgs(inputs: BuildxInputs): string[] {
  const args = ['build'];
  if (inputs.builder) args.push(`--builder=${inputs.builder}`);
  args.push(`--progress=${inputs.progress ?? 'plain'}`, `--file=${inputs.file}`);
  args.push(`--platform=${inputs.platform ?? 'wasi/wasm'}`);
  if (inputs.target) args.push(`--target=${inputs.target}`);
  if (inputs.frontend) args.push(`--build-arg=BUILDKIT_SYNTAX=${inputs.frontend}`);
  for (const [k, v] of sorted(inputs.buildArgs)) args.push(`--build-arg=${k}=${v}`);
  if (inputs.buildName) args.push(`--build-arg=BUILDKIT_BUILD_NAME=${inputs.buildName}`);
  for (const [k, v] of sorted(inputs.labels)) args.push(`--label=${k}=${v}`);
  for (const a of inputs.annotations ?? []) args.push(`--annotation=${a}`);
  args.push(`--provenance=${inputs.provenance ? 'true' : 'false'}`);
  args.push(`--sbom=${inputs.sbom ? 'true' : 'false'}`);
  for (const s of inputs.secrets ?? []) args.push(`--secret=${s}`);
  if (inputs.noCache) args.push('--no-cache');
  for (const c of inputs.cacheFrom ?? []) args.push(`--cache-from=${c}`);
  for (const c of inputs.cacheTo ?? []) args.push(`--cache-to=${c}`);
  if (inputs.metadataFile) args.push(`--metadata-file=${inputs.metadataFile}`);
  args.push(`--output=type=oci,dest=${inputs.layoutDir},tar=false`);
  args.push(inputs.context);
  return args;
}

function sorted(map: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The message and wasm.toml line of a failed build, from buildx's output: its last `ERROR:` line, the log
 * tail of the step that failed (the block buildx prints between `------` rules), and the first line
 * BuildKit marked with `>>>` in the snippet of the file it prints.
 */
export function buildxFailure(output: string): { message: string; line?: number } {
  const errors = [...output.matchAll(/^ERROR: (.*)$/gm)];
  let message = errors.at(-1)?.[1]?.trim() ?? lastLines(output, 1);
  const step = /^------\n( > [^\n]*:\n[\s\S]*?)^------$/m.exec(output);
  if (step) message += `\n${step[1]!.trimEnd()}`;
  const marked = /^\s*(\d+) \| >>> /m.exec(output);
  return marked ? { message, line: Number(marked[1]) } : { message };
}

export function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}
