// A deliberately broken source per language, built through the CLI and buildx on the testbed: the
// compiler's error comes back at the file, line and column of the mistake, before the wasm.toml line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmBuild } from '../support/cli.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'compile-errors-'));

/**
 * Puts `line` first in the body of the block opening after `after` (at the end of the file when `after` is
 * undefined); returns its line number.
 */
function breakSource(file: string, after: string | undefined, line: string): number {
  const text = readFileSync(file, 'utf8');
  const at = after === undefined ? text.length : text.indexOf('{', text.indexOf(after)) + 1;
  const head = after === undefined ? text.replace(/\n?$/, '') : text.slice(0, at);
  writeFileSync(file, `${head}\n${line}\n${text.slice(at)}`);
  return head.split('\n').length + 1;
}

describe('compiler errors at their source line', () => {
  it.each([
    ['hello-c', 'hello.c', 'int main', '  int x = 1', /expected ';' at end of declaration/, 12],
    [
      'rust',
      'src/main.rs',
      'fn main()',
      '    let _x = undefined_thing;',
      /cannot find value `undefined_thing`/,
      14,
    ],
    ['go', 'cmd/greet/main.go', 'func main()', '\tundefinedThing()', /undefined: undefinedThing/, 2],
    ['zig', 'src/main.zig', 'pub fn main', '    undefinedThing();', /use of undeclared identifier/, 5],
    [
      'assemblyscript',
      'assembly/index.ts',
      undefined,
      'undefinedThing();',
      /Cannot find name 'undefinedThing'/,
      1,
    ],
  ])('%s: %s', async (example, file, after, broken, message, column) => {
    const dir = mkdtempSync(path.join(work, `${example}-`));
    cpSync(path.join(repoRoot, 'examples', example), dir, {
      recursive: true,
      filter: (src) => !/\/(node_modules|target)$/.test(src),
    });
    const line = breakSource(path.join(dir, file), after, broken);
    const res = await wasmBuild(tb, work, ['build', dir], example);
    expect(res.code, res.stderr.slice(-3000)).toBe(3);
    const at = `${path.join(dir, file)}:${line}:${column}: error: `;
    const first = res.stderr.split('\n').find((l) => l.startsWith(at));
    expect(first, res.stderr.slice(-3000)).toMatch(message);
    // The wasm.toml line follows as context.
    expect(res.stderr.indexOf(at)).toBeLessThan(res.stderr.search(/wasm\.toml:\d+: error: building/));
  });

  it('reads them from the build record when buildx drew its progress itself (a terminal)', async () => {
    const dir = mkdtempSync(path.join(work, 'terminal-'));
    cpSync(path.join(repoRoot, 'examples', 'hello-c'), dir, { recursive: true });
    const line = breakSource(path.join(dir, 'hello.c'), 'int main', '  int x = 1');
    // --progress=auto: buildx gets the CLI's stderr instead of a pipe the CLI reads, as on a terminal.
    const res = await wasmBuild(tb, work, ['build', dir, '--progress=auto'], 'terminal');
    expect(res.code, res.stderr.slice(-3000)).toBe(3);
    expect(res.stderr).toContain(
      `${path.join(dir, 'hello.c')}:${line}:12: error: expected ';' at end of declaration`,
    );
  });
});
