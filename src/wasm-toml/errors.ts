import type { LineIndex, SourceRange, Span, SpecPath } from './source.js';

/** One problem in wasm.toml, with where it is and, when we can tell, how to fix it. */
export interface SpecError extends SourceRange {
  filename: string;
  message: string;
  /** The key path the error is about, in the normalized spec's shape. */
  path?: SpecPath;
  hint?: string;
}

/** Gathers every error of one parse; `list()` returns them in source order. */
export class ErrorCollector {
  private readonly entries: { offset: number; error: SpecError }[] = [];

  constructor(
    private readonly filename: string,
    private readonly index: LineIndex,
  ) {}

  add(span: Span, message: string, extra: { path?: SpecPath; hint?: string | undefined } = {}): void {
    const error: SpecError = { filename: this.filename, ...this.index.range(span), message };
    if (extra.path) error.path = extra.path;
    if (extra.hint) error.hint = extra.hint;
    this.entries.push({ offset: span[0], error });
  }

  get size(): number {
    return this.entries.length;
  }

  list(): SpecError[] {
    // Array.prototype.sort is stable, so errors at the same offset keep the order they were found in.
    return [...this.entries].sort((a, b) => a.offset - b.offset).map((e) => e.error);
  }
}

/**
 * Renders an error for a terminal, compiler style:
 *
 *     wasm.toml:4:1: unknown key "langauge" in [module]
 *       4 | langauge = "c"
 *         | ^^^^^^^^
 *       hint: did you mean "language"?
 */
export function formatSpecError(err: SpecError, text: string): string {
  const out = [`${err.filename}:${err.line}:${err.column}: ${err.message}`];
  const source = text.split(/\r?\n/)[err.line - 1];
  if (source !== undefined) {
    const gutter = String(err.line);
    const last = err.endLine === err.line ? Math.max(err.endColumn, err.column + 1) : source.length + 1;
    // Keep the tabs of the source line in the caret line so the caret lines up in any tab width.
    const pad = source.slice(0, err.column - 1).replace(/[^\t]/g, ' ');
    const carets = '^'.repeat(Math.max(1, Math.min(last, source.length + 1) - err.column));
    out.push(`  ${gutter} | ${source}`, `  ${' '.repeat(gutter.length)} | ${pad}${carets}`);
  }
  if (err.hint) out.push(`  hint: ${err.hint}`);
  return out.join('\n');
}
