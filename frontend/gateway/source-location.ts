// Places in the user's definition file, shared by error details and warnings.
import type { SourceInfo, SourceRange } from './proto/warn.js';

export interface SourceFile {
  filename: string;
  /** The file's content; buildx prints lines of it around the range. */
  data: Uint8Array | string;
  /** Defaults to `toml`. */
  language?: string;
}

/** Line is 1-based; character is the column, 0 (the default) for the whole line. */
export interface SourcePosition {
  line: number;
  character?: number;
}

/** `end` defaults to `start`: BuildKit needs both. */
export interface SourceSpan {
  start: SourcePosition;
  end?: SourcePosition;
}

export function toSourceInfo(file: SourceFile): SourceInfo {
  const data = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
  return { filename: file.filename, data, language: file.language ?? 'toml' };
}

function position(p: SourcePosition): { line: number; character: number } {
  const character = p.character ?? 0;
  if (!Number.isInteger(p.line) || p.line < 1 || !Number.isInteger(character) || character < 0) {
    throw new RangeError(`invalid source position ${JSON.stringify(p)}: lines start at 1, characters at 0`);
  }
  return { line: p.line, character };
}

export function toSourceRanges(spans: readonly SourceSpan[]): SourceRange[] {
  return spans.map((span) => ({ start: position(span.start), end: position(span.end ?? span.start) }));
}
