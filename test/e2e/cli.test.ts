// The `wasm-build` CLI as shipped (dist/cli.mjs) against the testbed: build --push then test on the
// Rust example, `run`, and the exit codes that tell input, test and push failures apart.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBundle, wasmBuild as runCli } from '../support/cli.js';
import { toolchainArgs } from '../support/frontend.js';
import { run } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'cli-e2e-'));
const wasmBuild = (args: string[], name: string, guest: string[] = []) => runCli(tb, work, args, name, guest);

describe('wasm-build', () => {
  const tag = `${tb.registry}/cli/rust:${Date.now()}`;

  it('build --push verifies, then pushes every tag of examples/rust', async () => {
    const res = await wasmBuild(
      ['build', '--push', path.join(repoRoot, 'examples/rust'), '-t', tag, '-r', 'wasmtime,wazero'],
      'push',
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.stderr).toMatch(/^<== Build hello-rust: done in [\d.]+ s$/m);
    expect(res.stderr).toMatch(/^<== Test on wasmtime, wazero: done in [\d.]+ s$/m);
    const report = res.report();
    const tags = report.images[0]!.tags;
    expect(tags.map((t) => t.tag)).toEqual([
      tag.split(':').at(-1),
      ...['wasm', 'wasmtime', 'wazero'].map((s) => `${tag.split(':').at(-1)}-${s}`),
    ]);
    for (const t of tags) {
      const digest = await run('crane', ['digest', '--insecure', t.reference], { env: tb.env });
      expect(digest.stdout.trim(), t.reference).toBe(t.digest);
    }
  });

  it('push to two repositories of one registry uploads the blobs once and mounts them into the second', async () => {
    const dir = mkdtempSync(path.join(work, 'mount-'));
    writeFileSync(path.join(dir, 'hello.c'), hello);
    writeFileSync(path.join(dir, 'wasm.toml'), '[module]\nname = "hello"\nlanguage = "c"\n');
    const id = Date.now().toString(36);
    const [first, second] = [`${tb.registry}/cli/mount-a-${id}`, `${tb.registry}/cli/mount-b-${id}`];
    const res = await wasmBuild(['push', dir, '-t', `${first}:1`, '-t', `${second}:1`, '--no-test'], 'mount');
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    // Image config and layer, artifact config and layer.
    expect(res.stderr).toContain(`${first}: 4 of 4 blobs uploaded`);
    expect(res.stderr).toMatch(new RegExp(`${second}: 0 of 4 blobs uploaded \\(0 bytes\\), 4 mounted`));
    expect(res.report().images[0]!.tags.map((t) => t.reference)).toEqual([
      `${first}:1`,
      `${first}:1-wasm`,
      `${second}:1`,
      `${second}:1-wasm`,
    ]);
  });

  it('test runs every case on every runtime, and writes the report', async () => {
    const res = await wasmBuild(
      ['test', path.join(repoRoot, 'examples/rust'), '-r', 'wasmtime', '-r', 'node,wazero'],
      'test',
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    const report = res.report();
    expect(report.ok).toBe(true);
    expect(report.tests).toHaveLength(4 * 3);
    expect(report.tests.every((t) => t.passed)).toBe(true);
    expect(report.runtimes.map((r) => r.verified)).toEqual([true, true, true]);
    expect(report.images[0]!.tags).toEqual([]);
  });

  it('run builds and runs the module with the arguments after --', async () => {
    const res = await wasmBuild(['run', path.join(repoRoot, 'examples/hello-c')], 'run', ['Wasm']);
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.stdout).toBe('Hello, Wasm!\n');
  });

  // Each case: the wasm.toml after `[module]` and `name`, the C source, the exit code, the message.
  const hello = readFileSync(path.join(repoRoot, 'examples/hello-c/hello.c'), 'utf8');
  it.each([
    ['a mistake in wasm.toml', '\nlanguage = "cobol"', hello, 2, /wasm\.toml:4:12: error: .*cobol/],
    [
      'a compile error BuildKit locates',
      'language = "c"',
      'int main( {',
      3,
      // The compiler's own error at its line first, whatever tail BuildKit's summary shows, then wasm.toml's.
      /\/hello\.c:1:\d+: error: expected[^\n]*\n[^]*wasm\.toml:3: error: building hello failed: .*did not complete successfully/,
    ],
    [
      'a test that fails',
      'language = "c"\n[[module.test]]\nexpect.stdout = "nope"',
      hello,
      4,
      /wasm\.toml:4:1: error: test failed: hello \/ test-1 on wasmtime/,
    ],
  ])('exits with its own code on %s', async (_, toml, source, code, message) => {
    const dir = mkdtempSync(path.join(work, 'ctx-'));
    writeFileSync(path.join(dir, 'hello.c'), source);
    writeFileSync(path.join(dir, 'wasm.toml'), `[module]\nname = "hello"\n${toml}\n`);
    const res = await wasmBuild(
      ['push', dir, '-t', `${tb.registry}/cli/never:1`, '-r', 'wasmtime'],
      path.basename(dir),
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(code);
    expect(res.stderr).toMatch(message);
    const tags = await run('crane', ['ls', '--insecure', `${tb.registry}/cli/never`], { env: tb.env });
    expect(tags.stdout.trim()).toBe('');
  });

  it('runs three pushes at once in one checkout, each in a work directory of its own', async () => {
    const dir = mkdtempSync(path.join(work, 'together-'));
    writeFileSync(path.join(dir, 'hello.c'), hello);
    writeFileSync(path.join(dir, 'wasm.toml'), '[module]\nname = "hello"\nlanguage = "c"\n');
    const repo = `${tb.registry}/cli/together`;
    const runs = await Promise.all(
      ['a', 'b', 'c'].map((t) =>
        run(
          process.execPath,
          [
            cliBundle,
            'push',
            '.',
            '-t',
            `${repo}:${t}`,
            '-r',
            'wasmtime',
            `--frontend=${tb.images.frontend}`,
            ...toolchainArgs(tb),
          ],
          { cwd: dir, env: { ...tb.env, CI: 'true' } },
        ),
      ),
    );
    for (const r of runs) expect(r.code, `exit ${r.code}:\n${r.stdout}\n${r.stderr}`).toBe(0);
    const tags = await run('crane', ['ls', '--insecure', repo], { env: tb.env });
    expect(
      tags.stdout
        .trim()
        .split('\n')
        .filter((t) => /^[abc]$/.test(t))
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    // The report is where users look for it, whole: the last run to finish wrote it.
    const report = JSON.parse(readFileSync(path.join(dir, '.wasm-build', 'report.json'), 'utf8')) as {
      ok: boolean;
    };
    expect(report.ok).toBe(true);
  });

  describe('a file with two modules', () => {
    const modules = (image: string) =>
      `${image}[[module]]\nname = "first"\nlanguage = "c"\nsource = "a"\n[[module.test]]\nexpect.stdout = "Hello, world!\\n"\n` +
      `[[module]]\nname = "second"\nlanguage = "c"\nsource = "b"\n[[module.test]]\nargs = ["b"]\nexpect.stdout = "Hello, b!\\n"\n`;
    const context = (toml: string) => {
      const dir = mkdtempSync(path.join(work, 'two-'));
      for (const sub of ['a', 'b']) {
        mkdirSync(path.join(dir, sub));
        writeFileSync(path.join(dir, sub, 'hello.c'), hello);
      }
      writeFileSync(path.join(dir, 'wasm.toml'), toml);
      return dir;
    };

    it('pushes each module as its own image to <repository>-<module>, each tested', async () => {
      const repo = `${tb.registry}/cli/two`;
      const res = await wasmBuild(['push', context(modules('')), '-t', `${repo}:1`, '-r', 'wasmtime'], 'two');
      expect(res.code, res.stderr.slice(-3000)).toBe(0);
      const report = res.report();
      expect(report.images.map((i) => i.name)).toEqual(['first', 'second']);
      expect(report.tests.map((t) => `${t.module} ${t.passed}`)).toEqual(['first true', 'second true']);
      for (const name of ['first', 'second']) {
        const tags = await run('crane', ['ls', '--insecure', `${repo}-${name}`], { env: tb.env });
        expect(tags.stdout.trim().split('\n').sort()).toEqual(['1', '1-wasm', '1-wasmtime']);
      }
      // Built at once, logged one after the other: all of first's build, then second's command and build.
      // (Compile steps: a step both builds share, like the toolchain image, may show under either name.)
      const lines = res.stderr.split('\n');
      const at = (pattern: RegExp) => lines.flatMap((l, i) => (pattern.test(l) ? [i] : []));
      const secondCommand = at(/buildx? build .*--target=second /);
      expect(secondCommand).toHaveLength(1);
      expect(at(/buildx? build .*--target=first /)[0]).toBeLessThan(secondCommand[0]!);
      expect(Math.max(...at(/^#\d+ \[first\] compile C/))).toBeLessThan(secondCommand[0]!);
      expect(Math.min(...at(/^#\d+ \[second\] compile C/))).toBeGreaterThan(secondCommand[0]!);
    });

    it('when one build fails, still builds the other, names the failed one and pushes nothing', async () => {
      const dir = context(modules(''));
      writeFileSync(path.join(dir, 'a', 'hello.c'), 'int main( {');
      const repo = `${tb.registry}/cli/two-broken`;
      const res = await wasmBuild(['push', dir, '-t', `${repo}:1`, '-r', 'wasmtime'], 'two-broken');
      expect(res.code, res.stderr.slice(-3000)).toBe(3);
      expect(res.stderr).toMatch(/wasm\.toml:3: error: building first failed: /);
      expect(res.stderr).toMatch(/^#\d+ \[second\] compile C \(1 file\)$/m);
      expect(res.report().failure?.phase).toBe('build');
      for (const name of ['first', 'second']) {
        const tags = await run('crane', ['ls', '--insecure', `${repo}-${name}`], { env: tb.env });
        expect(tags.stdout.trim(), name).toBe('');
      }
    });

    it('with a top-level [image], tests every module of the one image', async () => {
      const res = await wasmBuild(['test', context(modules('[image]\n')), '-r', 'wasmtime'], 'one-image');
      expect(res.code, res.stderr.slice(-3000)).toBe(0);
      const report = res.report();
      expect(report.images).toHaveLength(1);
      expect(report.images[0]!.modules.map((m) => m.path)).toEqual(['/first.wasm', '/second.wasm']);
      expect(report.tests.map((t) => `${t.module} ${t.passed}`)).toEqual(['first true', 'second true']);
    });
  });

  it('exits with 2 on a flag it does not know', async () => {
    const res = await run(process.execPath, [cliBundle, 'build', '--frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Unknown option '--frobnicate'");
  });
});
