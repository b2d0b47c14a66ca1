// wasi-libc's emulations: the flags each key becomes, and the key each of wasi-libc's hints asks for.
import { describe, expect, it } from 'vitest';
import {
  EMULATIONS,
  emulationAdvice,
  emulationDefine,
  emulationFromHint,
  emulationLibrary,
} from '../../../src/wasm-toml/index.js';

describe('wasi-libc emulations', () => {
  it('turns each key into the define and library wasi-libc names', () => {
    expect(EMULATIONS.map((e) => [emulationDefine(e), emulationLibrary(e)])).toEqual([
      ['_WASI_EMULATED_PROCESS_CLOCKS', '-lwasi-emulated-process-clocks'],
      ['_WASI_EMULATED_SIGNAL', '-lwasi-emulated-signal'],
      ['_WASI_EMULATED_MMAN', '-lwasi-emulated-mman'],
      ['_WASI_EMULATED_GETPID', '-lwasi-emulated-getpid'],
    ]);
  });

  it.each([
    // wasi-libc's signal.h #error and time.h deprecation texts, as clang prints them.
    [
      'error: "wasm lacks signal support; to enable minimal signal emulation, compile with -D_WASI_EMULATED_SIGNAL and link with -lwasi-emulated-signal"',
      'signal',
    ],
    [
      "warning: 'clock' is deprecated: WASI lacks process-associated clocks; to enable emulation of the `clock` function using the wall clock, which isn't sensitive to whether the program is running or suspended, compile with -D_WASI_EMULATED_PROCESS_CLOCKS and link with -lwasi-emulated-process-clocks",
      'process-clocks',
    ],
    ['compile with -D_WASI_EMULATED_MMAN', 'mman'],
    ['link with -lwasi-emulated-getpid', 'getpid'],
    ['-D_WASI_EMULATED_PTHREAD', undefined],
    ["error: use of undeclared identifier 'x'", undefined],
  ])('%s -> %s', (message, key) => {
    expect(emulationFromHint(message)).toBe(key);
  });

  it('advises the wasm.toml key', () => {
    expect(emulationAdvice('link with -lwasi-emulated-mman')).toBe(
      'in wasm.toml, add "mman" to `emulations` under [module.c] or [module.cpp]',
    );
    expect(emulationAdvice('no hint here')).toBeUndefined();
  });
});
