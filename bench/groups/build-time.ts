// 1. Build time, frontend vs Dockerfile on the same buildkitd, for three examples and three cases: cold
// (build cache pruned, pulled images kept), a no-op rebuild, and a one-line source change. The Dockerfiles
// build in the same toolchain image with BuildKit's built-in dockerfile.v0, with and without cache mounts,
// and (no-op) through BuildKit's Dockerfile frontend as a `# syntax=` image, which pays the same container
// start as the wasm frontend.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../testbed/config.js';
import { withSyntax } from '../../test/support/frontend.js';
import { buildx, type BuildRequest } from '../build.js';
import { pruneBuildCache, type Bench } from '../context.js';
import { alternate, summarize, type Summary, type Variant } from '../runner.js';
import { dockerfileSample, frontendSample, type BuildSample } from '../samples.js';

export interface Example {
  name: string;
  /** The testbed image (IMAGE_* key) and the frontend's build arg suffix for it. */
  toolchain: string;
  language: string;
  dockerfile: string;
  cacheMounts?: string;
  /** The one-line change of run `r`: `from` (in the example as committed) becomes `to(r)`. */
  change: { file: string; from: string; to: (run: number) => string };
}

const dockerfiles = path.join(repoRoot, 'bench', 'dockerfiles');

export const examples: Example[] = [
  {
    name: 'hello-c',
    toolchain: 'toolchain_c',
    language: 'C',
    dockerfile: path.join(repoRoot, 'examples', 'hello-c', 'Dockerfile'),
    change: { file: 'hello.c', from: '"Hello"', to: (r) => `"Hello ${r}"` },
  },
  {
    name: 'rust-crates',
    toolchain: 'toolchain_rust',
    language: 'RUST',
    dockerfile: path.join(dockerfiles, 'rust-crates.Dockerfile'),
    cacheMounts: path.join(dockerfiles, 'rust-crates.cache-mounts.Dockerfile'),
    change: { file: 'src/main.rs', from: '"total: {}"', to: (r) => `"total ${r}: {}"` },
  },
  {
    name: 'go',
    toolchain: 'toolchain_go',
    language: 'GO',
    dockerfile: path.join(dockerfiles, 'go.Dockerfile'),
    cacheMounts: path.join(dockerfiles, 'go.cache-mounts.Dockerfile'),
    change: { file: 'cmd/greet/main.go', from: '"greet %s\\n"', to: (r) => `"greet %s (${r})\\n"` },
  },
];

export interface CaseResult extends Summary {
  example: string;
  case: 'cold' | 'no-op' | 'change';
  /** The wasm frontend's gateway calls in its last run of the case. */
  calls?: Record<string, number>;
  /** The largest peak RSS of the frontend over the case's runs, MiB. */
  peakRssMiB?: number;
}

/**
 * A copy of the example with the Dockerfiles beside wasm.toml, which names the testbed's frontend; made
 * once per benchmark, so later groups build the same context (and find its steps cached).
 */
export function prepareExample(b: Bench, ex: Example): string {
  const dir = path.join(b.work, ex.name, 'context');
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(repoRoot, 'examples', ex.name), dir, { recursive: true });
  withSyntax(b.tb, path.join(dir, 'wasm.toml'));
  copyFileSync(ex.dockerfile, path.join(dir, 'Dockerfile'));
  if (ex.cacheMounts) copyFileSync(ex.cacheMounts, path.join(dir, 'Dockerfile.cache-mounts'));
  const text = readFileSync(ex.dockerfile, 'utf8');
  writeFileSync(path.join(dir, 'Dockerfile.syntax'), `# syntax=${b.dockerfileFrontend}\n${text}`);
  return dir;
}

/** The frontend build of an example (its wasm.toml, or `file`), as every group asks for it. */
export function frontendBuild(b: Bench, ex: Example, out: string, file?: string): BuildRequest {
  const dir = prepareExample(b, ex);
  return {
    file: file ?? path.join(dir, 'wasm.toml'),
    context: dir,
    platform: 'wasi/wasm',
    buildArgs: { [`WASM_TOOLCHAIN_IMAGE_${ex.language}`]: toolchainImage(b, ex), ...goProxyArg(b, ex) },
    out,
    trace: true,
  };
}

/** A Dockerfile build of an example: `file` is Dockerfile, Dockerfile.cache-mounts or Dockerfile.syntax. */
export function dockerfileBuild(b: Bench, ex: Example, out: string, file = 'Dockerfile'): BuildRequest {
  const dir = prepareExample(b, ex);
  return {
    file: path.join(dir, file),
    context: dir,
    buildArgs: { TOOLCHAIN: toolchainImage(b, ex), ...goProxyArg(b, ex) },
    out,
  };
}

function toolchainImage(b: Bench, ex: Example): string {
  const image = b.tb.images[ex.toolchain];
  if (!image) throw new Error(`.testbed/env has no IMAGE_${ex.toolchain.toUpperCase()}`);
  return image;
}

/** Go fetches from the benchmark's loopback module proxy (both builds), so no run waits on the network. */
const goProxyArg = (b: Bench, ex: Example): Record<string, string> =>
  ex.language === 'GO' ? { GOPROXY: b.goproxy.url } : {};

function variants(b: Bench, ex: Example): Variant<BuildSample>[] {
  const out = (v: string) => path.join(b.work, ex.name, `out-${v}`);
  const dockerfile = (name: string, file: string, syntax?: string): Variant<BuildSample> => ({
    name,
    measure: async () => dockerfileSample(await buildx(b, dockerfileBuild(b, ex, out(name), file)), syntax),
  });
  return [
    {
      name: 'frontend',
      measure: async () => frontendSample(await buildx(b, frontendBuild(b, ex, out('frontend'))), b.frontend),
    },
    dockerfile('dockerfile', 'Dockerfile'),
    dockerfile('dockerfile-syntax', 'Dockerfile.syntax', b.dockerfileFrontend),
    ...(ex.cacheMounts ? [dockerfile('dockerfile-cache-mounts', 'Dockerfile.cache-mounts')] : []),
  ];
}

interface Case {
  name: CaseResult['case'];
  variants: string[];
  /** Variants built once, untimed, before the first run. */
  warm: string[];
  pairs: [string, string][];
}

function cases(ex: Example): Case[] {
  const mounts = ex.cacheMounts ? ['dockerfile-cache-mounts'] : [];
  return [
    // Warming up with the Dockerfile pulls the toolchain image, which pruning keeps.
    {
      name: 'cold',
      variants: ['frontend', 'dockerfile'],
      warm: ['dockerfile'],
      pairs: [['frontend', 'dockerfile']],
    },
    {
      name: 'no-op',
      variants: ['frontend', 'dockerfile-syntax', 'dockerfile'],
      warm: ['frontend', 'dockerfile-syntax', 'dockerfile'],
      pairs: [
        ['frontend', 'dockerfile-syntax'],
        ['frontend', 'dockerfile'],
      ],
    },
    {
      name: 'change',
      variants: ['frontend', 'dockerfile', ...mounts],
      warm: ['frontend', 'dockerfile', ...mounts],
      pairs: [['frontend', 'dockerfile'], ...mounts.map((m): [string, string] => ['frontend', m])],
    },
  ];
}

export async function buildTime(b: Bench): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [i, ex] of examples.entries()) {
    const dir = prepareExample(b, ex);
    if (i === 0) {
      // Pulls the frontend image, which pruning keeps: its download is timed by the frontend-image group.
      await buildx(b, { file: path.join(dir, 'wasm.toml'), context: dir, call: 'targets' });
    }
    const all = variants(b, ex);
    const pick = (names: string[]) => all.filter((v) => names.includes(v.name));
    const changed = path.join(dir, ex.change.file);
    const original = readFileSync(changed, 'utf8');
    if (!original.includes(ex.change.from)) throw new Error(`${ex.change.file} has no ${ex.change.from}`);
    for (const c of cases(ex)) {
      b.say(`${ex.name} ${c.name}: warming up`);
      for (const v of pick(c.warm)) await v.measure(-1);
      const measured = pick(c.variants).map((v) =>
        c.name === 'cold' ? { ...v, prepare: () => pruneBuildCache(b) } : v,
      );
      const edit =
        c.name === 'change'
          ? async (run: number) => writeFileSync(changed, original.replace(ex.change.from, ex.change.to(run)))
          : undefined;
      const samples = await alternate(b.runs, measured, edit, (v, run, s) =>
        b.say(`${ex.name} ${c.name} run ${run + 1}: ${v} ${(s.ms / 1000).toFixed(2)} s`),
      );
      const frontend = samples.frontend ?? [];
      results.push({
        example: ex.name,
        case: c.name,
        ...summarize(samples, c.pairs),
        ...(frontend.at(-1)?.calls ? { calls: frontend.at(-1)!.calls } : {}),
        peakRssMiB: Math.max(...frontend.map((s) => s.metrics.maxRssMiB ?? 0)),
      });
    }
    // Back to the example as committed, whose builds later groups then find cached.
    writeFileSync(changed, original);
  }
  return results;
}
