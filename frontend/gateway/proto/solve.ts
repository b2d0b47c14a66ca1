// SolveRequest / SolveResponse (gateway.proto).
import * as write from '../../proto/write.js';
import { BinaryWriter, type StringKeyed } from '../../proto/write.js';
import { WireType, decodeFields } from '../../proto/read.js';
import { decodeResult, type DecodedResult } from './result.js';

/** One `--cache-from` source, as in the `cache-imports` frontend option. */
export interface CacheOptionsEntry {
  type: string;
  attrs: StringKeyed<string>;
}

export interface SolveRequest {
  /** A marshaled pb.Definition, exactly as the LLB library produced it. */
  definition?: Uint8Array;
  /** Another frontend to run (e.g. `dockerfile.v0`), with its options. */
  frontend?: string;
  frontendOpt?: StringKeyed<string>;
  allowResultReturn?: boolean;
  allowResultArrayRef?: boolean;
  cacheImports?: readonly CacheOptionsEntry[];
  /** Build now instead of lazily on first read or export. */
  evaluate?: boolean;
}

export function encodeSolveRequest(req: SolveRequest): Uint8Array {
  const w = new BinaryWriter();
  if (req.definition) write.embedded(w, 1, req.definition);
  write.string(w, 2, req.frontend);
  if (req.frontendOpt) write.map(w, 3, req.frontendOpt, write.mapValue.string);
  write.bool(w, 5, req.allowResultReturn);
  write.bool(w, 6, req.allowResultArrayRef);
  write.messages(w, 12, req.cacheImports, (e, entry) => {
    write.string(e, 1, entry.type);
    write.map(e, 2, entry.attrs, write.mapValue.string);
  });
  write.bool(w, 14, req.evaluate);
  return w.finish();
}

export function decodeSolveResponse(buf: Uint8Array): DecodedResult {
  let result: DecodedResult = { metadata: new Map() };
  decodeFields('SolveResponse', buf, {
    3: [WireType.LengthDelimited, (r) => (result = decodeResult(r.bytes()))],
  });
  return result;
}
