// wasi-libc's emulation libraries through the frontend on the testbed: a C program calling clock(),
// signal()/raise() and getpid() builds with `c.emulations` and runs on every runtime the testbed has.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTestbed } from '../support/testbed.js';
import { buildx, withSyntax } from '../support/frontend.js';
import { parseWasmToml } from '../../src/wasm-toml/index.js';
import { runTest } from '../../src/testrun/index.js';
import { runtimeAt } from '../../src/runtimes/index.js';

const tb = loadTestbed();

describe("wasi-libc's emulations", () => {
  it('build a C program using clock(), signal() and getpid() that runs on wasmtime, wazero and node', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'emulations-'));
    cpSync(path.join(import.meta.dirname, 'fixtures', 'emulations-c'), dir, { recursive: true });
    withSyntax(tb, path.join(dir, 'wasm.toml'));
    const out = mkdtempSync(path.join(os.tmpdir(), 'emulations-out-'));
    const res = await buildx(tb, dir, ['--platform=wasi/wasm', `--output=type=local,dest=${out}`]);
    expect(res.code, res.stderr.split('\n').slice(-30).join('\n')).toBe(0);
    const parsed = parseWasmToml(readFileSync(path.join(dir, 'wasm.toml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const spec = parsed.spec.module[0]!;
    for (const runtime of [
      runtimeAt('wasmtime', undefined, tb.env),
      runtimeAt('wazero', undefined, tb.env),
      runtimeAt('node'),
    ]) {
      const outcome = await runTest(runtime, path.join(out, 'emulated.wasm'), spec.test[0]!, {
        contextDir: dir,
      });
      expect(outcome.problems, `${runtime.name}: ${outcome.stderr}`).toEqual([]);
    }
  });
});
