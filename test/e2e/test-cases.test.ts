// What real programs' test suites need from a [[module.test]] case, through the CLI on the testbed's
// runtimes: input and expected output with NUL bytes, and binary ones from files in the build context.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmBuild } from '../support/cli.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'test-cases-e2e-'));

// cat: standard input to standard output, byte for byte.
const cat = `#include <stdio.h>
int main(void) {
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
  return 0;
}
`;

describe('test cases with binary data', () => {
  it('passes NUL bytes and every byte value through stdin and stdout on wasmtime, wazero and node', async () => {
    const dir = mkdtempSync(path.join(work, 'cat-'));
    writeFileSync(path.join(dir, 'cat.c'), cat);
    mkdirSync(path.join(dir, 'testdata'));
    writeFileSync(
      path.join(dir, 'testdata', 'bytes.bin'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    );
    writeFileSync(
      path.join(dir, 'wasm.toml'),
      [
        '[module]',
        'name = "cat"',
        'language = "c"',
        '[[module.test]]',
        'name = "nul inline"',
        'stdin = "a\\u0000b\\u0000"',
        'expect.stdout = "a\\u0000b\\u0000"',
        '[[module.test]]',
        'name = "every byte from a file"',
        'stdin-file = "testdata/bytes.bin"',
        'expect.stdout-file = "testdata/bytes.bin"',
        '',
      ].join('\n'),
    );
    const res = await wasmBuild(tb, work, ['test', dir, '-r', 'wasmtime,wazero,node'], 'cat');
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    const report = res.report();
    expect(report.tests.filter((t) => t.passed)).toHaveLength(6);
  });

  it('fails a case whose output differs from expect.stdout-file, and names a missing file at its line', async () => {
    const dir = mkdtempSync(path.join(work, 'cat-wrong-'));
    writeFileSync(path.join(dir, 'cat.c'), cat);
    writeFileSync(path.join(dir, 'in.bin'), Buffer.from([1, 2, 3]));
    writeFileSync(path.join(dir, 'out.bin'), Buffer.from([1, 2, 4]));
    const toml = (expected: string) =>
      `[module]\nname = "cat"\nlanguage = "c"\n[[module.test]]\nstdin-file = "in.bin"\nexpect.stdout-file = "${expected}"\n`;
    writeFileSync(path.join(dir, 'wasm.toml'), toml('out.bin'));
    const wrong = await wasmBuild(tb, work, ['test', dir, '-r', 'wasmtime'], 'cat-wrong');
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain(
      'stdout (3 bytes) differs from expect.stdout-file "out.bin" (3 bytes) from byte 2',
    );

    writeFileSync(path.join(dir, 'wasm.toml'), toml('missing.bin'));
    const missing = await wasmBuild(tb, work, ['test', dir, '-r', 'wasmtime'], 'cat-missing');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /wasm\.toml:6:\d+: error: expect\.stdout-file "missing\.bin": no such file in the build context/,
    );
  });
});
