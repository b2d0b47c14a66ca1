/** A span in wasm.toml. Lines and columns are 1-based; the end is exclusive (one past the last character). */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Character offsets [start, end) into the file, as the TOML parser reports them. */
export type Span = readonly [number, number];

/** A path into the normalized spec, e.g. `['module', 0, 'rust', 'features']`. */
export type SpecPath = readonly (string | number)[];

/** Converts character offsets to line/column, built once per file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  range([start, end]: Span): SourceRange {
    const s = this.position(start);
    const e = this.position(Math.max(end, start));
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
}
