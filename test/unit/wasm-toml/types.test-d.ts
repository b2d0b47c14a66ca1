import { describe, expectTypeOf, it } from 'vitest';
import type { Language, ModuleSpec, Spec, SpecData, TestSpec } from '../../../src/wasm-toml/index.js';
import type { SourceRange, SpecPath } from '../../../src/wasm-toml/source.js';

// Type tests, run by vitest's typecheck mode (tsc): the types derived from the schema table have the
// shape the table promises: defaults make keys required, the rest stay optional, enums stay literal.
describe('types derived from the schema table', () => {
  it('makes keys with defaults or computed defaults required', () => {
    expectTypeOf<ModuleSpec['name']>().toEqualTypeOf<string>();
    expectTypeOf<ModuleSpec['target']>().toEqualTypeOf<'wasip1' | 'wasip2'>();
    expectTypeOf<ModuleSpec['profile']>().toEqualTypeOf<'release' | 'debug'>();
    expectTypeOf<ModuleSpec['optimize']>().toEqualTypeOf<{
      'wasm-opt': 'none' | 'O1' | 'O2' | 'O3' | 'O4' | 'Os' | 'Oz';
      strip: boolean;
    }>();
    expectTypeOf<TestSpec['request']>().toEqualTypeOf<
      | {
          method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
          path: string;
          headers: Record<string, string>;
          body: string;
        }
      | undefined
    >();
    expectTypeOf<TestSpec['expect']>().toEqualTypeOf<{
      status?: number;
      body?: string;
      'body-matches'?: string;
      headers: Record<string, string>;
      'exit-code': number;
      stdout?: string;
      'stdout-file'?: string;
      'stdout-matches'?: string;
    }>();
    expectTypeOf<ModuleSpec['env']>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<ModuleSpec['test']>().toEqualTypeOf<TestSpec[]>();
  });

  it('leaves keys without a default optional', () => {
    expectTypeOf<ModuleSpec>().toHaveProperty('language').toEqualTypeOf<Language | undefined>();
    expectTypeOf<ModuleSpec>().toHaveProperty('build').toEqualTypeOf<string[] | undefined>();
    expectTypeOf<ModuleSpec>()
      .toHaveProperty('rust')
      .toEqualTypeOf<
        { features: string[]; 'default-features': boolean; package?: string; bin?: string } | undefined
      >();
    expectTypeOf<TestSpec>()
      .toHaveProperty('runtimes')
      .toEqualTypeOf<
        ('wasmtime' | 'wazero' | 'wasmer' | 'wasmedge' | 'node' | 'containerd-wasmtime')[] | undefined
      >();
    expectTypeOf<SpecData>()
      .toHaveProperty('image')
      .toEqualTypeOf<
        | { entrypoint: string; labels: Record<string, string>; annotations: Record<string, string> }
        | undefined
      >();
  });

  it('gives the spec a locate function and one module array', () => {
    expectTypeOf<Spec['locate']>().toEqualTypeOf<(path: SpecPath) => SourceRange>();
    expectTypeOf<Spec['module']>().toEqualTypeOf<ModuleSpec[]>();
    expectTypeOf<Language>().toEqualTypeOf<
      'c' | 'cpp' | 'rust' | 'go' | 'tinygo' | 'assemblyscript' | 'zig' | 'javascript' | 'python'
    >();
  });
});
