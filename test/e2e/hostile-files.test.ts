// Every malformed or hostile wasm.toml of the invalid corpus (test/unit/wasm-toml/invalid/), plus files
// over the limits, through the real buildx and the frontend: each ends with a non-zero exit and the
// corpus's message at its line (buildx's `wasm.toml:<line>` and its `>>>` marker), never a stack trace,
// a hang, or a build step that runs.
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/wasm-toml/index.js';
import { readCorpus } from '../unit/wasm-toml/corpus.js';
import { buildx } from '../support/frontend.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();

async function refused(text: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  writeFileSync(path.join(dir, 'wasm.toml'), text);
  // The frontend comes from the build arg, so the file's own lines keep their numbers.
  const res = await buildx(tb, dir, [
    '--platform=wasi/wasm',
    `--build-arg=BUILDKIT_SYNTAX=${tb.images.frontend}`,
  ]);
  expect(res.timedOut).toBe(false);
  expect(res.code).not.toBe(0);
  expect(res.stderr).not.toMatch(/\bat .*\.(?:mjs|cjs|js|ts):\d+/);
  // No toolchain step ran: the file was refused before any was planned.
  expect(res.stderr).not.toMatch(/\] (?:compile|cargo|go build|asc|zig)/);
  return res.stderr;
}

describe('hostile and malformed wasm.toml through buildx', () => {
  const corpus = readCorpus();

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, file) => {
    const stderr = await refused(file.text);
    const first = file.errors[0]!;
    expect(stderr).toContain(first.message);
    expect(stderr).toMatch(new RegExp(`^wasm\\.toml:${first.line}$`, 'm'));
    expect(stderr).toMatch(new RegExp(`^\\s*${first.line} \\| >>> `, 'm'));
  });

  it.each([
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
});
