// SolveRequest / SolveResponse (gateway.proto).
import {
  BinaryWriter,
  WireType,
  decodeFields,
  mapStringValue,
  writeBool,
  writeEmbedded,
  writeMap,
  writeMessage,
  writeString,
  type StringKeyed,
} from './codec.js';
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
  if (req.definition) writeEmbedded(w, 1, req.definition);
  writeString(w, 2, req.frontend);
  if (req.frontendOpt) writeMap(w, 3, req.frontendOpt, mapStringValue);
  writeBool(w, 5, req.allowResultReturn);
  writeBool(w, 6, req.allowResultArrayRef);
  for (const entry of req.cacheImports ?? []) {
    writeMessage(w, 12, (e) => {
      writeString(e, 1, entry.type);
      writeMap(e, 2, entry.attrs, mapStringValue);
    });
  }
  writeBool(w, 14, req.evaluate);
  return w.finish();
}

export function decodeSolveResponse(buf: Uint8Array): DecodedResult {
  let result: DecodedResult = { metadata: new Map() };
  decodeFields('SolveResponse', buf, {
    3: [WireType.LengthDelimited, (r) => (result = decodeResult(r.bytes()))],
  });
  return result;
}
