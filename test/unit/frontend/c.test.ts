// The C/C++ command line, pinned: what reaches clang for each wasm.toml setting.
import { describe, expect, it } from 'vitest';

import { clangArgs } from '../../../frontend/languages/c.js';
import { moduleOf as parsedModule } from '../../support/wasm-toml.js';

const moduleOf = (text: string) => parsedModule(`name = "m"\n${text}`);

describe('clangArgs', () => {
  it('builds a release module with the Debian-style defaults', () => {
    expect(clangArgs(moduleOf('language = "c"'), 'c', new Map(), ['a.c'], '/out/m.wasm')).toEqual([
      'clang',
      '--target=wasm32-wasi',
      '-O2',
      '-o',
      '/out/m.wasm',
      'a.c',
      '-Wl,--strip-all',
    ]);
  });

  it('takes the compiler and flags from a wasi-sdk style image config', () => {
    const env = new Map([
      ['CC', 'clang-17'],
      ['CFLAGS', '--sysroot=/wasi-sysroot  --target=wasm32-wasi'],
      ['LDFLAGS', '-Wl,--gc-sections'],
    ]);
    expect(clangArgs(moduleOf('language = "c"'), 'c', env, ['a.c'], '/out/m.wasm')).toEqual([
      'clang-17',
      '--sysroot=/wasi-sysroot',
      '--target=wasm32-wasi',
      '--target=wasm32-wasi',
      '-O2',
      '-o',
      '/out/m.wasm',
      'a.c',
      '-Wl,--gc-sections',
      '-Wl,--strip-all',
    ]);
  });

  it.each([
    ['debug keeps symbols', 'language = "c"\nprofile = "debug"', ['-O0', '-g'], ['-Wl,--strip-all']],
    [
      'wasip2 builds the wasip1 module (the frontend makes it a component)',
      'language = "c"\ntarget = "wasip2"',
      ['--target=wasm32-wasi'],
      ['--target=wasm32-wasip2'],
    ],
    [
      'flags, defines and link flags keep their order',
      'language = "c"\n[module.c]\nflags = ["-Wall", "-Werror"]\ndefines = ["NDEBUG", "LEVEL=2"]\nlink-flags = ["-Wl,--export=add"]',
      ['-Wall', '-Werror', '-DNDEBUG', '-DLEVEL=2', '-Wl,--export=add'],
      [],
    ],
  ])('%s', (_, toml, present, absent) => {
    const args = clangArgs(moduleOf(toml), 'c', new Map(), ['a.c'], '/out/m.wasm');
    for (const p of present) expect(args).toContain(p);
    for (const a of absent) expect(args).not.toContain(a);
  });

  it("adds each of wasi-libc's emulations as a define before the sources and a library after them", () => {
    const args = clangArgs(
      moduleOf('language = "c"\n[module.c]\nemulations = ["process-clocks", "signal"]'),
      'c',
      new Map(),
      ['a.c'],
      '/out/m.wasm',
    );
    const source = args.indexOf('a.c');
    expect(args.indexOf('-D_WASI_EMULATED_PROCESS_CLOCKS')).toBeLessThan(source);
    expect(args.indexOf('-D_WASI_EMULATED_SIGNAL')).toBeLessThan(source);
    expect(args.slice(-2)).toEqual(['-lwasi-emulated-process-clocks', '-lwasi-emulated-signal']);
  });

  it('uses clang++ and [module.cpp] for C++', () => {
    const args = clangArgs(
      moduleOf('language = "cpp"\n[module.cpp]\nflags = ["-fno-exceptions"]'),
      'cpp',
      new Map([['CXX', 'clang++-17']]),
      ['a.cc'],
      '/out/m.wasm',
    );
    expect(args[0]).toBe('clang++-17');
    expect(args).toContain('-fno-exceptions');
  });
});
