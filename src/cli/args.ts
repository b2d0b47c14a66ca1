// wasm-build's command line as data: argv -> the command and the same raw inputs the action reads.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_ARTIFACT_SUFFIX,
  DEFAULT_RUNTIMES,
  parseSecretSpec,
  type RawInputs,
} from '../pipeline/inputs.js';
import { DEFAULT_FRONTEND } from '../version.js';

export const COMMANDS = ['build', 'test', 'push', 'run'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliRequest {
  command: Command;
  raw: RawInputs;
  /** `build --push` is `push`: the same build, verified first. */
  until: 'build' | 'test' | 'push';
  /** Where the JSON report goes. */
  reportFile: string;
  /** No --work-dir: the run builds in a directory of its own under the default one (see work-dir.ts). */
  ownRunDir: boolean;
  /** `run`: the guest's arguments, after `--`. */
  guestArgs: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const options = {
  file: { type: 'string', short: 'f' },
  target: { type: 'string', multiple: true },
  'build-arg': { type: 'string', multiple: true },
  tag: { type: 'string', short: 't', multiple: true },
  label: { type: 'string', multiple: true },
  annotation: { type: 'string', multiple: true },
  runtime: { type: 'string', short: 'r', multiple: true },
  'no-test': { type: 'boolean' },
  'test-jobs': { type: 'string' },
  push: { type: 'boolean' },
  'artifact-suffix': { type: 'string' },
  'no-artifact': { type: 'boolean' },
  'no-runtime-tags': { type: 'boolean' },
  package: { type: 'string' },
  'sign-key': { type: 'string' },
  'package-registry': { type: 'string' },
  frontend: { type: 'string' },
  builder: { type: 'string' },
  'cache-from': { type: 'string', multiple: true },
  'cache-to': { type: 'string', multiple: true },
  'no-cache': { type: 'boolean' },
  secret: { type: 'string', multiple: true },
  provenance: { type: 'boolean' },
  sbom: { type: 'boolean' },
  'runtime-mirror': { type: 'string' },
  'npm-registry': { type: 'string' },
  'work-dir': { type: 'string' },
  report: { type: 'string' },
  progress: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Comma-separated or repeated: `-r wasmtime,node` is `-r wasmtime -r node`. */
function commaList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  isTerminal: boolean,
): CliRequest | 'help' {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const guestArgs = dash >= 0 ? argv.slice(dash + 1) : [];
  let parsed;
  try {
    parsed = parseArgs({ args: [...own], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help || positionals.length === 0) return 'help';
  const [command, context, ...extra] = positionals;
  if (!(COMMANDS as readonly string[]).includes(command!)) {
    throw new UsageError(`unknown command "${command}": use one of ${COMMANDS.join(', ')} or init`);
  }
  if (extra.length) throw new UsageError(`one build context at most (got ${[context, ...extra].join(' ')})`);
  if (guestArgs.length && command !== 'run') throw new UsageError('arguments after -- are for `run` only');
  if (v.push && (command === 'test' || command === 'run')) {
    throw new UsageError(`--push goes with build; \`${command}\` never pushes (use \`push\`)`);
  }
  const progress = v.progress ?? (isTerminal && !env.CI ? 'auto' : 'plain');
  if (progress !== 'auto' && progress !== 'plain')
    throw new UsageError(`--progress is auto or plain, not ${progress}`);
  const workDir = v['work-dir'] ?? '.wasm-build';
  const raw: RawInputs = {
    file: v.file,
    context: context ?? '.',
    targets: commaList(v.target),
    buildArgs: v['build-arg'] ?? [],
    tags: v.tag ?? [],
    labels: v.label ?? [],
    annotations: v.annotation ?? [],
    runtimes: commaList(v.runtime),
    tests: !v['no-test'],
    testJobs: v['test-jobs'],
    artifact: v['no-artifact'] ? 'false' : (v['artifact-suffix'] ?? DEFAULT_ARTIFACT_SUFFIX),
    runtimeTags: !v['no-runtime-tags'],
    package: v.package,
    packageRegistry: v['package-registry'],
    signKey: v['sign-key'] === undefined ? undefined : readKeyFile(v['sign-key']),
    frontend: v.frontend ?? env.WASM_BUILD_FRONTEND,
    builder: v.builder,
    cacheFrom: v['cache-from'] ?? [],
    cacheTo: v['cache-to'] ?? [],
    noCache: Boolean(v['no-cache']),
    provenance: Boolean(v.provenance),
    sbom: Boolean(v.sbom),
    secrets: (v.secret ?? []).map(parseSecretSpec),
    runtimeMirror: v['runtime-mirror'],
    npmRegistry: v['npm-registry'],
    githubToken: env.GITHUB_TOKEN,
    workDir,
    progress,
  };
  const until =
    command === 'push' || (command === 'build' && v.push) ? 'push' : command === 'test' ? 'test' : 'build';
  return {
    command: command as Command,
    raw,
    until,
    reportFile: v.report ?? `${workDir}/report.json`,
    ownRunDir: v['work-dir'] === undefined,
    guestArgs,
  };
}

export const HELP = `wasm-build: build WebAssembly into OCI images, test-run it on real runtimes, push what passed.

Usage: wasm-build <command> [options] [CONTEXT]
       wasm-build init [DIR]

Commands:
  build   build the image(s) of CONTEXT/wasm.toml into OCI layouts under --work-dir
          (with --push: test, then push, as \`push\` does)
  test    build, then run every [[module.test]] on every --runtime
  push    build, test, then push T, T-wasm and T-<runtime> for each --tag
  run     build, then run the module on the first --runtime with the arguments after --
  init    write a wasm.toml for the project in DIR (default .): see wasm-build init --help

Options:
  -f, --file FILE          the wasm.toml (default CONTEXT/wasm.toml)
      --target NAME        a module to build (repeat or comma-separate; default every module)
      --build-arg K=V      a build argument (repeat)
  -t, --tag REF            registry/repository:tag to push (repeat)
      --label K=V          an image label (repeat)
      --annotation A       a buildx annotation, e.g. manifest:org.opencontainers.image.source=... (repeat)
  -r, --runtime R[@V]      a runtime to test on, optionally pinned (repeat or comma-separate;
                           default ${DEFAULT_RUNTIMES.join(',')}; wasmtime, wazero, wasmer, wasmedge, node,
                           containerd-wasmtime: containerd with runwasi's wasmtime shim)
      --no-test            push without test-runs (then no T-<runtime> tags)
      --test-jobs N        test cases run at once (default the machine's cores)
      --push               with build: test, then push
      --artifact-suffix S  suffix of the CNCF Wasm artifact tag (default ${DEFAULT_ARTIFACT_SUFFIX})
      --no-artifact        push no artifact tag
      --no-runtime-tags    push no T-<runtime> tags
      --package NS:NAME@V  also push the artifact as a package wkg resolves:
                           <package-registry>/<ns>/<name>:<version>
      --package-registry R the registry (and path) for --package (default the first tag's parent)
      --sign-key FILE      sign every pushed manifest with this PEM ECDSA P-256 key, as cosign does
                           (verify with cosign verify --key <public key>)
      --frontend IMAGE     the frontend image (default $WASM_BUILD_FRONTEND, else ${DEFAULT_FRONTEND})
      --builder NAME       the buildx builder (default the current one)
      --cache-from C, --cache-to C, --no-cache     as with buildx
      --secret SPEC        a build secret for the modules' \`secrets\`, as buildx takes it:
                           id=<id>,env=<variable> or id=<id>,src=<file> (repeat)
      --provenance, --sbom BuildKit's provenance; an SPDX SBOM of the modules from their lock files;
                           both pushed as referrers of T (T stays one manifest)
      --runtime-mirror URL replaces https://github.com (and https://nodejs.org) in runtime downloads
      --npm-registry URL   replaces https://registry.npmjs.org for jco, which node runs components with
      --work-dir DIR       layouts, modules and the report (default .wasm-build)
      --report FILE        the JSON report (default WORK-DIR/report.json)
      --progress MODE      auto (a terminal) or plain (default plain in CI and when piped)
  -h, --help               this text

Exit codes: 0 done, 2 bad usage or wasm.toml, 3 build failed, 4 a test failed, 5 push failed,
1 anything else. \`run\` exits with the module's own exit code.

Examples:
  wasm-build init .
  wasm-build test examples/rust -r wasmtime,wazero
  wasm-build build --push -t registry.example/app:1.0 .
  wasm-build run examples/hello-c -- Wasm
`;

/** The signing key's file, read here so a wrong path is a usage error, not a failed push. */
function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `--sign-key ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`,
    );
  }
}
