import { describe, expect, it } from 'vitest';
import { BEGIN, END, renderReport, spliceReport, table } from '../../../bench/report.js';
import { targets, type Results } from '../../../bench/results.js';

const variant = (ms: number, metrics: Record<string, number> = {}) => ({ ms, runs: [ms], metrics });

const results: Omit<Results, 'targets'> = {
  command: 'npm run bench',
  date: '2026-11-30T01:00:00.000Z',
  runs: 1,
  groups: ['build', 'scale', 'size', 'push', 'frontend-image', 'verification'],
  seconds: 600,
  machine: { cores: 2, memoryBytes: 24 * 2 ** 30, cpu: 'Some CPU', loadAverage: [1, 2, 3], note: 'Shared.' },
  versions: { buildkit: 'v0.33.1' },
  build: [
    {
      example: 'hello-c',
      case: 'no-op',
      variants: {
        frontend: variant(700, { ownMs: 300, startToSolveMs: 240, rpcs: 12, processToSolveMs: 150 }),
        'dockerfile-syntax': variant(600, { startToSolveMs: 130 }),
        dockerfile: variant(300),
      },
      ratios: { 'frontend/dockerfile-syntax': 1.2, 'frontend/dockerfile': 2.3 },
      calls: { Ping: 1, Solve: 5 },
      peakRssMiB: 60,
    },
    {
      example: 'rust-crates',
      case: 'change',
      variants: { frontend: variant(4000, { wasmOptMs: 3000 }), dockerfile: variant(2000) },
      ratios: { 'frontend/dockerfile': 2 },
      peakRssMiB: 100,
    },
  ],
  scale: {
    variants: { '1': variant(4000), '16': variant(20000, { parallelism: 1.9 }) },
    ratios: { '16/1': 5 },
    peakRssMiB: 70,
  },
  size: [
    {
      example: 'hello-c',
      wasmOptMs: 600,
      ...Object.fromEntries(
        ['frontend', 'frontendWasmOpt', 'dockerfile'].map((k) => [
          k,
          { moduleBytes: 24503, gzipModuleBytes: 9000, layerBytes: 9500, configBytes: 400, manifestBytes: 478, imageBytes: 10378, overheadBytes: 878 },
        ]),
      ),
    } as NonNullable<Results['size']>[number],
  ],
  push: {
    variants: {
      publisher: variant(200, { blobUploads: 4, distinctBlobs: 4, blobBytes: 30000, repushBlobBytes: 0 }),
      crane: variant(100, { blobUploads: 2, distinctBlobs: 2, repushBlobBytes: 0 }),
    },
    ratios: { 'publisher/crane': 2 },
    tags: ['1', '1-wasm', '1-wasmtime', '1-node'],
  },
}; // prettier-ignore

describe('targets', () => {
  const t = targets(results);
  const find = (re: RegExp) => t.find((x) => re.test(x.figure));

  it('judges each figure against its target', () => {
    expect(find(/hello-c: no-op rebuild/)).toMatchObject({ value: '1.20x', target: '<= 1.10x', met: false });
    expect(find(/own time/)).toMatchObject({ value: '300 ms', met: false });
    expect(find(/image ready\) to its first Solve/)).toMatchObject({ value: '240 ms', met: true });
    expect(find(/Node.js start to the frontend's first Solve/)).toMatchObject({
      target: '<= 25 ms',
      met: false,
    });
    expect(find(/one-line change/)).toMatchObject({ value: '2.00x', met: false });
    expect(find(/16 independent/)).toMatchObject({ value: '5.00x', target: '<= 4.00x', met: false });
    expect(find(/beyond the module/)).toMatchObject({ value: '878 B', met: true });
    expect(find(/each distinct blob/)).toMatchObject({ met: true });
    expect(find(/Re-push/)).toMatchObject({ value: '0 B', met: true });
    expect(find(/Push time/)).toMatchObject({ value: '2.00x', met: false });
  });

  it('takes the largest peak RSS, in MB (10^6 bytes)', () => {
    expect(find(/peak RSS/)).toMatchObject({
      value: '104.9 MB',
      met: false,
      evidence: 'in rust-crates change',
    });
  });

  it('says what bears on a figure: the calls a no-op made, the vs-built-in ratio beside the syntax one', () => {
    expect(find(/own time/)!.evidence).toMatch(/12 gateway calls \(Ping 1, Solve 5\)/);
    expect(find(/no-op rebuild/)!.evidence).toMatch(/built-in dockerfile.v0 2.30x/);
  });

  it('leaves out the figures of groups that did not run', () => {
    expect(find(/Frontend image/)).toBeUndefined();
  });
});

describe('the report', () => {
  const full: Results = { ...results, targets: targets(results) };

  it('states the command, runs, machine and note, and marks missed targets', () => {
    const md = renderReport(full);
    expect(md).toMatch(
      /^Measured by `npm run bench` with BENCH_RUNS=1 on 2026-11-30, in 600 s\. Machine: 2 cores, 24.0 GiB, Some CPU;.*Shared\./,
    );
    expect(md).toMatch(/\| hello-c: no-op rebuild .* \| 1.20x \| <= 1.10x \| \*\*no\*\* \|/);
    expect(md).toMatch(/\| 16 \| 20.00 s \| 5.00x \| 1.90 \|/);
  });

  it('escapes pipes in table cells', () => {
    expect(table(['a'], [['x | y']])).toBe('| a |\n| --- |\n| x \\| y |');
  });

  it('replaces only the generated part of an existing file', () => {
    const before = `# Benchmarks\n\nintro\n\n${BEGIN}\nold\n${END}\n\n## Analysis\nkept\n`;
    const after = spliceReport(before, 'new\n');
    expect(after).toBe(`# Benchmarks\n\nintro\n\n${BEGIN}\n\nnew\n\n${END}\n\n## Analysis\nkept\n`);
    expect(spliceReport(undefined, 'new\n')).toMatch(
      /^# Benchmarks\n\n<!-- bench:begin[^]*new[^]*bench:end -->\n\n## What the figures show/,
    );
  });
});
