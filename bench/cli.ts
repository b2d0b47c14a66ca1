// `npm run bench`: every benchmark group against the testbed, then bench/results/<date>.json and the
// generated part of BENCHMARKS.md. BENCH_RUNS (default 5) sets the runs per comparison, BENCH_GROUPS a
// comma-separated subset of the groups, BENCH_NOTE a sentence about the machine for the report.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { runProcess } from '../src/process.js';
import { ensureDockerfileFrontendImage } from '../testbed/dockerfile-frontend.js';
import { loadTestbed, repoRoot } from '../testbed/load.js';
import { closeBench, openBench } from './context.js';
import { buildTime } from './groups/build-time.js';
import { frontendImage, registryImage } from './groups/frontend-image.js';
import { imageSizes } from './groups/image-size.js';
import { push } from './groups/push.js';
import { scale } from './groups/scale.js';
import { verification } from './groups/verification.js';
import { renderReport, spliceReport } from './report.js';
import { GROUPS, targets, type Results } from './results.js';

function options(env: NodeJS.ProcessEnv): { runs: number; groups: string[] } {
  const runs = Number(env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`BENCH_RUNS must be a whole number >= 1, not ${env.BENCH_RUNS}`);
  const groups = env.BENCH_GROUPS ? env.BENCH_GROUPS.split(',').map((g) => g.trim()) : [...GROUPS];
  const unknown = groups.filter((g) => !(GROUPS as readonly string[]).includes(g));
  if (unknown.length)
    throw new Error(`BENCH_GROUPS: unknown ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`);
  return { runs, groups };
}

/** Written as the project's Prettier would write it, so `prettier --check .` passes on what the bench wrote. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const config = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
}

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date().toISOString();
  const { runs, groups } = options(process.env);
  const loadAverage = os.loadavg();
  // Unattended: the testbed comes up first (a second or two when it is running), inside the total time.
  const up = await runProcess('npx', ['tsx', path.join(repoRoot, 'testbed', 'cli.ts'), 'up'], {
    cwd: repoRoot,
    inherit: 'all',
  });
  if (up.code !== 0) throw new Error('the testbed did not come up (npm run testbed -- up)');
  const tb = loadTestbed();
  const b = await openBench(tb, runs, await ensureDockerfileFrontendImage(tb.registry));
  const results: Omit<Results, 'targets' | 'seconds'> = {
    command: 'npm run bench',
    date,
    runs,
    groups,
    machine: {
      cores: os.cpus().length,
      memoryBytes: os.totalmem(),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      loadAverage,
      note: process.env.BENCH_NOTE ?? '',
    },
    versions: {
      buildkit: tb.env.VERSION_BUILDKIT ?? '?',
      buildx: tb.env.VERSION_BUILDX ?? '?',
      crane: tb.env.VERSION_CRANE ?? '?',
      node: process.version,
      'frontend node': tb.env.VERSION_NODE_IMAGE ?? '?',
      'frontend image': `${b.frontend}@${(await registryImage(b.frontend)).digest}`,
      'Dockerfile frontend image': `${b.dockerfileFrontend}@${(await registryImage(b.dockerfileFrontend)).digest}`,
    },
  };
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (!groups.includes(name)) return undefined;
    const t = performance.now();
    const r = await fn();
    b.say(`${name} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
  try {
    const build = await timed('build', () => buildTime(b));
    const scaled = await timed('scale', () => scale(b));
    const size = await timed('size', () => imageSizes(b));
    const pushed = await timed('push', () => push(b));
    const image = await timed('frontend-image', () => frontendImage(b));
    const verified = await timed('verification', () => verification(b));
    Object.assign(results, {
      ...(build ? { build } : {}),
      ...(scaled ? { scale: scaled } : {}),
      ...(size ? { size } : {}),
      ...(pushed ? { push: pushed } : {}),
      ...(image ? { frontendImage: image } : {}),
      ...(verified ? { verification: verified } : {}),
    });
  } finally {
    await closeBench(b);
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  const full: Results = { ...results, seconds, targets: targets({ ...results, seconds }) };
  const dir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${date.slice(0, 10)}.json`);
  await writeFormatted(json, JSON.stringify(full, null, 2));
  const md = path.join(repoRoot, 'BENCHMARKS.md');
  await writeFormatted(
    md,
    spliceReport(existsSync(md) ? readFileSync(md, 'utf8') : undefined, renderReport(full)),
  );
  for (const t of full.targets)
    console.log(`${t.met ? 'met   ' : 'MISSED'} ${t.figure}: ${t.value} (target ${t.target})`);
  console.log(
    `bench: wrote ${path.relative(repoRoot, json)} and BENCHMARKS.md; npm run bench took ${seconds} s`,
  );
}

try {
  await main();
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
