// Compiler errors read from real failed steps: each log in compiler-logs/ is the plain progress of a
// deliberately broken example built on the testbed (the failed step's `#N` lines, as buildx printed them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compilerDiagnostics,
  failedStep,
  repositoryPath,
  sourceDiagnostics,
} from '../../../src/pipeline/diagnostics.js';

const log = (name: string) => readFileSync(new URL(`compiler-logs/${name}.txt`, import.meta.url), 'utf8');

describe('compiler errors at their source line', () => {
  it.each([
    [
      'c',
      '[hello] compile C (1 file)',
      { file: 'hello.c', line: 9, column: 12 },
      "expected ';' at end of declaration",
    ],
    [
      'rust',
      '[hello-rust] cargo build --release --target wasm32-wasi --bin hello-rust',
      { file: 'src/main.rs', line: 8, column: 14 },
      'cannot find value `undefined_thing` in this scope',
    ],
    [
      'go',
      '[greet] go build ./cmd/greet',
      { file: 'cmd/greet/main.go', line: 23, column: 2 },
      'undefined: undefinedThing',
    ],
    [
      'zig',
      '[grep] zig build-exe src/main.zig',
      { file: 'src/main.zig', line: 8, column: 5 },
      "use of undeclared identifier 'undefinedThing'",
    ],
    [
      'assemblyscript',
      '[wc] asc assembly/index.ts',
      { file: 'assembly/index.ts', line: 150, column: 1 },
      "Cannot find name 'undefinedThing'.",
    ],
    [
      'javascript',
      '[greet-js] esbuild src/index.js + componentize-js (wasi:cli/command)',
      { file: 'src/greeting.js', line: 13, column: 49 },
      'Unexpected "."',
    ],
    [
      'python',
      '[greet-python] componentize-py componentize app (wasi:cli/command)',
      { file: 'app.py', line: 25 },
      "SyntaxError: '(' was never closed",
    ],
  ])('%s', (language, name, at, message) => {
    const step = failedStep(log(language))!;
    expect(step.name).toBe(name);
    expect(compilerDiagnostics(step.lines)).toEqual([{ ...at, message }]);
  });

  it('takes only errors: warnings, notes and the linker without a source line are left out', () => {
    expect(
      compilerDiagnostics([
        "hello.c:9:3: warning: implicit declaration of function 'printff' is invalid in C99",
        'wasm-ld-14: error: /tmp/hello-8fed18.o: undefined symbol: printff',
        'src/main.zig:3:1: note: declared here',
        'warning: unused variable: `x`',
        '  --> src/main.rs:2:9',
        'error: could not compile `hello-rust` due to previous error',
        "main.c:1:10: fatal error: 'nope.h' file not found",
      ]),
    ).toEqual([{ file: 'main.c', line: 1, column: 10, message: "'nope.h' file not found" }]);
  });

  it('finds no step when the build failed before running one', () => {
    expect(
      failedStep('#1 [internal] load build definition from wasm.toml\n#1 DONE 0.0s\nERROR: failed to solve'),
    ).toBeUndefined();
  });

  it.each([
    ['src/main.rs', 'examples/rust', '.', 'examples/rust/src/main.rs'],
    ['./main.go', '.', 'cli', 'cli/main.go'],
    ['../shared/x.h', 'ctx', 'app', 'ctx/shared/x.h'],
    ['/src/app/lib.c', 'ctx', 'app', 'ctx/app/lib.c'],
    ['/usr/include/stdio.h', 'ctx', '.', undefined],
    ['/tmp/hello-8fed18.o', 'ctx', '.', undefined],
    ['../../etc/passwd', 'ctx', 'app', undefined],
    ['~lib/rt/itcms.ts', 'ctx', '.', undefined],
  ])('maps %s (context %s, source %s) to %s', (file, context, source, want) => {
    expect(repositoryPath(file, context, source)).toBe(want);
  });

  it('puts each error of the failed module at its file in the repository', () => {
    const sources = new Map([['greet', '.']]);
    expect(sourceDiagnostics(log('go'), 'examples/go', (m) => sources.get(m))).toEqual([
      { file: 'examples/go/cmd/greet/main.go', line: 23, column: 2, message: 'undefined: undefinedThing' },
    ]);
    // A step of a module the build does not know (or no failed step at all) gives nothing to point at.
    expect(sourceDiagnostics(log('go'), 'examples/go', () => undefined)).toEqual([]);
  });

  it("puts wasi-libc's refusal in a header at the user's #include, with the wasm.toml key to add", () => {
    const found = sourceDiagnostics(log('c-signal'), 'ctx', () => '.');
    expect(found[0]).toEqual({
      file: 'ctx/main.c',
      line: 1,
      message:
        '"wasm lacks signal support; to enable minimal signal emulation, compile with -D_WASI_EMULATED_SIGNAL ' +
        'and link with -lwasi-emulated-signal" (in wasm.toml, add "signal" to `emulations` under [module.c] ' +
        'or [module.cpp])',
    });
    // The errors that follow from it stay where clang put them.
    expect(found[1]).toMatchObject({ file: 'ctx/main.c', line: 6, column: 61 });
  });

  it("keeps wasi-libc's deprecation of clock() at its line: the link error that follows has none", () => {
    expect(sourceDiagnostics(log('c-clock'), 'ctx', () => '.')).toEqual([
      {
        file: 'ctx/main.c',
        line: 9,
        column: 7,
        message: expect.stringMatching(
          /^'clock' is deprecated: .* \(in wasm\.toml, add "process-clocks" to `emulations` under \[module\.c\] or \[module\.cpp\]\)$/,
        ),
      },
    ]);
  });
});
