// Compiler errors at their source line. BuildKit's error summary shows only the tail of a failed step's log,
// which for a compiler is usually "N errors generated"; the whole log (buildx's plain progress, or the
// build record) has the compilers' own diagnostics. They are read here, their paths mapped from the
// toolchain container back to the user's repository, so the CLI prints `path:line:col: error: ...` and the
// action annotates the source line. Pure: the text comes in, locations go out.
import path from 'node:path/posix';
import { emulationAdvice, emulationFromHint } from '../wasm-toml/index.js';

/** The failed step of a build: its progress name (`[module] compile C (1 file)`) and its log lines. */
export interface FailedStep {
  name: string;
  lines: string[];
}

/**
 * The log of the step BuildKit marked `#N ERROR`, from plain progress (`#N <seconds> <text>` lines), which
 * both `buildx build --progress=plain` and `buildx history logs` print. undefined when no step failed
 * (the build failed before running one, e.g. on a mistake in wasm.toml).
 */
export function failedStep(plain: string): FailedStep | undefined {
  const failed = /^#(\d+) ERROR\b/m.exec(plain);
  if (!failed) return undefined;
  const id = failed[1]!;
  let name = '';
  const lines: string[] = [];
  for (const line of plain.split('\n')) {
    if (!line.startsWith(`#${id} `)) continue;
    const rest = line.slice(id.length + 2);
    const logged = /^\d+\.\d+ ?(.*)$/.exec(rest);
    if (logged) lines.push(logged[1]!);
    else if (!name && !/^(ERROR|DONE|CACHED)\b/.test(rest)) name = rest;
  }
  return { name, lines };
}

/** A compiler's error as it printed it: the file as the compiler saw it, inside the toolchain container. */
export interface CompilerDiagnostic {
  file: string;
  line: number;
  column?: number;
  message: string;
  /** clang's `In file included from main.c:2:`: where the outermost file included the failing header. */
  includedFrom?: { file: string; line: number };
}

// clang, wasm-ld, zig, gcc-style: `file:line:col: error: message` (warnings and notes are not errors).
const LOCATED = /^([^:\s][^:]*):(\d+):(\d+): (?:fatal )?error: (.*)$/;
// A warning matters when it names one of wasi-libc's emulations: `clock()` without process-clocks is only
// deprecated at the user's line, and the link error that follows (`undefined symbol: clock`) has no line.
const LOCATED_WARNING = /^([^:\s][^:]*):(\d+):(\d+): warning: (.*)$/;
// go: `path/main.go:3:5: message`, with no severity word.
const GO = /^(\.{0,2}\/?[^:\s][^:]*\.go):(\d+):(\d+): (.*)$/;
// rustc: `error[E0425]: message` (or `error: message`), then ` --> src/main.rs:3:5`.
const RUST_ERROR = /^error(?:\[E\d+\])?: (.*)$/;
const RUST_AT = /^\s*--> (.+):(\d+):(\d+)$/;
// asc: `ERROR TS2304: message`, then `└─ in assembly/index.ts(3,5)`.
const ASC_ERROR = /^ERROR (?:TS|AS)\d+: (.*)$/;
const ASC_AT = /^\s*└─ in (.+)\((\d+),(\d+)\)$/;
// esbuild (the JavaScript driver's bundler): `✘ [ERROR] message`, a blank line, then `    src/a.js:2:10:`.
const ESBUILD_ERROR = /^✘ \[ERROR\] (.*)$/;
const ESBUILD_AT = /^\s+(\S.*):(\d+):(\d+):$/;
// componentize-py: a traceback frame of the app, `File "/0/app.py", line 25` (it mounts its first python
// path, the module's source, at /0), then the exception, `SyntaxError: '(' was never closed`.
const PYTHON_AT = /File "\/0\/(.+?\.py)", line (\d+)/;
const PYTHON_EXCEPTION = /^\s*([A-Z]\w*(?:Error|Exception)): (.+)$/;
// clang's include chain before a diagnostic in a header; the first line names the file compiled.
const INCLUDED_FROM = /^In file included from (.+):(\d+):$/;

/** The errors with a source location, in the order the compilers printed them. */
export function compilerDiagnostics(lines: readonly string[]): CompilerDiagnostic[] {
  const found: CompilerDiagnostic[] = [];
  let pending: { message: string; at: RegExp } | undefined;
  let includedFrom: CompilerDiagnostic['includedFrom'];
  let pythonAt: { file: string; line: number } | undefined;
  for (const line of lines) {
    const frame = PYTHON_AT.exec(line);
    if (frame) {
      pythonAt = { file: frame[1]!, line: Number(frame[2]) };
      continue;
    }
    const exception = pythonAt && PYTHON_EXCEPTION.exec(line);
    if (pythonAt && exception) {
      found.push({ ...pythonAt, message: `${exception[1]}: ${exception[2]}` });
      pythonAt = undefined;
      continue;
    }
    const include = INCLUDED_FROM.exec(line);
    if (include) {
      includedFrom = { file: include[1]!, line: Number(include[2]) };
      continue;
    }
    // Continuation lines (`                 from x.h:3:`) keep the chain; anything else ends it.
    if (!/^\s+from /.test(line) && !LOCATED.test(line)) includedFrom = undefined;
    if (pending) {
      const m = pending.at.exec(line);
      if (m) {
        found.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: pending.message });
        pending = undefined;
        continue;
      }
    }
    const warning = LOCATED_WARNING.exec(line);
    let m = LOCATED.exec(line) ?? (warning && emulationFromHint(warning[4]!) ? warning : null);
    if (m) {
      found.push({
        file: m[1]!,
        line: Number(m[2]),
        column: Number(m[3]),
        message: m[4]!,
        ...(includedFrom ? { includedFrom } : {}),
      });
      includedFrom = undefined;
      continue;
    }
    m = GO.exec(line);
    if (m && !/^(warning|note): /.test(m[4]!)) {
      found.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: m[4]! });
      continue;
    }
    m = RUST_ERROR.exec(line);
    // cargo's closing `error: could not compile ...` has no location and is not a diagnostic of its own.
    if (m && !m[1]!.startsWith('could not compile')) {
      pending = { message: m[1]!, at: RUST_AT };
      continue;
    }
    m = ASC_ERROR.exec(line);
    if (m) {
      pending = { message: m[1]!, at: ASC_AT };
      continue;
    }
    m = ESBUILD_ERROR.exec(line);
    if (m) pending = { message: m[1]!, at: ESBUILD_AT };
  }
  return found;
}

/** Where the build context is mounted in every toolchain step (frontend/languages/driver.ts's SRC_DIR). */
export const CONTAINER_SOURCE_DIR = '/src';

/**
 * A compiler's path as a path in the user's repository: relative paths are from the step's working
 * directory (the module's `source` under the mounted context), absolute ones under the mount map back
 * into the context. undefined for a file outside the context (a system header, a generated temporary
 * file, AssemblyScript's `~lib/`): there is no line of the user's to point at.
 */
export function repositoryPath(file: string, context: string, source: string): string | undefined {
  if (file.startsWith('~')) return undefined;
  const inContainer = path.resolve(CONTAINER_SOURCE_DIR, source, file);
  const rel = path.relative(CONTAINER_SOURCE_DIR, inContainer);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return path.normalize(path.join(context.replaceAll('\\', '/'), rel));
}

/** A compiler error at a file of the user's repository. */
export interface SourceDiagnostic {
  file: string;
  line: number;
  column?: number;
  message: string;
}

/**
 * The compiler errors of a failed build's log at their places in the repository. `sourceOf` gives a
 * module's `source` directory by name: the step's progress name starts with `[module]`.
 */
export function sourceDiagnostics(
  plain: string,
  context: string,
  sourceOf: (module: string) => string | undefined,
): SourceDiagnostic[] {
  const step = failedStep(plain);
  const module = step && /^\[([^\]]+)\]/.exec(step.name)?.[1];
  const source = module === undefined ? undefined : sourceOf(module);
  if (!step || source === undefined) return [];
  return compilerDiagnostics(step.lines).flatMap((d) => {
    const advice = emulationAdvice(d.message);
    const message = advice ? `${d.message} (${advice})` : d.message;
    const file = repositoryPath(d.file, context, source);
    if (file) return [{ file, line: d.line, column: d.column, message }];
    // wasi-libc's headers refuse what WASI lacks (signal.h, sys/mman.h) with an #error naming the
    // emulation: the user's line to point at is the #include.
    const includer = advice && d.includedFrom && repositoryPath(d.includedFrom.file, context, source);
    return includer ? [{ file: includer, line: d.includedFrom!.line, message }] : [];
  });
}
