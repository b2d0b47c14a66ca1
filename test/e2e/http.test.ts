// HTTP cases that must fail: a handler answering the wrong status fails its case at the case's line and
// nothing is pushed; an HTTP case on a command module fails at its line too. (The passing side, every HTTP
// example on wasmtime and node, is in components.test.ts.)
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmBuild } from '../support/cli.js';
import { run } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'http-e2e-'));
const runId = Date.now().toString(36);

/** The example copied, with `edit` applied to one of its files. */
function copyWith(example: string, file: string, edit: (text: string) => string): string {
  const dir = path.join(work, `${example}-${path.basename(file)}`);
  cpSync(path.join(repoRoot, 'examples', example), dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(target, after);
  return dir;
}

/** The 1-based line of the `[[module.test]]` whose name line is `name = "<test>"`. */
function caseLine(dir: string, test: string): number {
  return readFileSync(path.join(dir, 'wasm.toml'), 'utf8').split('\n').indexOf(`name = "${test}"`);
}

describe('a broken HTTP handler', () => {
  it('fails its case on wasmtime and node at the case’s line, and pushes nothing', async () => {
    const dir = copyWith('http-js', 'src/routes.ts', (t) =>
      t.replace(
        'return new Response(`Hello, ${name}!\\n`, { status: 200',
        'return new Response(`Hello, ${name}!\\n`, { status: 500',
      ),
    );
    const repo = `${tb.registry}/http/broken-${runId}`;
    const res = await wasmBuild(tb, work, ['push', dir, '-t', `${repo}:v1`, '-r', 'wasmtime,node'], 'broken');
    expect(res.code).not.toBe(0);
    const line = caseLine(dir, 'hello route');
    for (const runtime of ['wasmtime', 'node']) {
      expect(res.stderr).toContain(
        `wasm.toml:${line}:1: error: test failed: hello-http-js / hello route on ${runtime}`,
      );
    }
    expect(res.stderr).toContain('status 500, expected 200');
    expect(res.stderr).toMatch(/test runs failed: nothing was pushed/);
    const report = res.report();
    expect(report.tests.filter((t) => !t.passed).map((t) => [t.test, t.runtime])).toEqual([
      ['hello route', 'wasmtime'],
      ['greets the world without a name', 'wasmtime'],
      ['hello route', 'node'],
      ['greets the world without a name', 'node'],
    ]);
    const listed = await run('crane', ['ls', '--insecure', repo], { env: tb.env });
    expect(listed.stdout.trim()).toBe('');
  });
});

describe('an HTTP case on a command module', () => {
  it('fails at its line, saying the module is not an HTTP component', async () => {
    const dir = copyWith('component-c', 'wasm.toml', (t) =>
      t
        .replace('name = "defaults"\n', 'name = "defaults"\nrequest = { path = "/" }\n')
        .replace(
          /(name = "defaults"\nrequest = \{ path = "\/" \}\n)expect\.stdout = "Hello, world!\\n"\n/,
          '$1expect.status = 200\n',
        ),
    );
    const res = await wasmBuild(tb, work, ['test', dir, '-r', 'wasmtime'], 'mismatch');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(
      `wasm.toml:${caseLine(dir, 'defaults')}:1: error: test failed: hello-component / defaults\nthe case sends a request, and hello-component exports no wasi:http/incoming-handler`,
    );
  });
});
