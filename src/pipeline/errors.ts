// A failure the pipeline reports: which phase, what to tell the user, and where in wasm.toml if known.
import type { FileLocation, Phase } from './types.js';

export class PipelineError extends Error {
  override readonly name = 'PipelineError';

  constructor(
    readonly phase: Phase,
    message: string,
    readonly where?: FileLocation,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
