// The action as users run it, under a runner nobody here wrote: nektos/act runs test/e2e/act/*.yml with
// the bundled action as `uses: ./`, against the testbed's BuildKit, registry and runtimes, with act's own
// Actions cache server behind `type=gha`.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflow, type ActRun } from '../support/act.js';
import { startScratchBuildkitd, type ScratchBuilder } from '../support/buildkitd.js';
import { run } from '../support/exec.js';
import { stepOutcome } from '../support/progress.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'act-cache-'));
const runTag = `t${Date.now()}`;

interface Metadata {
  ok: boolean;
  images: {
    digest: string;
    modules: { size: number; kind: string }[];
    tags: { reference: string; digest: string; kind: string }[];
  }[];
  runtimes: {
    name: string;
    version: string;
    verified: boolean;
    tests: { test: string; passed: boolean; ms: number }[];
  }[];
}

function outputsOf(act: ActRun, step: string): Record<string, string> {
  const text = act.result(`${step}.json`);
  if (!text) throw new Error(`the workflow wrote no ${step}.json:\n${act.output.slice(-4000)}`);
  return JSON.parse(text) as Record<string, string>;
}

async function craneDigest(reference: string): Promise<string> {
  const res = await run('crane', ['digest', '--insecure', reference], { env: tb.env });
  return res.code === 0 ? res.stdout.trim() : `error: ${res.stderr.trim()}`;
}

describe('the action under act', () => {
  let first: ActRun;

  beforeAll(async () => {
    first = await runWorkflow(tb, 'test/e2e/act/build.yml', { cacheDir, env: { RUN_TAG: runTag } });
  });

  it('builds, verifies on wasmtime, node and wazero, and pushes every tag', async () => {
    expect(first.code, first.output.slice(-4000)).toBe(0);
    for (const [step, repo, moduleName] of [
      ['hello', 'act/hello-c', 'hello'],
      ['rust', 'act/rust', 'hello-rust'],
    ] as const) {
      const outputs = outputsOf(first, step);
      const meta = JSON.parse(outputs.metadata!) as Metadata;
      expect(meta.ok).toBe(true);
      expect(outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(Number(outputs['module-size'])).toBe(meta.images[0]!.modules[0]!.size);
      const base = `${tb.registry}/${repo}:${runTag}`;
      expect(outputs.tags!.split('\n').sort()).toEqual(
        [base, `${base}-wasm`, `${base}-wasmtime`, `${base}-node`, `${base}-wazero`].sort(),
      );
      expect(meta.runtimes.map((r) => [r.name, r.verified])).toEqual([
        ['wasmtime', true],
        ['node', true],
        ['wazero', true],
      ]);
      expect(meta.runtimes.find((r) => r.name === 'wazero')!.version).toBe(
        tb.env.VERSION_WAZERO!.replace(/^v/, ''),
      );
      for (const t of meta.images[0]!.tags)
        expect(await craneDigest(t.reference), t.reference).toBe(t.digest);
      expect(await craneDigest(base)).toBe(outputs.digest);
      // The job summary: one row per test and runtime, and every tag with its digest.
      for (const r of meta.runtimes) {
        for (const t of r.tests) {
          expect(first.output).toContain(`| ${moduleName} | ${t.test} | ${r.name} ${r.version} | passed |`);
        }
      }
      for (const t of meta.images[0]!.tags) expect(first.output).toContain(`| ${t.reference} |`);
    }
    expect(first.output).toContain('cache: the Actions cache, scope wasm-build-examples-rust-wasm.toml');
  });

  describe('on a fresh BuildKit', () => {
    let scratch: ScratchBuilder;
    let second: ActRun;

    beforeAll(async () => {
      scratch = await startScratchBuildkitd(tb);
      second = await runWorkflow(tb, 'test/e2e/act/build.yml', {
        cacheDir,
        env: { RUN_TAG: `${runTag}-again`, BUILDX_BUILDER: scratch.builder },
      });
    });
    afterAll(() => scratch?.stop());

    it('restores the compile steps from the Actions cache (type=gha) instead of running them', () => {
      expect(second.code, second.output.slice(-4000)).toBe(0);
      expect(second.output).toMatch(/importing cache manifest from gha:/);
      for (const step of [
        /^\[hello\] compile C/,
        /^\[hello-rust\] cargo build/,
        /^\[hello-rust\] cargo fetch/,
      ]) {
        const outcome = stepOutcome(second.output, step);
        const lines = second.output.split('\n').filter((l) => l.includes(' #'));
        expect(['cached', 'imported'], `${String(step)}\n${lines.join('\n').slice(-6000)}`).toContain(
          outcome,
        );
      }
      // The same inputs give the same image.
      expect(outputsOf(second, 'rust').digest).toBe(outputsOf(first, 'rust').digest);
    });
  });

  it('fails on a wrong expected output, annotates the test line and pushes nothing', async () => {
    const failing = await runWorkflow(tb, 'test/e2e/act/failing.yml', { cacheDir, env: { RUN_TAG: runTag } });
    expect(failing.code).not.toBe(0);
    // The [[module.test]] of "expects the wrong greeting" is on line 11 of the file.
    expect(failing.output).toMatch(
      /::error file=test\/e2e\/act\/failing\/wasm\.toml,line=11,col=1::test failed: hello \/ expects the wrong greeting on wasmtime/,
    );
    expect(failing.output).toContain(String.raw`stdout \"Hello, Wasm!\\n\", expected \"Goodbye, Wasm!\\n\"`);
    expect(failing.output).toMatch(/2 of 4 test runs failed: nothing was pushed/);
    const tags = await run('crane', ['ls', '--insecure', `${tb.registry}/act/failing`], { env: tb.env });
    expect(tags.stdout.trim()).toBe('');
  });

  it('fails on a source that does not compile, annotates the compiler error at its line and pushes nothing', async () => {
    const broken = await runWorkflow(tb, 'test/e2e/act/broken-source.yml', {
      cacheDir,
      env: { RUN_TAG: runTag },
    });
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(
      /::error file=test\/e2e\/act\/broken-source\/hello\.c,line=5,col=12::expected ';' at end of declaration/,
    );
    // The wasm.toml line of the module follows as context.
    expect(broken.output).toMatch(
      /::error file=test\/e2e\/act\/broken-source\/wasm\.toml,line=5::building broken failed/,
    );
    const tags = await run('crane', ['ls', '--insecure', `${tb.registry}/act/broken`], { env: tb.env });
    expect(tags.stdout.trim()).toBe('');
  });
});
