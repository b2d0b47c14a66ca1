// A mistake in one module of wasm.toml, found while building it (a driver's check, a missing file): the
// module and the key it is about travel with the message, so the build can show the user that line.
// Unlocated (in a unit test, say) it is still a user error, INVALID_ARGUMENT, never gRPC UNKNOWN.
import { FrontendError } from '../gateway/frontend-error.js';
import { GrpcCode } from '../gateway/transport/grpc-status.js';

export class ModuleError extends FrontendError {
  constructor(
    readonly module: string,
    /** The key under the module's table, e.g. `['rust', 'bin']`; `[]` for the table itself. */
    readonly key: readonly string[],
    message: string,
  ) {
    super({ code: GrpcCode.INVALID_ARGUMENT, message: `module "${module}": ${message}`, details: [] });
  }
}
