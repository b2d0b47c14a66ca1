// WarnRequest (gateway.proto) with pb.SourceInfo, pb.Range and pb.Position (solver/pb/ops.proto).
import * as write from '../../proto/write.js';
import { BinaryWriter } from '../../proto/write.js';

/** Lines are 1-based; character is the column, 0 when the whole line is meant. */
export interface Position {
  line: number;
  character: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

export interface SourceInfo {
  filename: string;
  data: Uint8Array;
  language: string;
}

export interface WarnRequest {
  /** Digest of the LLB vertex the warning belongs to. */
  digest: string;
  level: number;
  short: string;
  detail?: readonly string[];
  url?: string;
  info?: SourceInfo;
  ranges?: readonly SourceRange[];
}

function writePosition(w: BinaryWriter, p: Position): void {
  write.int32(w, 1, p.line);
  write.int32(w, 2, p.character);
}

function writeRange(w: BinaryWriter, range: SourceRange): void {
  write.message(w, 1, range.start, writePosition);
  write.message(w, 2, range.end, writePosition);
}

function writeSourceInfo(w: BinaryWriter, info: SourceInfo): void {
  write.string(w, 1, info.filename);
  write.bytes(w, 2, info.data);
  write.string(w, 4, info.language);
}

const utf8 = new TextEncoder();

export function encodeWarnRequest(req: WarnRequest): Uint8Array {
  const w = new BinaryWriter();
  write.string(w, 1, req.digest);
  write.int64(w, 2, req.level);
  write.bytes(w, 3, utf8.encode(req.short));
  // Repeated bytes: every element is written, empty ones too, to keep line positions.
  write.bytesList(
    w,
    4,
    (req.detail ?? []).map((line) => utf8.encode(line)),
  );
  write.string(w, 5, req.url);
  write.message(w, 6, req.info, writeSourceInfo);
  write.messages(w, 7, req.ranges, writeRange);
  return w.finish();
}
