// WarnRequest (gateway.proto) with pb.SourceInfo, pb.Range and pb.Position (solver/pb/ops.proto).
import {
  BinaryWriter,
  WireType,
  writeBytes,
  writeInt32,
  writeInt64,
  writeMessage,
  writeString,
} from './codec.js';

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
  writeInt32(w, 1, p.line);
  writeInt32(w, 2, p.character);
}

function writeRange(w: BinaryWriter, range: SourceRange): void {
  writeMessage(w, 1, (m) => writePosition(m, range.start));
  writeMessage(w, 2, (m) => writePosition(m, range.end));
}

function writeSourceInfo(w: BinaryWriter, info: SourceInfo): void {
  writeString(w, 1, info.filename);
  writeBytes(w, 2, info.data);
  writeString(w, 4, info.language);
}

const utf8 = new TextEncoder();

export function encodeWarnRequest(req: WarnRequest): Uint8Array {
  const w = new BinaryWriter();
  writeString(w, 1, req.digest);
  writeInt64(w, 2, req.level);
  writeBytes(w, 3, utf8.encode(req.short));
  // Repeated bytes: every element is written, empty ones too, to keep line positions.
  for (const line of req.detail ?? []) w.tag(4, WireType.LengthDelimited).bytes(utf8.encode(line));
  writeString(w, 5, req.url);
  const { info } = req;
  if (info) writeMessage(w, 6, (m) => writeSourceInfo(m, info));
  for (const range of req.ranges ?? []) writeMessage(w, 7, (m) => writeRange(m, range));
  return w.finish();
}
