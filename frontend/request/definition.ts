// Reads wasm.toml from the client's `dockerfile` local and turns its problems into a BuildKit error that
// buildx prints with the file's lines, never a stack trace.
import { parseWasmToml, type Spec, type SpecError } from '../../src/wasm-toml/index.js';
import {
  FrontendError,
  sourceDetail,
  type FrontendOptions,
  type Gateway,
  type SourceFile,
} from '../gateway/index.js';
import { local, marshal } from '../llb/index.js';
import { GrpcCode } from '../gateway/transport/grpc-status.js';
import { LIMITS } from '../../src/wasm-toml/index.js';

export interface Definition {
  file: SourceFile;
  text: string;
}

export async function readDefinition(
  gateway: Gateway,
  opts: FrontendOptions,
  sessionId?: string,
): Promise<Definition> {
  const { filename } = opts;
  const state = local(opts.dockerfileKey, {
    sessionId,
    followPaths: [filename, `${filename}.dockerignore`],
    sharedKeyHint: filename,
    differ: 'none',
    customName: `[internal] load build definition from ${filename}`,
  });
  const res = await gateway.solve({ definition: marshal(state).definition });
  if (!res.ref) throw new Error(`the daemon returned no result for the ${opts.dockerfileKey} local`);
  let data: Uint8Array;
  try {
    // One byte over the limit is enough for the parser to refuse it: a huge file is never read whole.
    data = await gateway.readFile(res.ref, filename, { offset: 0, length: LIMITS.fileBytes + 1 });
  } catch (err) {
    throw new FrontendError({
      code: GrpcCode.INVALID_ARGUMENT,
      message: `cannot read ${filename} from the build's definition directory: ${(err as Error).message}. Pass it with -f (e.g. \`docker buildx build -f wasm.toml .\`)`,
      details: [],
    });
  }
  const text = new TextDecoder().decode(data);
  return { file: { filename, data, language: 'toml' }, text };
}

/** One error for the user: every problem in the message, each location marked in the file. */
export function specErrors(def: Definition, errors: readonly SpecError[]): FrontendError {
  const message =
    errors.length === 1
      ? oneLine(errors[0]!)
      : `${errors.length} problems in ${def.file.filename}:\n${errors.map((e) => `  ${oneLine(e)}`).join('\n')}`;
  return new FrontendError({
    code: GrpcCode.INVALID_ARGUMENT,
    message,
    details: errors.map((e) =>
      sourceDetail(def.file, [
        { start: { line: e.line, character: e.column }, end: { line: e.endLine, character: e.endColumn } },
      ]),
    ),
  });
}

function oneLine(e: SpecError): string {
  return `${e.filename}:${e.line}:${e.column}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`;
}

export function parseDefinition(def: Definition): Spec {
  const parsed = parseWasmToml(def.text, { filename: def.file.filename });
  if (!parsed.ok) throw specErrors(def, parsed.errors);
  return parsed.spec;
}
