// 3. Scale: one wasm.toml with 1, 4 and 16 independent C modules (generated, one image holding them all).
// Each run edits every module, so every compile and wasm-opt step runs again; the cache is not pruned, so
// the toolchain and the frontend's setup stay warm. Independent modules should build side by side: the
// parallelism figure is the steps' summed time over the time from the first start to the last end.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withSyntax } from '../../test/support/frontend.js';
import { buildx } from '../build.js';
import type { Bench } from '../context.js';
import { busyMs, spanMs } from '../progress.js';
import { alternate, summarize, type Summary, type Variant } from '../runner.js';
import { frontendSample, type BuildSample } from '../samples.js';

const MODULE_COUNTS = [1, 4, 16];
const STEPS = /\] (compile C|wasm-opt )/;

/** The wasm.toml of `n` C modules `m1`..`mn`, each in its own directory, all in one image. */
export function scaleToml(n: number): string {
  const lines = ['[image]', 'entrypoint = "m1"'];
  for (let k = 1; k <= n; k++)
    lines.push('', '[[module]]', `name = "m${k}"`, 'language = "c"', `source = "m${k}"`);
  return lines.join('\n') + '\n';
}

/**
 * Module k of n's source for run `run`: a program no other build has made. BuildKit keys a step on the
 * content of its inputs, so two files that compile to the same module share one wasm-opt step: module 1
 * of the 4-module file must not be module 1 of the 16-module one, nor last run's.
 */
export function scaleSource(k: number, n: number, run: number): string {
  return `#include <stdio.h>\n\nint main(void) {\n  printf("module ${k} of ${n}, run ${run}\\n");\n  return 0;\n}\n`;
}

export interface ScaleResult extends Summary {
  /** The frontend's peak RSS with the most modules, MiB. */
  peakRssMiB: number;
}

export async function scale(b: Bench): Promise<ScaleResult> {
  const image = b.tb.images.toolchain_c!;
  const dirs = new Map<number, string>();
  for (const n of MODULE_COUNTS) {
    const dir = path.join(b.work, 'scale', `n${n}`);
    for (let k = 1; k <= n; k++) mkdirSync(path.join(dir, `m${k}`), { recursive: true });
    withSyntax(b.tb, path.join(dir, 'wasm.toml'), scaleToml(n));
    dirs.set(n, dir);
  }
  const write = (run: number) => {
    for (const [n, dir] of dirs)
      for (let k = 1; k <= n; k++) writeFileSync(path.join(dir, `m${k}`, 'main.c'), scaleSource(k, n, run));
  };
  const variants: Variant<BuildSample>[] = MODULE_COUNTS.map((n) => ({
    name: `${n}`,
    measure: async () => {
      const r = await buildx(b, {
        file: path.join(dirs.get(n)!, 'wasm.toml'),
        context: dirs.get(n)!,
        platform: 'wasi/wasm',
        buildArgs: { WASM_TOOLCHAIN_IMAGE_C: image },
        out: path.join(b.work, 'scale', `out-${n}`),
        trace: true,
      });
      const s = frontendSample(r, b.frontend);
      s.metrics.parallelism = busyMs(r.spans, STEPS) / (spanMs(r.spans, STEPS) || 1);
      return s;
    },
  }));
  b.say('scale: warming up');
  write(-1);
  for (const v of variants) await v.measure(-1);
  const samples = await alternate(
    b.runs,
    variants,
    async (run) => write(run),
    (v, run, s) => b.say(`scale run ${run + 1}: ${v} module(s) ${(s.ms / 1000).toFixed(2)} s`),
  );
  const most = `${MODULE_COUNTS.at(-1)}`;
  return {
    ...summarize(
      samples,
      MODULE_COUNTS.slice(1).map((n) => [`${n}`, '1']),
    ),
    peakRssMiB: Math.max(...samples[most]!.map((s) => s.metrics.maxRssMiB ?? 0)),
  };
}
