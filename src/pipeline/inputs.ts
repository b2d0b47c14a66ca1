// The faces' common ground: the action's inputs and the CLI's flags arrive as strings and lists of
// strings, and become PipelineInputs here, with the same defaults and the same messages for both.
import os from 'node:os';
import path from 'node:path';
import { parseReference } from '../oci/index.js';
import { parseSigningKey } from '../publish/signature.js';
import { parseRuntimeRequest } from '../runtimes/index.js';
import { DEFAULT_FRONTEND } from '../version.js';
import { PipelineError } from './errors.js';
import type { BuildSecret, PackageTarget, PipelineInputs } from './types.js';

export const DEFAULT_RUNTIMES = ['wasmtime', 'node'];
export const DEFAULT_ARTIFACT_SUFFIX = '-wasm';

/** The inputs as the faces read them: lists and strings not yet parsed; the rest as the pipeline takes it. */
export type RawInputs = Pick<
  PipelineInputs,
  | 'targets'
  | 'tags'
  | 'annotations'
  | 'tests'
  | 'runtimeTags'
  | 'builder'
  | 'cacheFrom'
  | 'cacheTo'
  | 'noCache'
  | 'provenance'
  | 'sbom'
  | 'secrets'
  | 'runtimeMirror'
  | 'npmRegistry'
  | 'githubToken'
  | 'workDir'
  | 'progress'
> & {
  file?: string;
  context?: string;
  /** `KEY=value` items. */
  buildArgs: string[];
  labels: string[];
  /** `name` or `name@version` items. */
  runtimes: string[];
  /** A whole number of at least 1; "" for the machine's cores. */
  testJobs?: string;
  /** A tag suffix, or "false" / "" for no artifact. */
  artifact: string;
  frontend?: string;
  /** `namespace:name@version`; "" for none. */
  package?: string;
  /** `registry[/path]` the package's repository goes under; "" for the first tag's. */
  packageRegistry?: string;
  /** A PEM private key to sign what is pushed with; "" for none. A secret: never in a message. */
  signKey?: string;
};

export function toPipelineInputs(raw: RawInputs): PipelineInputs {
  const context = raw.context || '.';
  const runtimes = (raw.runtimes.length ? raw.runtimes : DEFAULT_RUNTIMES).map((r) => {
    try {
      return parseRuntimeRequest(r);
    } catch (e) {
      throw new PipelineError('input', `runtimes: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  const names = runtimes.map((r) => r.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new PipelineError('input', `runtimes: ${twice} is listed twice`);
  const artifact = raw.artifact.trim();
  const inputs: PipelineInputs = {
    file: raw.file || path.join(context, 'wasm.toml'),
    context,
    targets: raw.targets,
    buildArgs: keyValues('build-args', raw.buildArgs),
    tags: raw.tags,
    labels: keyValues('labels', raw.labels),
    annotations: raw.annotations,
    runtimes,
    tests: raw.tests,
    testJobs: testJobs(raw.testJobs),
    artifactSuffix: artifact === '' || /^false$/i.test(artifact) ? false : artifact,
    runtimeTags: raw.runtimeTags,
    frontend: raw.frontend || DEFAULT_FRONTEND,
    cacheFrom: raw.cacheFrom,
    cacheTo: raw.cacheTo,
    noCache: raw.noCache,
    provenance: raw.provenance,
    sbom: raw.sbom,
    secrets: raw.secrets,
    workDir: raw.workDir,
    progress: raw.progress,
  };
  if (raw.package?.trim())
    inputs.package = packageTarget(raw.package.trim(), raw.packageRegistry?.trim(), raw.tags);
  if (raw.signKey?.trim()) {
    try {
      inputs.signingKey = parseSigningKey(raw.signKey);
    } catch (e) {
      throw new PipelineError('input', `sign-key: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (raw.builder) inputs.builder = raw.builder;
  if (raw.runtimeMirror) inputs.runtimeMirror = raw.runtimeMirror;
  if (raw.npmRegistry) inputs.npmRegistry = raw.npmRegistry;
  if (raw.githubToken) inputs.githubToken = raw.githubToken;
  return inputs;
}

/** A WIT package name's parts: kebab-case words, each starting with a letter. */
const WIT_LABEL = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;
/** SemVer 2.0 without build metadata: `+` is not allowed in a tag, and wkg lists only semver tags. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

/**
 * `namespace:name@version` (a leading `v` on the version is dropped: a git tag's `v1.2.3` is wkg's 1.2.3),
 * and the repository wkg maps it to: `<registry>/<namespace>/<name>`, the registry by default the first
 * tag's registry and parent path (`ghcr.io/org/app:v1` gives `ghcr.io/org`).
 */
export function packageTarget(
  text: string,
  registry: string | undefined,
  tags: readonly string[],
): PackageTarget {
  const m = /^([^:@]+):([^:@]+)@(.+)$/.exec(text);
  if (!m || !WIT_LABEL.test(m[1]!) || !WIT_LABEL.test(m[2]!)) {
    throw new PipelineError(
      'input',
      `package: "${text}" is not namespace:name@version, e.g. example:hello@1.2.3 (kebab-case names, as in WIT)`,
    );
  }
  const version = m[3]!.replace(/^v(?=\d)/, '');
  if (!SEMVER.test(version)) {
    throw new PipelineError(
      'input',
      `package: "${m[3]}" is not a semantic version like 1.2.3 or 1.2.3-rc.1 (wkg ignores other tags; no +build part)`,
    );
  }
  let base = registry?.replace(/\/+$/, '');
  if (!base) {
    if (!tags[0]) {
      throw new PipelineError(
        'input',
        'package-registry: give the registry to push the package under, e.g. ghcr.io/my-org',
      );
    }
    let ref;
    try {
      ref = parseReference(tags[0]);
    } catch (e) {
      throw new PipelineError('input', `tags: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parent = path.posix.dirname(ref.repository);
    base = parent === '.' ? ref.registry : `${ref.registry}/${parent}`;
  }
  return { name: `${m[1]}:${m[2]}`, version, repository: `${base}/${m[1]}/${m[2]}` };
}

function testJobs(text: string | undefined): number {
  if (!text?.trim()) return os.availableParallelism();
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1) {
    throw new PipelineError('input', `test-jobs: "${text}" is not a whole number of at least 1`);
  }
  return n;
}

/** `KEY=value` items (a value may hold `=`) as a map; a later key wins, as with buildx. */
export function keyValues(what: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new PipelineError('input', `${what}: "${item}" is not KEY=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** buildx's `--secret` syntax, as the CLI takes it: `id=npm,env=NPM_TOKEN` or `id=npm,src=path`. */
export function parseSecretSpec(text: string): BuildSecret {
  const fields = new Map(
    text.split(',').map((kv) => {
      const eq = kv.indexOf('=');
      return [eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1)] as const;
    }),
  );
  const id = fields.get('id');
  const env = fields.get('env');
  const file = fields.get('src') ?? fields.get('source');
  if (!id || (!env && !file)) {
    throw new PipelineError('input', `secret "${text}": give id=<id> and env=<variable> or src=<file>`);
  }
  return { id, from: env ? { env } : { file: file! } };
}

/** The action's `secrets` lines, `id=value` as docker/build-push-action takes them. */
export function parseSecretValue(line: string): BuildSecret {
  const eq = line.indexOf('=');
  if (eq <= 0) throw new PipelineError('input', 'secrets: each line is id=value');
  return { id: line.slice(0, eq), from: { value: line.slice(eq + 1) } };
}
