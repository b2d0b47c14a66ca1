// Files too large, too deep or with too many modules end in one located error, quickly, never a crash.
import { describe, expect, it } from 'vitest';
import { parseWasmToml } from '../../../src/wasm-toml/index.js';
import { LIMITS } from '../../../src/wasm-toml/limits.js';

const modules = (n: number) =>
  Array.from({ length: n }, (_, i) => `[[module]]\nname = "m${i}"\nlanguage = "c"\n`).join('');

function firstError(text: string) {
  const result = parseWasmToml(text, { filename: 'wasm.toml' });
  if (result.ok) throw new Error('accepted');
  return result.errors[0]!;
}

describe('limits', () => {
  it('refuses a file over the size limit at its first line', () => {
    const text = `[module]\nname = "m"\nlanguage = "c"\n# ${'x'.repeat(LIMITS.fileBytes)}\n`;
    expect(firstError(text)).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/limited to 262144/),
    });
  });

  it.each([40, 5_000, 100_000])('refuses %i nested arrays where the 33rd opens', (depth) => {
    const text = `[module]\nname = "m"\nlanguage = "c"\nimage.args = ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const started = performance.now();
    const error = firstError(text);
    expect(error).toMatchObject({
      line: 4,
      column: 14 + LIMITS.nestingDepth,
      message: 'values nest more than 32 levels deep',
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('does not count brackets inside strings and comments', () => {
    const deep = '['.repeat(100);
    const text = `# ${deep}\n[module]\nname = "m"\nlanguage = "c"\nimage.args = ["${deep}", '${deep}', """${deep}"""]\n`;
    expect(parseWasmToml(text).ok).toBe(true);
  });

  it(`accepts ${LIMITS.modules} modules and refuses the next at its table`, () => {
    expect(parseWasmToml(modules(LIMITS.modules)).ok).toBe(true);
    expect(firstError(modules(LIMITS.modules + 1))).toMatchObject({
      line: 3 * LIMITS.modules + 1,
      message: `more than ${LIMITS.modules} [[module]] tables; one wasm.toml is limited to ${LIMITS.modules}`,
    });
  });

  it.each([
    ['binary garbage', Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0xff, 0xfe]).toString('latin1')],
    ['invalid UTF-8, as decoded', Buffer.from([0x5b, 0xc3, 0x28, 0x5d]).toString('utf8')],
    ['a lone surrogate', '[module]\nname = "\ud800"\n'],
  ])('reports %s as a located error', (_name, text) => {
    const error = firstError(text);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.message).not.toMatch(/RangeError|TypeError/);
  });
});
