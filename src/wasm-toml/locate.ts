import type { LineIndex, SourceRange, Span, SpecPath } from './source.js';
import type { Spec, SpecData } from './types.js';

/** Where each written value of the spec came from, keyed by its path in the normalized spec. */
export class Locations {
  private readonly spans = new Map<string, Span>();

  set(path: SpecPath, span: Span): void {
    this.spans.set(JSON.stringify(path), span);
  }

  has(path: SpecPath): boolean {
    return this.spans.has(JSON.stringify(path));
  }

  /** The span of `path`, or of its longest written prefix: defaults live where their table is. */
  find(path: SpecPath): Span {
    for (let n = path.length; n > 0; n--) {
      const span = this.spans.get(JSON.stringify(path.slice(0, n)));
      if (span) return span;
    }
    return [0, 0];
  }

  locator(index: LineIndex): (path: SpecPath) => SourceRange {
    return (path) => index.range(this.find(path));
  }
}

/** Attaches `locate` to the spec data, non-enumerable so the spec stays plain data for JSON and equality. */
export function withLocator(data: SpecData, locate: Spec['locate']): Spec {
  return Object.defineProperty(data, 'locate', { value: locate, enumerable: false }) as Spec;
}
