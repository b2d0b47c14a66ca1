// A failure the pipeline reports: which phase, what to tell the user, where in wasm.toml if known, and
// the compiler errors behind a failed build at their source lines.
import type { SourceDiagnostic } from './diagnostics.js';
import type { FileLocation, Logger, Phase } from './types.js';

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  readonly diagnostics: readonly SourceDiagnostic[];

  constructor(
    readonly phase: Phase,
    message: string,
    readonly where?: FileLocation,
    options?: ErrorOptions & { diagnostics?: readonly SourceDiagnostic[] },
  ) {
    super(message, options);
    this.diagnostics = options?.diagnostics ?? [];
  }
}

/** As many source errors as a reader takes in, and as GitHub shows as annotations of one step. */
export const MAX_SOURCE_ERRORS = 10;

/**
 * The error as the user sees it: each compiler error at its source line first (the lines editors and
 * terminals jump to, annotations on a runner), then the error at its wasm.toml line as context.
 */
export function reportError(log: Pick<Logger, 'error' | 'info'>, e: PipelineError): void {
  for (const d of e.diagnostics.slice(0, MAX_SOURCE_ERRORS)) {
    log.error(d.message, { file: d.file, line: d.line, column: d.column });
  }
  const more = e.diagnostics.length - MAX_SOURCE_ERRORS;
  if (more > 0) log.info(`... and ${more} more compiler errors in the build log`);
  log.error(e.message, e.where);
}
