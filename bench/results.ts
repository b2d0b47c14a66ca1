// The results file's shape, and the targets (issues 10 and 18) judged against it (pure: the report and its unit
// tests read the same function).
import type { CaseResult } from './groups/build-time.js';
import type { FrontendImageResult } from './groups/frontend-image.js';
import type { SizeResult } from './groups/image-size.js';
import type { PushResult } from './groups/push.js';
import type { ScaleResult } from './groups/scale.js';
import type { VerificationResult } from './groups/verification.js';

/** The benchmark groups, in the order they run; BENCH_GROUPS may pick some. */
export const GROUPS = ['build', 'scale', 'size', 'push', 'frontend-image', 'verification'] as const;

export interface Results {
  command: string;
  date: string;
  runs: number;
  /** Groups run (all unless BENCH_GROUPS chose some). */
  groups: string[];
  seconds: number;
  machine: { cores: number; memoryBytes: number; cpu: string; loadAverage: number[]; note: string };
  versions: Record<string, string>;
  build?: CaseResult[];
  scale?: ScaleResult;
  size?: SizeResult[];
  push?: PushResult;
  frontendImage?: FrontendImageResult;
  verification?: VerificationResult;
  targets: Target[];
}

export interface Target {
  figure: string;
  value: string;
  target: string;
  met: boolean;
  /** What else the run measured that bears on it (the step that costs the time, the calls made). */
  evidence: string;
}

const s = (ms: number | undefined) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(2)} s`);
const ms = (x: number | undefined) => (x === undefined ? '?' : `${Math.round(x)} ms`);
const x = (r: number | undefined) => (r === undefined ? '?' : `${r.toFixed(2)}x`);
const n = (v: number | undefined) => (v === undefined ? '?' : String(v));
const MB = 1e6;
/** Peak RSS from the trace (KiB-based MiB) in MB, the target's unit. */
const mb = (mib: number) => (mib * 1024 * 1024) / MB;

/** An estimate from the medians: the frontend's time less its wasm-opt step, over `baseline`'s. */
function withoutWasmOpt(c: CaseResult, baseline: string): string {
  const f = c.variants.frontend;
  const b = c.variants[baseline];
  if (!f || !b || f.metrics.wasmOptMs === undefined) return '?';
  return `~${x((f.ms - f.metrics.wasmOptMs) / b.ms)}`;
}

export function targets(r: Omit<Results, 'targets'>): Target[] {
  const out: Target[] = [];
  const build = (example: string, c: string) => r.build?.find((b) => b.example === example && b.case === c);
  for (const example of [...new Set(r.build?.map((b) => b.example))]) {
    const noop = build(example, 'no-op');
    const f = noop?.variants.frontend?.metrics;
    if (noop) {
      const calls = Object.entries(noop.calls ?? {})
        .map(([m, n]) => `${m} ${n}`)
        .join(', ');
      out.push({
        figure: `${example}: no-op rebuild vs the Dockerfile through a \`# syntax=\` Dockerfile frontend`,
        value: x(noop.ratios['frontend/dockerfile-syntax']),
        target: '<= 1.10x',
        met: noop.ratios['frontend/dockerfile-syntax']! <= 1.1,
        evidence: `${s(noop.variants.frontend?.ms)} vs ${s(noop.variants['dockerfile-syntax']?.ms)}; vs the built-in dockerfile.v0 ${x(noop.ratios['frontend/dockerfile'])} (${s(noop.variants.dockerfile?.ms)})`,
      });
      out.push({
        figure: `${example}: the frontend's own time, start to Return, on a no-op`,
        value: ms(f?.ownMs),
        target: '<= 150 ms',
        met: (f?.ownMs ?? Infinity) <= 150,
        evidence: `node start to first Solve ${ms(f?.processToSolveMs)}; ${f?.rpcs ?? '?'} gateway calls (${calls})`,
      });
    }
    const cold = build(example, 'cold');
    if (cold) {
      const cf = cold.variants.frontend;
      const pull = r.frontendImage?.variants.frontend?.ms;
      out.push({
        figure: `${example}: cold build vs the built-in dockerfile.v0`,
        value: x(cold.ratios['frontend/dockerfile']),
        target: '<= 1.05x',
        met: cold.ratios['frontend/dockerfile']! <= 1.05,
        evidence:
          `${s(cf?.ms)} vs ${s(cold.variants.dockerfile?.ms)}; the frontend's wasm-opt step ${s(cf?.metrics.wasmOptMs)}, ` +
          `its compile ${s(cf?.metrics.compileMs)}; without the wasm-opt step ${withoutWasmOpt(cold, 'dockerfile')}` +
          (pull === undefined ? '' : `; a fresh runner also pulls the frontend image (${s(pull)})`),
      });
    }
  }
  const change = build('rust-crates', 'change');
  if (change) {
    const cf = change.variants.frontend?.metrics;
    out.push({
      figure: 'rust-crates: one-line change vs the Dockerfile without cache mounts',
      value: x(change.ratios['frontend/dockerfile']),
      target: '<= 1.00x',
      met: change.ratios['frontend/dockerfile']! <= 1,
      evidence:
        `${s(change.variants.frontend?.ms)} vs ${s(change.variants.dockerfile?.ms)} (with cache mounts ` +
        `${s(change.variants['dockerfile-cache-mounts']?.ms)}); the frontend's cargo build ${s(cf?.compileMs)} vs the ` +
        `Dockerfile's RUN steps ${s(change.variants.dockerfile?.metrics.runMs)}; the frontend's wasm-opt ${s(cf?.wasmOptMs)}, ` +
        `without it ${withoutWasmOpt(change, 'dockerfile')}`,
    });
  }
  const hello = build('hello-c', 'no-op')?.variants;
  if (hello?.frontend) {
    const m = hello.frontend.metrics;
    out.push({
      figure: 'Frontend start (image ready) to its first Solve, hello-c no-op, as buildkitd reports it',
      value: ms(m.startToSolveMs),
      target: '<= 250 ms',
      met: (m.startToSolveMs ?? Infinity) <= 250,
      evidence: `container start to node ${ms(m.containerMs)}, node to first Solve ${ms(m.processToSolveMs)}; BuildKit's Dockerfile frontend ${ms(hello['dockerfile-syntax']?.metrics.startToSolveMs)}`,
    });
    out.push({
      figure: "Node.js start to the frontend's first Solve, hello-c no-op",
      value: ms(m.processToSolveMs),
      target: '<= 25 ms',
      met: (m.processToSolveMs ?? Infinity) <= 25,
      evidence: `the frontend's own time to Return ${ms(m.ownMs)}`,
    });
  }
  const peaks = [
    ...(r.build ?? []).map((b) => ({ where: `${b.example} ${b.case}`, mib: b.peakRssMiB ?? 0 })),
    ...(r.scale ? [{ where: 'scale 16 modules', mib: r.scale.peakRssMiB }] : []),
  ];
  if (peaks.length) {
    const top = peaks.reduce((a, b) => (b.mib > a.mib ? b : a));
    out.push({
      figure: 'Frontend peak RSS (largest over every build measured)',
      value: `${mb(top.mib).toFixed(1)} MB`,
      target: '<= 100 MB',
      met: mb(top.mib) <= 100,
      evidence: `in ${top.where}`,
    });
  }
  for (const size of r.size ?? []) {
    out.push({
      figure: `${size.example}: image bytes beyond the module's compressed layer`,
      value: `${size.frontend.overheadBytes} B`,
      target: '<= 1024 B',
      met: size.frontend.overheadBytes <= 1024,
      evidence: `manifest ${size.frontend.manifestBytes} B + config ${size.frontend.configBytes} B; layer ${size.frontend.layerBytes} B for a ${size.frontend.moduleBytes} B module`,
    });
  }
  const push = r.push;
  if (push) {
    const p = push.variants.publisher?.metrics ?? {};
    const c = push.variants.crane?.metrics ?? {};
    out.push({
      figure: `Push of ${push.tags.length} tags: each distinct blob uploaded once`,
      value: `${n(p.blobUploads)} uploads of ${n(p.distinctBlobs)} blobs`,
      target: 'uploads = distinct blobs',
      met: p.blobUploads === p.distinctBlobs,
      evidence: `${n(p.blobBytes)} blob bytes, ${n(p.manifestPuts)} manifests, ${n(p.requests)} requests`,
    });
    out.push({
      figure: 'Re-push: blob bytes uploaded',
      value: `${n(p.repushBlobBytes)} B`,
      target: '0 B',
      met: p.repushBlobBytes === 0,
      evidence: `${n(p.repushRequests)} requests in ${ms(p.repushMs)} (crane: ${n(c.repushBlobBytes)} B, ${n(c.repushRequests)} requests, ${ms(c.repushMs)})`,
    });
    out.push({
      figure: `Push time, ${push.tags.length} tags by the publisher vs \`crane push\` of the layout (1 tag)`,
      value: x(push.ratios['publisher/crane']),
      target: '<= 1.00x',
      met: push.ratios['publisher/crane']! <= 1,
      evidence:
        `${ms(push.variants.publisher?.ms)} vs ${ms(push.variants.crane?.ms)}; the publisher sent ${n(p.blobBytes)} blob bytes in ${n(p.requests)} requests, ` +
        `crane ${n(c.blobBytes)} in ${n(c.requests)}; the publisher pushing T alone ${x(push.ratios['publisher-t-only/crane'])}`,
    });
  }
  const fi = r.frontendImage;
  if (fi) {
    const img = fi.images.frontend!;
    // wasm-opt is opt-in: the image-size group's `wasm-opt = "Os"` build shows whether it ran from the image.
    const opt = r.size?.find((e) => e.example === 'hello-c')?.wasmOptMs;
    const inside = opt === undefined ? undefined : opt > 0;
    out.push({
      figure: 'Frontend image, compressed, with wasm-opt inside',
      value: `${(img.compressedBytes / MB).toFixed(1)} MB${inside === undefined ? '' : inside ? ', wasm-opt ran from it' : ', no wasm-opt step seen'}`,
      target: '<= 45 MB',
      met: img.compressedBytes <= 45 * MB && inside !== false,
      evidence: `${img.layers} layers; pull into a fresh buildkitd ${s(fi.variants.frontend?.ms)} vs ${s(fi.variants['dockerfile-frontend']?.ms)} for BuildKit's Dockerfile frontend (${(fi.images['dockerfile-frontend']!.compressedBytes / MB).toFixed(1)} MB)`,
    });
  }
  if (r.scale) {
    const n16 = r.scale.variants['16']?.metrics;
    out.push({
      figure: '16 independent C modules vs 1',
      value: x(r.scale.ratios['16/1']),
      target: '<= 4.00x',
      met: r.scale.ratios['16/1']! <= 4,
      evidence: `${s(r.scale.variants['1']?.ms)}, ${s(r.scale.variants['4']?.ms)}, ${s(r.scale.variants['16']?.ms)} for 1, 4, 16; ${n16?.parallelism?.toFixed(2)} steps at once on average with 16; their wasm-opt steps ${s(n16?.wasmOptMs)} of ${s((n16?.wasmOptMs ?? 0) + (n16?.compileMs ?? 0))} step time`,
    });
  }
  const v = r.verification;
  if (v) {
    const floors = Object.entries(v.perCase)
      .map(([rt, c]) => `${rt} ${c.caseMs} ms a case (floor ${c.floorMs} ms)`)
      .join(', ');
    out.push({
      figure: `Verification of ${v.cases} cases on ${v.runtimes.join(', ')} vs the native program running them`,
      value: x(v.ratios['verify/native']),
      target: '<= 40.00x',
      met: v.ratios['verify/native']! <= 40,
      evidence:
        `${s(v.variants.verify?.ms)} vs ${s(v.variants.native?.ms)}, ${v.jobs} at once, a ${(v.moduleBytes / MB).toFixed(1)} MB module ` +
        `compiled once per runtime; ${floors}`,
    });
  }
  return out;
}
