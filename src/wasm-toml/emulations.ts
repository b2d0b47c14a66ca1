// wasi-libc's emulation libraries: POSIX parts WASI lacks (process clocks, signals, mmap, getpid), each
// enabled by a define that unhides its declarations and a library that implements it. wasm.toml names
// them by key; the C/C++ driver turns each key into both flags, and the build's diagnostics turn
// wasi-libc's own hint ("compile with -D_WASI_EMULATED_SIGNAL and link with -lwasi-emulated-signal")
// back into the key to write. Pure: no I/O.

export const EMULATIONS = ['process-clocks', 'signal', 'mman', 'getpid'] as const;
export type Emulation = (typeof EMULATIONS)[number];

/** `process-clocks` -> `_WASI_EMULATED_PROCESS_CLOCKS`. */
export function emulationDefine(emulation: Emulation): string {
  return `_WASI_EMULATED_${emulation.replaceAll('-', '_').toUpperCase()}`;
}

/** `process-clocks` -> `-lwasi-emulated-process-clocks`. */
export function emulationLibrary(emulation: Emulation): string {
  return `-lwasi-emulated-${emulation}`;
}

const HINT = /-D_WASI_EMULATED_([A-Z_]+)|-lwasi-emulated-([a-z-]+)/;

/** The emulation a compiler or linker message asks for, from the define or library it names. */
export function emulationFromHint(message: string): Emulation | undefined {
  const m = HINT.exec(message);
  if (!m) return undefined;
  const key = m[1] !== undefined ? m[1].toLowerCase().replaceAll('_', '-') : m[2]!;
  return (EMULATIONS as readonly string[]).includes(key) ? (key as Emulation) : undefined;
}

/** What to write in wasm.toml for a message naming an emulation: wasi-libc's advice in this project's terms. */
export function emulationAdvice(message: string): string | undefined {
  const emulation = emulationFromHint(message);
  return emulation && `in wasm.toml, add "${emulation}" to \`emulations\` under [module.c] or [module.cpp]`;
}
