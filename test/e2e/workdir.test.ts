// A case's working directory on the real runtimes: a Go and a C module open a path relative to it, under
// a preopened directory. Go's wasip1 starts in PWD, which every runtime adapter sets to the case's
// workdir; wasi-libc starts in `/`, so a C module's relative paths are from `/`.
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
const dir = mkdtempSync(path.join(os.tmpdir(), 'workdir-'));
cpSync(path.join(import.meta.dirname, 'fixtures', 'workdir'), dir, { recursive: true });
withSyntax(tb, path.join(dir, 'wasm.toml'));
const parsed = parseWasmToml(readFileSync(path.join(dir, 'wasm.toml'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));

describe("a case's working directory", () => {
  it.each(parsed.spec.module.map((m) => [m.name, m] as const))(
    '%s opens paths relative to it on wasmtime, wazero and node',
    async (name, spec) => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'workdir-out-'));
      const res = await buildx(tb, dir, [
        '--platform=wasi/wasm',
        `--target=${name}`,
        `--output=type=local,dest=${out}`,
      ]);
      expect(res.code, res.stderr.split('\n').slice(-30).join('\n')).toBe(0);
      const runtimes = [
        runtimeAt('wasmtime', undefined, tb.env),
        runtimeAt('wazero', undefined, tb.env),
        runtimeAt('node'),
      ];
      for (const runtime of runtimes) {
        for (const test of spec.test) {
          const outcome = await runTest(runtime, path.join(out, `${name}.wasm`), test, { contextDir: dir });
          expect(outcome.problems, `${test.name} on ${runtime.name}: ${outcome.stderr}`).toEqual([]);
        }
      }
    },
    300_000,
  );
});
