// Every malformed or hostile wasm.toml of the invalid corpus (test/unit/wasm-toml/invalid/), plus files
// over the limits, through the real buildx and the frontend: each ends with a non-zero exit and the
// corpus's message at its line (buildx's `wasm.toml:<line>` and its `>>>` marker), never a stack trace,
// a hang, or a build step that runs.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/wasm-toml/index.js';
import { readCorpus } from '../unit/wasm-toml/corpus.js';
import { buildx } from '../support/frontend.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();

async function refused(text: string | Buffer, setup?: (dir: string) => void) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  writeFileSync(path.join(dir, 'wasm.toml'), text);
  setup?.(dir);
  // The frontend comes from the build arg, so the file's own lines keep their numbers.
  const res = await buildx(tb, dir, [
    '--platform=wasi/wasm',
    `--build-arg=BUILDKIT_SYNTAX=${tb.images.frontend}`,
  ]);
  expect(res.timedOut).toBe(false);
  expect(res.code).not.toBe(0);
  expect(res.stderr).not.toMatch(/\bat .*\.(?:mjs|cjs|js|ts):\d+/);
  return res.stderr;
}

describe('hostile and malformed wasm.toml through buildx', () => {
  const corpus = readCorpus();

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, file) => {
    const stderr = await refused(file.text);
    // No toolchain step ran: the file was refused before any was planned.
    expect(stderr).not.toMatch(/\] (?:compile|cargo|go build|asc|zig)/);
    const first = file.errors[0]!;
    expect(stderr).toContain(first.message);
    expect(stderr).toMatch(new RegExp(`^wasm\\.toml:${first.line}$`, 'm'));
    expect(stderr).toMatch(new RegExp(`^\\s*${first.line} \\| >>> `, 'm'));
  });

  it.each([
    ['that is empty', '', 1, /missing \[module\]/],
    [
      'over the size limit',
      `[module]\nname = "m"\nlanguage = "c"\n#${'x'.repeat(LIMITS.fileBytes)}\n`,
      1,
      /limited to 262144/,
    ],
    [
      'nested 100,000 deep',
      `[module]\nname = "m"\nlanguage = "c"\nimage.args = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      4,
      /values nest more than 32 levels deep/,
    ],
    [
      `with ${LIMITS.modules + 1} modules`,
      Array.from(
        { length: LIMITS.modules + 1 },
        (_, i) => `[[module]]\nname = "m${i}"\nlanguage = "c"\n`,
      ).join(''),
      3 * LIMITS.modules + 1,
      /more than 256 \[\[module\]\] tables/,
    ],
  ])('a file %s', async (_name, text, line, message) => {
    const stderr = await refused(text);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(new RegExp(`^wasm\\.toml:${line}$`, 'm'));
  });

  it.each([
    ['binary garbage', Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x0a])],
    ['invalid UTF-8', Buffer.from('[module]\nname = "h\xc3\x28"\nlanguage = "c"\n', 'latin1')],
  ])('%s', async (_name, bytes) => {
    const stderr = await refused(bytes);
    expect(stderr).toMatch(/^wasm\.toml:\d+$/m);
  });

  it('a source that is a symlink out of the context is not followed to the host', async () => {
    // The context sends the link itself; inside the build it points into the toolchain image, never at
    // the host's file, whose text must not appear anywhere.
    const hostFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'host-')), 'host-only.c');
    writeFileSync(hostFile, 'int main(void) { return HOST_ONLY_MARKER_4711; }\n');
    const stderr = await refused('[module]\nname = "m"\nlanguage = "c"\n', (dir) =>
      symlinkSync(hostFile, path.join(dir, 'main.c')),
    );
    expect(stderr).not.toContain('HOST_ONLY_MARKER_4711');
    expect(stderr).toMatch(/^wasm\.toml:3$/m);
  });
});
