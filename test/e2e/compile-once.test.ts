// Verification compiles each module once per runtime and runs every case on the compiled form: a loaded
// module behaves as a run of the file itself does, and a changed module is compiled again, never run from
// the compiled form of what was there before. Through the adapters, and through the CLI's work directory.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeAt, type Runtime } from '../../src/runtimes/index.js';
import type { CaseRequest } from '../../src/runtimes/runtime.js';
import { wasmBuild } from '../support/cli.js';
import { run } from '../support/exec.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'compile-once-e2e-'));

/** A WASI command in text form: writes `text` to stdout, then `ending` (an exit code, or a trap). */
type Ending = number | 'trap' | 'unlinkable' | 'endless';

function wat(text: string, ending: Ending): string {
  const bytes = [...Buffer.from(text)].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  return `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  ${ending === 'unlinkable' ? '(import "nowhere" "nothing" (func))' : ''}
  (memory (export "memory") 1)
  (data (i32.const 16) "${bytes}")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const ${Buffer.byteLength(text)}))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    ${finish(ending)}))`;
}

function finish(ending: Ending): string {
  if (ending === 'trap') return 'unreachable';
  if (ending === 'endless') return '(loop $forever (br $forever))';
  return `(call $proc_exit (i32.const ${ending === 'unlinkable' ? 0 : ending}))`;
}

/** Writes the module to `file` and returns its digest. */
async function writeModule(file: string, text: string, ending: Ending): Promise<string> {
  const source = `${file}.wat`;
  writeFileSync(source, wat(text, ending));
  const res = await run('wasm-tools', ['parse', source, '-o', file], { env: tb.env });
  expect(res.code, res.stderr).toBe(0);
  return `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

const runtimes: Runtime[] = [
  runtimeAt('wasmtime', undefined, tb.env),
  runtimeAt('wazero', undefined, tb.env),
  runtimeAt('node'),
];
const noInputs: CaseRequest = { args: [], env: {}, dirs: [], timeoutMs: 60_000 };

describe.each(runtimes.map((r) => [r.name, r] as const))('a module loaded on %s', (_name, runtime) => {
  it.each([
    ['an exit code', 3],
    ['success', 0],
    ['a trap', 'trap'],
    ['a module that does not link', 'unlinkable'],
  ] as const)('ends as a run of the file does, on %s', async (_what, ending) => {
    const dir = mkdtempSync(path.join(work, `${runtime.name}-`));
    const file = path.join(dir, 'm.wasm');
    const digest = await writeModule(file, 'same\n', ending);
    const once = await runtime.run({ ...noInputs, module: file });
    const loaded = await runtime.load({ module: file, digest, cacheDir: path.join(dir, 'compiled') });
    try {
      const ran = await loaded.run(noInputs);
      expect([ran.exitCode, ran.stdout, ran.timedOut]).toEqual([once.exitCode, once.stdout, false]);
      expect(ran.stderr === '', ran.stderr).toBe(once.stderr === '');
    } finally {
      await loaded.close();
    }
  });

  it('ends a case that runs out of time, and runs the next one', async () => {
    const dir = mkdtempSync(path.join(work, `${runtime.name}-endless-`));
    const file = path.join(dir, 'm.wasm');
    const digest = await writeModule(file, 'started\n', 'endless');
    const loaded = await runtime.load({ module: file, digest, cacheDir: path.join(dir, 'compiled') });
    try {
      const first = await loaded.run({ ...noInputs, timeoutMs: 1500 });
      expect([first.timedOut, first.exitCode]).toEqual([true, -1]);
      const second = await loaded.run({ ...noInputs, timeoutMs: 1500 });
      expect([second.timedOut, second.stdout]).toEqual([true, 'started\n']);
    } finally {
      await loaded.close();
    }
  });

  it('is compiled again when the module changes, and not when it does not', async () => {
    const dir = mkdtempSync(path.join(work, `${runtime.name}-change-`));
    const cacheDir = path.join(dir, 'compiled');
    const file = path.join(dir, 'm.wasm');
    const runOnce = async (digest: string) => {
      const loaded = await runtime.load({ module: file, digest, cacheDir });
      try {
        return (await loaded.run(noInputs)).stdout;
      } finally {
        await loaded.close();
      }
    };
    const first = await writeModule(file, 'first\n', 0);
    expect(await runOnce(first)).toBe('first\n');
    const compiled = () => (existsSync(cacheDir) ? readdirSync(cacheDir, { recursive: true }).sort() : []);
    const afterFirst = compiled();
    expect(await runOnce(first)).toBe('first\n');
    expect(compiled()).toEqual(afterFirst);

    const second = await writeModule(file, 'second\n', 0);
    expect(await runOnce(second)).toBe('second\n');
    if (runtime.name !== 'node') {
      // One compiled form per digest, under a directory named for the runtime and its version.
      const version = await runtime.version();
      const forms = readdirSync(path.join(cacheDir, `${runtime.name}-${version}`)).sort();
      expect(forms).toHaveLength(2);
      expect(forms.join(' ')).toContain(first.slice('sha256:'.length));
      expect(forms.join(' ')).toContain(second.slice('sha256:'.length));
    }
  });
});

it('runs cases concurrently on node, each with its own stdin, stdout and exit code', async () => {
  const dir = mkdtempSync(path.join(work, 'node-concurrent-'));
  writeFileSync(
    path.join(dir, 'echo.c'),
    '#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v) { int ch; while ((ch = getchar()) != EOF) putchar(ch); return atoi(v[1]); }\n',
  );
  const cases = Array.from({ length: 12 }, (_, i) =>
    [
      '[[module.test]]',
      `name = "case ${i}"`,
      `args = ["${i}"]`,
      `stdin = "in ${i}"`,
      `expect = { exit-code = ${i}, stdout = "in ${i}" }`,
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'wasm.toml'),
    ['[module]', 'name = "echo"', 'language = "c"', ...cases, ''].join('\n'),
  );
  const res = await wasmBuild(tb, work, ['test', dir, '-r', 'node,wasmtime', '--test-jobs', '4'], 'echo');
  expect(res.code, res.stderr.slice(-3000)).toBe(0);
  const report = res.report();
  expect(report.tests.map((t) => `${t.runtime} ${t.test} ${t.passed}`)).toEqual([
    ...cases.map((_, i) => `node case ${i} true`),
    ...cases.map((_, i) => `wasmtime case ${i} true`),
  ]);
});

it('compiles the changed module of a second run in the same work directory', async () => {
  const dir = mkdtempSync(path.join(work, 'cli-change-'));
  const write = (word: string) => {
    writeFileSync(
      path.join(dir, 'hello.c'),
      `#include <stdio.h>\nint main(void) { puts("${word}"); return 0; }\n`,
    );
    writeFileSync(
      path.join(dir, 'wasm.toml'),
      `[module]\nname = "hello"\nlanguage = "c"\n[[module.test]]\nname = "says"\nexpect.stdout = "${word}\\n"\n`,
    );
  };
  const modules: string[] = [];
  for (const word of ['before', 'after']) {
    write(word);
    // The same work directory both times: its compiled forms outlive the first run.
    const res = await wasmBuild(tb, work, ['test', dir, '-r', 'wasmtime,wazero'], 'cli-change');
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    modules.push(res.report().images[0]!.modules[0]!.digest);
  }
  expect(modules[0]).not.toBe(modules[1]);
  const compiled = path.join(work, 'cli-change', 'compiled');
  for (const dir of readdirSync(compiled)) expect(readdirSync(path.join(compiled, dir))).toHaveLength(2);
});
