// 6. Verification at scale: textkit (bench/verify-suite), a Go program of several MB as wasm, with a
// generated suite of 800 [[module.test]] cases, verified by `wasm-build test` on wasmtime, wazero and node
// (each run in a new work directory, so every module is compiled again), against the same cases run on
// textkit built for this machine, as many at once as the CLI runs (the cores). The expected outputs are
// the native program's, so the suite also checks that the three runtimes agree with it.
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../../src/process.js';
import { runInOrder } from '../../src/pipeline/in-order.js';
import { wasmBuild } from '../../test/support/cli.js';
import { repoRoot } from '../../testbed/load.js';
import type { Bench } from '../context.js';
import { alternate, summarize, type Sample, type Summary } from '../runner.js';
import { median, round } from '../stats.js';

const CASES = 800;
const RUNTIMES = ['wasmtime', 'wazero', 'node'] as const;
const source = path.join(repoRoot, 'bench', 'verify-suite');

export interface SuiteCase {
  name: string;
  args: string[];
  stdin: string;
}

/** The suite: every subcommand of textkit, with inputs that vary by case number (the same every run). */
export function suiteCases(n = CASES): SuiteCase[] {
  const words = ['alpha', 'Beta', 'gamma', 'Delta', 'epsilon', 'Zeta', 'eta', 'Theta'];
  const pick = (i: number, k: number) =>
    Array.from({ length: k }, (_, j) => words[(i + j * 3) % words.length]);
  const kinds: ((i: number) => Omit<SuiteCase, 'name'>)[] = [
    (i) => ({ args: ['sha256'], stdin: pick(i, 1 + (i % 7)).join(' ') }),
    (i) => ({ args: ['base64'], stdin: pick(i, 2 + (i % 5)).join('\n') }),
    (i) => ({
      args: ['json', 'items', String(i % 3), 'name'],
      stdin: JSON.stringify({ items: pick(i, 3).map((name, k) => ({ name, k: k * i })) }),
    }),
    (i) => ({
      args: ['re', `(${words[i % words.length]!.toLowerCase()})`, '[$1]'],
      stdin: pick(i, 6).join(' ').toLowerCase(),
    }),
    (i) => ({
      args: ['tmpl', '{{range .}}{{upper .}};{{end}}'],
      stdin: JSON.stringify(pick(i, 1 + (i % 4))),
    }),
    (i) => ({
      args: ['url', `https://example.com:${8000 + i}/a/${words[i % 8]}?q=${i}&r=${i * 7}`],
      stdin: '',
    }),
    (i) => ({ args: ['sort'], stdin: pick(i, 3 + (i % 6)).join('\n') + '\n' }),
    (i) => ({ args: ['count'], stdin: pick(i, 1 + (i % 9)).join(' ') }),
    (i) => ({ args: ['csv'], stdin: `a,b\n"${words[i % 8]}, x",${i}\n` }),
    (i) => ({ args: ['fact', String(i % 60)], stdin: '' }),
    (i) => ({
      args: ['date', `20${String(10 + (i % 20))}-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:30:00Z`],
      stdin: '',
    }),
    (i) => ({ args: ['exit', String(i % 4)], stdin: '' }),
    (i) => ({ args: ['json', 'missing'], stdin: i % 2 ? '{"a":1}' : 'not json' }),
  ];
  return Array.from({ length: n }, (_, i) => ({
    name: `case ${i}: ${kinds[i % kinds.length]!(i).args[0]}`,
    ...kinds[i % kinds.length]!(i),
  }));
}

interface NativeResult {
  code: number;
  stdout: string;
}

/** Runs every case on the native program, `jobs` at once. */
async function runNative(
  bin: string,
  cases: SuiteCase[],
  jobs: number,
): Promise<{ ms: number; results: NativeResult[] }> {
  const quiet = { info() {}, warning() {}, error() {}, output() {} };
  const started = performance.now();
  const outcomes = await runInOrder(cases, jobs, quiet, async (c) => {
    const r = await runProcess(bin, c.args, { input: c.stdin, env: {}, timeoutMs: 60_000 });
    return { code: r.code, stdout: r.stdout };
  });
  const ms = performance.now() - started;
  return {
    ms,
    results: outcomes.map((o) => {
      if (o.status === 'rejected') throw o.reason;
      return o.value;
    }),
  };
}

/** The wasm.toml of the suite, each case expecting what the native program did. */
export function suiteToml(cases: SuiteCase[], expected: NativeResult[]): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    '[module]',
    'name = "textkit"',
    'language = "go"',
    'include = ["go.mod", "**/*.go"]',
    '[module.go]',
    'package = "."',
  ];
  for (const [i, c] of cases.entries()) {
    lines.push(
      '',
      '[[module.test]]',
      `name = ${q(c.name)}`,
      `args = [${c.args.map(q).join(', ')}]`,
      `stdin = ${q(c.stdin)}`,
      `expect = { exit-code = ${expected[i]!.code}, stdout = ${q(expected[i]!.stdout)} }`,
    );
  }
  return lines.join('\n') + '\n';
}

export interface VerificationResult extends Summary {
  cases: number;
  runtimes: string[];
  moduleBytes: number;
  /** Per runtime: the median time of one case as the report gives it, and the runtime's own floor. */
  perCase: Record<string, { caseMs: number; floorMs: number }>;
  jobs: number;
}

export async function verification(b: Bench): Promise<VerificationResult> {
  const dir = path.join(b.work, 'verification');
  cpSync(source, dir, { recursive: true });
  const native = path.join(b.work, 'textkit-native');
  const built = await runProcess('go', ['build', '-o', native, '.'], {
    cwd: dir,
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (built.code !== 0) throw new Error(`go build of the native textkit failed: ${built.stderr}`);
  const cases = suiteCases();
  const jobs = os.availableParallelism();
  const expected = await runNative(native, cases, jobs);
  writeFileSync(path.join(dir, 'wasm.toml'), suiteToml(cases, expected.results));

  const env = { BUILDX_BUILDER: b.daemon.builder };
  const test = async (name: string) => {
    const res = await wasmBuild(b.tb, b.work, ['test', dir, '-r', RUNTIMES.join(',')], name, [], env);
    if (res.code !== 0) throw new Error(`wasm-build test of the suite failed:\n${res.stderr.slice(-3000)}`);
    return res.report();
  };
  b.say(`verification: ${cases.length} cases; warming up (the build)`);
  const warm = await test('verification-warm');
  const module = warm.images[0]!.modules[0]!;

  let last = warm;
  const samples = await alternate<Sample>(
    b.runs,
    [
      { name: 'native', measure: async () => ({ ms: (await runNative(native, cases, jobs)).ms }) },
      {
        name: 'verify',
        measure: async (run) => {
          last = await test(`verification-${run}`);
          return { ms: (last.timings.test ?? NaN) * 1000 };
        },
      },
    ],
    undefined,
    (v, run, s) => b.say(`verification run ${run + 1}: ${v} ${(s.ms / 1000).toFixed(2)} s`),
  );
  const perCase: VerificationResult['perCase'] = {};
  for (const rt of RUNTIMES) {
    const times = last.tests.filter((t) => t.runtime === rt).map((t) => t.ms);
    perCase[rt] = { caseMs: round(median(times), 1), floorMs: round(await floorMs(b, rt, module.file), 1) };
  }
  return {
    ...summarize(samples, [['verify', 'native']]),
    cases: cases.length,
    runtimes: [...RUNTIMES],
    moduleBytes: module.size,
    perCase,
    jobs,
  };
}

/**
 * A runtime's floor: one run of an already compiled textkit that does nothing (`exit 0`), alone on the
 * machine, median of 10. wasmtime runs its .cwasm, wazero its cache; node instantiates the compiled module
 * in the process that compiled it.
 */
async function floorMs(b: Bench, runtime: string, module: string): Promise<number> {
  const compiled = path.join(b.work, 'verification-warm', 'compiled');
  const form = (prefix: string) => {
    const dir = readdirSync(compiled).find((d) => d.startsWith(`${prefix}-`))!;
    return path.join(compiled, dir, readdirSync(path.join(compiled, dir))[0]!);
  };
  const times: number[] = [];
  if (runtime === 'node') {
    const script = `
const { WASI } = require('node:wasi');
const { openSync, readFileSync } = require('node:fs');
const m = new WebAssembly.Module(readFileSync(process.argv[1]));
const fd = openSync('/dev/null', 'w');
const times = [];
for (let i = 0; i < 11; i++) {
  const t = performance.now();
  const wasi = new WASI({ version: 'preview1', args: ['textkit', 'exit', '0'], env: {}, returnOnExit: true, stdout: fd });
  wasi.start(new WebAssembly.Instance(m, wasi.getImportObject()));
  if (i > 0) times.push(performance.now() - t);
}
console.log(JSON.stringify(times));`;
    const r = await runProcess(process.execPath, ['--no-warnings', '-e', script, module], {});
    return median(JSON.parse(r.stdout) as number[]);
  }
  const [bin, args] =
    runtime === 'wasmtime'
      ? ['wasmtime', ['run', '--allow-precompiled', form('wasmtime'), 'exit', '0']]
      : ['wazero', ['run', `-cachedir=${form('wazero')}`, module, 'exit', '0']];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = await runProcess(bin, args as string[], { env: b.env });
    if (r.code !== 0) throw new Error(`${bin} ${(args as string[]).join(' ')}: ${r.stderr}`);
    times.push(performance.now() - t);
  }
  return median(times);
}
