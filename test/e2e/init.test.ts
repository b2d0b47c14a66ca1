// `wasm-build init` on every example with its wasm.toml removed: the file it writes builds (build only,
// no push) with the testbed's frontend and toolchains, so init's guess of language, main package, root
// source and included files holds for a real project of each language.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBundle, wasmBuild } from '../support/cli.js';
import { run } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'init-e2e-'));
const examples = readdirSync(path.join(repoRoot, 'examples')).sort();

describe.each(examples)('init on a copy of examples/%s', (name) => {
  it('writes a wasm.toml that builds', async () => {
    const dir = path.join(work, name);
    cpSync(path.join(repoRoot, 'examples', name), dir, { recursive: true });
    rmSync(path.join(dir, 'wasm.toml'));
    const init = await run(process.execPath, [cliBundle, 'init', dir], { env: tb.env });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain(`wrote ${path.join(dir, 'wasm.toml')}`);

    const again = await run(process.execPath, [cliBundle, 'init', dir], { env: tb.env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; init never overwrites/);

    const res = await wasmBuild(tb, work, ['build', dir], name);
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.report().images[0]!.modules).toHaveLength(1);
  });
});
