import { describe, expect, it } from 'vitest';
import {
  applyBuildArgs,
  parseWasmToml,
  selectModules,
  toolchainImage,
  type Spec,
} from '../../../src/wasm-toml/index.js';
import { expandTemplate, scanTemplate } from '../../../src/wasm-toml/interpolate.js';
import { closest, editDistance } from '../../../src/wasm-toml/suggest.js';

function parse(text: string): Spec {
  const result = parseWasmToml(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.spec;
}

const twoModules = `[[module]]
name = "hello"
language = "c"
image.labels = { a = "module", b = "module" }

[[module]]
name = "world"
language = "rust"
`;

describe('selectModules', () => {
  const spec = parse(twoModules);

  it('builds the first module without a target (BuildKit sends an empty one)', () => {
    for (const target of [undefined, '']) {
      const s = selectModules(spec, target);
      expect(s.ok && s.modules.map((m) => m.name)).toEqual(['hello']);
      expect(s.ok && s.entrypoint.name).toBe('hello');
    }
  });

  it('builds the module --target names, with its image config', () => {
    const s = selectModules(spec, 'world');
    expect(s.ok && s.modules.map((m) => m.name)).toEqual(['world']);
    expect(s.ok && s.image).toEqual(spec.module[1]?.image);
  });

  it('suggests the closest module for an unknown target', () => {
    expect(selectModules(spec, 'wrld')).toEqual({
      ok: false,
      message: 'unknown target "wrld": the modules in this file are hello, world',
      hint: 'did you mean "world"?',
    });
    expect(selectModules(spec, 'zzzzzz')).not.toHaveProperty('hint');
  });

  it('with [image], builds every module into one image with the entrypoint chosen by target', () => {
    const bundled = parse(`[image]\nlabels = { b = "image", c = "image" }\n${twoModules}`);
    const s = selectModules(bundled);
    expect(s.ok && s.modules.map((m) => m.name)).toEqual(['hello', 'world']);
    expect(s.ok && s.entrypoint.name).toBe('hello');
    expect(s.ok && s.image.labels).toEqual({ a: 'module', b: 'image', c: 'image' });
    const t = selectModules(bundled, 'world');
    expect(t.ok && t.entrypoint.name).toBe('world');
    expect(t.ok && t.modules).toHaveLength(2);
  });
});

describe('applyBuildArgs', () => {
  const text = `[build-args]
VERSION = "dev"
REGISTRY = "registry.local"

[module]
name = "svc"
language = "go"
env = { V = "\${VERSION}", PRICE = "$$5", HOME_REF = "$HOME" }
go.ldflags = ["-X main.version=\${VERSION}"]
toolchain.image = "\${REGISTRY}/golang"

[[module.test]]
args = ["\${VERSION}"]
`;
  const spec = parse(text);

  it('uses the declared defaults and overrides them with --build-arg values, ignoring unknown ones', () => {
    const out = applyBuildArgs(spec, { VERSION: '1.2.3', UNRELATED: 'x' });
    expect(out['build-args']).toEqual({ VERSION: '1.2.3', REGISTRY: 'registry.local' });
    expect(out.module[0]?.env).toEqual({ V: '1.2.3', PRICE: '$5', HOME_REF: '$HOME' });
    expect(out.module[0]?.go?.ldflags).toEqual(['-X main.version=1.2.3']);
    expect(out.module[0]?.toolchain.image).toBe('registry.local/golang');
  });

  it('leaves keys that do not expand build args alone', () => {
    expect(applyBuildArgs(spec, { VERSION: '1' }).module[0]?.test[0]?.args).toEqual(['${VERSION}']);
  });

  it('does not change the spec it is given, and keeps locate', () => {
    const out = applyBuildArgs(spec, { VERSION: '9' });
    expect(spec.module[0]?.env.V).toBe('${VERSION}');
    expect(out.locate(['module', 0, 'env', 'V'])).toEqual(spec.locate(['module', 0, 'env', 'V']));
  });

  it('ignores inherited properties of the build-arg object', () => {
    const args = Object.create({ VERSION: 'inherited' }) as Record<string, string>;
    expect(applyBuildArgs(spec, args).module[0]?.env.V).toBe('dev');
  });
});

// A digest the reference grammar accepts (sha256, 64 hex digits).
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('toolchainImage', () => {
  const builtin = 'docker.io/library/rust:1.82';
  it.each([
    [{}, builtin],
    [{ version: '1.80' }, 'docker.io/library/rust:1.80'],
    [{ image: 'registry.local:5000/rust' }, 'registry.local:5000/rust:1.82'],
    [{ image: 'registry.local:5000/rust', version: '1.80' }, 'registry.local:5000/rust:1.80'],
    [{ image: 'registry.local/rust:nightly' }, 'registry.local/rust:nightly'],
    [{ image: `registry.local/rust@${DIGEST}` }, `registry.local/rust@${DIGEST}`],
  ])('%j -> %s', (toolchain, expected) => {
    expect(toolchainImage(toolchain, builtin)).toBe(expected);
  });

  it('keeps a digest-pinned built-in image unless a version is asked for', () => {
    expect(toolchainImage({ image: 'mirror/rust' }, `rust:1.82@${DIGEST}`)).toBe(
      `mirror/rust:1.82@${DIGEST}`,
    );
    expect(toolchainImage({ version: '1.80' }, `rust:1.82@${DIGEST}`)).toBe('rust:1.80');
  });
});

describe('build-arg templates', () => {
  it('finds references and malformed ones', () => {
    expect(scanTemplate('a ${X} $$ ${Y_2} $Z')).toEqual({
      refs: [
        { name: 'X', start: 2, end: 6 },
        { name: 'Y_2', start: 10, end: 16 },
      ],
      problems: [],
    });
    expect(scanTemplate('${1X} ${').problems.map((p) => p.message)).toEqual([
      'invalid build arg reference "${1X}"',
      'unterminated build arg reference "${"',
    ]);
    expect(scanTemplate('$${X}').refs).toEqual([]);
  });

  it('expands references and $$', () => {
    expect(expandTemplate('${A}-$${A}-$A', { A: '1' })).toBe('1-${A}-$A');
  });
});

describe('suggestions', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('langauge', 'language')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('ignores case and _ vs -, and suggests nothing far away', () => {
    expect(closest('default_features', ['features', 'default-features'])).toBe('default-features');
    expect(closest('RUST', ['c', 'rust'])).toBe('rust');
    expect(closest('python', ['c', 'rust', 'go'])).toBeUndefined();
  });
});
