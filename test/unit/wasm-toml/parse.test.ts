import { describe, expect, it } from 'vitest';
import { formatSpecError, parseWasmToml, type Spec, type SpecError } from '../../../src/wasm-toml/index.js';
import { MODULE_FIELDS, ROOT_FIELDS, type Fields } from '../../../src/wasm-toml/schema.js';
import { VALID_CASES } from './valid-cases.js';

function parse(text: string): Spec {
  const result = parseWasmToml(text);
  if (!result.ok) throw new Error(result.errors.map((e) => formatSpecError(e, text)).join('\n'));
  return result.spec;
}

function errorsOf(text: string): SpecError[] {
  const result = parseWasmToml(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('parseWasmToml: valid files', () => {
  it.each(VALID_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const spec = parse(c.toml);
    if (c.exact) expect(spec).toEqual(c.expected);
    else expect(spec).toMatchObject(c.expected);
  });

  it('fills in every key the schema says is always present, in every case', () => {
    // Independent of the derived types: walks the table and the data side by side.
    const check = (fields: Fields, data: Record<string, unknown>, where: string): void => {
      for (const [name, key] of Object.entries(fields)) {
        const value = data[name];
        const always =
          key.kind === 'map' ||
          key.kind === 'tables' ||
          (key.kind === 'table'
            ? !('optional' in key) && !('language' in key)
            : 'default' in key || 'computed' in key);
        if (always) expect(value, `${where}.${name}`).toBeDefined();
        if (value === undefined) continue;
        if (key.kind === 'table') check(key.fields, value as Record<string, unknown>, `${where}.${name}`);
        if (key.kind === 'tables') {
          (value as Record<string, unknown>[]).forEach((item, i) =>
            check(key.fields, item, `${where}.${name}[${i}]`),
          );
        }
      }
    };
    for (const c of VALID_CASES)
      check(ROOT_FIELDS, parse(c.toml) as unknown as Record<string, unknown>, c.name);
  });

  it('includes exactly the options table of the module language', () => {
    const spec = parse('[module]\nname = "x"\nlanguage = "zig"\n');
    const languageTables = Object.entries(MODULE_FIELDS)
      .filter(([, key]) => key.kind === 'table' && 'language' in key)
      .map(([name]) => name);
    expect(languageTables.filter((t) => t in (spec.module[0] ?? {}))).toEqual(['zig']);
  });

  it('accepts a leading byte order mark without shifting positions', () => {
    const spec = parse('\uFEFF[module]\nname = "hello"\nlanguage = "c"\n');
    expect(spec.locate(['module', 0, 'name'])).toEqual({ line: 2, column: 8, endLine: 2, endColumn: 15 });
  });

  it('accepts the TOML forms of strings and CRLF line ends', () => {
    const spec = parse('[module]\r\nname = \'hello\'\r\nlanguage = """rust"""\r\n');
    expect(spec.module[0]).toMatchObject({ name: 'hello', language: 'rust' });
  });
});

describe('parseWasmToml: errors', () => {
  it('collects every error, not only the first', () => {
    const errors = errorsOf('[module]\nname = 1\nlanguage = "java"\ntarget = 2\n');
    expect(errors.map((e) => [e.line, e.message.split(' ')[0]])).toEqual([
      [2, 'name'],
      [3, 'language'],
      [4, 'target'],
    ]);
  });

  it('uses the filename it is given', () => {
    const [err] = errorsOf('[module]\nname = 1\nlanguage = "c"\n');
    expect(err?.filename).toBe('wasm.toml');
    const [named] = (
      parseWasmToml('[module]\nname = 1\nlanguage = "c"\n', { filename: 'app/wasm.toml' }) as {
        errors: SpecError[];
      }
    ).errors;
    expect(named?.filename).toBe('app/wasm.toml');
  });

  it('gives each error the path it is about', () => {
    const [err] = errorsOf(
      '[[module]]\nname = "a"\nlanguage = "c"\n[[module]]\nname = "b"\nlanguage = "rust"\nrust.features = [1]\n',
    );
    expect(err?.path).toEqual(['module', 1, 'rust', 'features', 0]);
  });

  it('does not report a misspelt key as missing too', () => {
    expect(errorsOf('[module]\nnmae = "x"\nbiuld = ["make"]\n').map((e) => e.message)).toEqual([
      'unknown key "nmae" in [module]',
      'unknown key "biuld" in [module]',
    ]);
  });

  it('reports a build-arg reference inside a string escaped differently in the source', () => {
    const text = '[module]\nname = "x"\nlanguage = "c"\nenv.A = "\\t${NOPE}"\n';
    const [err] = errorsOf(text);
    expect(err).toMatchObject({ line: 4, column: 12, endColumn: 19 });
  });
});

describe('spec.locate', () => {
  const text = `[toolchains.rust]
image = "registry.local/rust"

[[module]]
language = "rust"
env = { A = "1" }

[module.rust]
package = "app"
features = ["json", "cli"]

[[module]]
name = "other"
language = "c"
`;
  const spec = parse(text);

  it('finds a written value, down to a list item', () => {
    expect(spec.locate(['module', 0, 'rust', 'features'])).toEqual({
      line: 10,
      column: 12,
      endLine: 10,
      endColumn: 27,
    });
    expect(spec.locate(['module', 0, 'rust', 'features', 1])).toEqual({
      line: 10,
      column: 21,
      endLine: 10,
      endColumn: 26,
    });
    expect(spec.locate(['module', 0, 'env', 'A'])).toEqual({
      line: 6,
      column: 13,
      endLine: 6,
      endColumn: 16,
    });
  });

  it('points a defaulted value at the closest table that was written', () => {
    expect(spec.locate(['module', 0, 'rust', 'default-features'])).toEqual({
      line: 8,
      column: 1,
      endLine: 8,
      endColumn: 14,
    });
    expect(spec.locate(['module', 1, 'optimize', 'wasm-opt'])).toEqual({
      line: 12,
      column: 1,
      endLine: 12,
      endColumn: 11,
    });
  });

  it('points derived and inherited values at where they came from', () => {
    expect(spec.module[0]?.name).toBe('app');
    expect(spec.locate(['module', 0, 'name'])).toMatchObject({ line: 9, column: 11 });
    expect(spec.module[0]?.toolchain.image).toBe('registry.local/rust');
    expect(spec.locate(['module', 0, 'toolchain', 'image'])).toMatchObject({ line: 2, column: 9 });
  });

  it('is not part of the data', () => {
    expect(Object.keys(spec)).not.toContain('locate');
    expect(JSON.parse(JSON.stringify(spec))).toEqual({ ...spec });
  });

  it('maps a single [module] to module[0]', () => {
    const single = parse('\n[module]\nname = "x"\nlanguage = "c"\n');
    expect(single.locate(['module', 0, 'name'])).toEqual({ line: 3, column: 8, endLine: 3, endColumn: 11 });
    expect(single.locate(['module', 0])).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 9 });
  });
});

describe('formatSpecError', () => {
  it('renders the location, the source line, a caret under the range and the hint', () => {
    const text = '[module]\nname = "hello"\nlangauge = "c"\n';
    const [err] = errorsOf(text);
    expect(err && formatSpecError(err, text)).toBe(
      [
        'wasm.toml:3:1: unknown key "langauge" in [module]',
        '  3 | langauge = "c"',
        '    | ^^^^^^^^',
        '  hint: did you mean "language"?',
      ].join('\n'),
    );
  });

  it('keeps tabs so the caret lines up, and stops a multi-line range at the end of the line', () => {
    const text = '[module]\n\tname = 7\nlanguage = "c"\n';
    const [err] = errorsOf(text);
    expect(err && formatSpecError(err, text)).toBe(
      ['wasm.toml:2:9: name must be a string, not an integer', '  2 | \tname = 7', '    | \t       ^'].join(
        '\n',
      ),
    );
    const multi: SpecError = { filename: 'f', line: 1, column: 3, endLine: 2, endColumn: 2, message: 'm' };
    expect(formatSpecError(multi, 'abcdef\nxyz')).toBe(
      ['f:1:3: m', '  1 | abcdef', '    |   ^^^^'].join('\n'),
    );
  });

  it('renders a syntax error', () => {
    const text = '[module]\nname = "hello\n';
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0] && formatSpecError(errors[0], text)).toMatch(
      /^wasm\.toml:2:14: invalid TOML: unterminated string/,
    );
  });
});
