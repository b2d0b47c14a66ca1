import { describe, expect, it } from 'vitest';
import { formatSpecError, parseWasmToml } from '../../../src/wasm-toml/index.js';
import { readCorpus } from './corpus.js';

const corpus = readCorpus();

describe('invalid wasm.toml corpus', () => {
  it('has at least 30 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, file) => {
    const result = parseWasmToml(file.text, { filename: 'wasm.toml' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const actual = result.errors.map(({ line, column, endLine, endColumn, message, hint }) => ({
      line,
      column,
      endLine,
      endColumn,
      message,
      ...(hint ? { hint } : {}),
    }));
    expect(actual).toEqual(file.errors);
    for (const err of result.errors) {
      expect(err.filename).toBe('wasm.toml');
      expect(formatSpecError(err, file.text)).toMatch(new RegExp(`^wasm\\.toml:${err.line}:${err.column}: `));
    }
  });

  it('reports errors in source order', () => {
    for (const file of corpus) {
      const offsets = file.errors.map((e) => e.line * 10_000 + e.column);
      expect(offsets, file.name).toEqual([...offsets].sort((a, b) => a - b));
    }
  });
});
