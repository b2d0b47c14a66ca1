// Bounds on what a wasm.toml may be, checked before and after parsing, so that a hostile or broken file
// (megabytes, thousands of nested arrays, thousands of modules) ends in a located error instead of a
// stack overflow or seconds of work. Real files are a few hundred bytes.
import type { Span } from './source.js';

export const LIMITS = {
  /** Bytes of UTF-8 in the file. */
  fileBytes: 256 * 1024,
  /** Arrays and inline tables inside one another (a table header counts its brackets too). */
  nestingDepth: 32,
  /** `[[module]]` tables. */
  modules: 256,
} as const;

export interface LimitProblem {
  span: Span;
  message: string;
  hint?: string;
}

/** The file's size, and how deep its brackets nest (strings and comments aside), within bounds. */
export function checkTextLimits(text: string): LimitProblem | undefined {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LIMITS.fileBytes) {
    return {
      span: [0, 0],
      message: `the file is ${bytes} bytes; wasm.toml is limited to ${LIMITS.fileBytes}`,
      hint: 'is this the right file?',
    };
  }
  return nestingProblem(text);
}

/**
 * Scans TOML lexically: `[`/`{` open and `]`/`}` close outside strings (`"..."`, `'...'` and their
 * triple-quoted forms) and comments. The parser itself recurses per level, so this runs first.
 */
function nestingProblem(text: string): LimitProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < text.length && !text.startsWith(close, i)) {
        if (c === '"' && text[i] === '\\') i++;
        else if (!triple && text[i] === '\n') break; // an unterminated string: the parser reports it
        i++;
      }
      i += close.length - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > LIMITS.nestingDepth) {
        return {
          span: [i, i + 1],
          message: `values nest more than ${LIMITS.nestingDepth} levels deep`,
        };
      }
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
