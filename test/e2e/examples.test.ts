// Every example of a core module builds through the frontend with buildx and passes its own
// [[module.test]] cases on wasmtime and node:wasi: the examples are the end-to-end proof for each language.
// The component examples (target = "wasip2") go through the whole pipeline in components.test.ts.
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTestbed, repoRoot } from '../support/testbed.js';
import { buildx, prepareExample } from '../support/frontend.js';
import { parseWasmToml } from '../../src/wasm-toml/index.js';
import { runTest, testAppliesTo } from '../../src/testrun/index.js';
import { runtimeAt } from '../../src/runtimes/index.js';

const tb = loadTestbed();
const runtimes = [runtimeAt('wasmtime', undefined, tb.env), runtimeAt('node')];

/** Examples whose toolchain no registry reachable here ships; their LLB is pinned by unit tests instead. */
const notBuildableHere: Record<string, string> = {
  tinygo:
    'no TinyGo here: no Debian package, and the Go module proxy has its source but not the LLVM build nor ' +
    'the wasi-libc/compiler-rt submodules its release archives carry (test/unit/frontend/tinygo.test.ts)',
};

const examples = readdirSync(path.join(repoRoot, 'examples')).filter((e) => {
  const file = path.join(repoRoot, 'examples', e, 'wasm.toml');
  if (!existsSync(file)) return false;
  const parsed = parseWasmToml(readFileSync(file, 'utf8'));
  return !parsed.ok || parsed.spec.module.every((m) => m.target !== 'wasip2');
});

describe.each(examples.filter((e) => !(e in notBuildableHere)))('example %s', (name) => {
  it('builds through the frontend and passes its tests on every runtime', async () => {
    const dir = prepareExample(tb, name);
    const parsed = parseWasmToml(readFileSync(path.join(dir, 'wasm.toml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const out = mkdtempSync(path.join(os.tmpdir(), `${name}-out-`));
    const res = await buildx(tb, dir, ['--platform=wasi/wasm', `--output=type=local,dest=${out}`]);
    expect(res.code, res.stderr.split('\n').slice(-40).join('\n')).toBe(0);
    const module = parsed.spec.module[0]!;
    // wasm-opt runs only where an example opts into it (examples/cpp): by default the linker strips.
    const optimized = new RegExp(`^#\\d+ \\[${module.name}\\] wasm-opt `, 'm').test(res.stderr);
    expect(optimized, 'a wasm-opt step').toBe(module.optimize['wasm-opt'] !== 'none');
    expect(module.test.length, 'an example documents itself with tests').toBeGreaterThan(0);
    for (const runtime of runtimes) {
      for (const test of module.test.filter((t) => testAppliesTo(t, runtime.name))) {
        const outcome = await runTest(runtime, path.join(out, `${module.name}.wasm`), test, {
          contextDir: dir,
        });
        expect(outcome.problems, `${name} / ${test.name} on ${runtime.name}: ${outcome.stderr}`).toEqual([]);
      }
    }
  });
});
