// ReadFile, ReadDir and StatFile (gateway.proto) with fsutil.types.Stat.
import * as write from '../../proto/write.js';
import { BinaryWriter } from '../../proto/write.js';
import { WireType, decodeFields, readInt64Number } from '../../proto/read.js';

export interface FileRange {
  offset: number;
  length: number;
}

export interface ReadFileRequest {
  ref: string;
  path: string;
  range?: FileRange;
}

export function encodeReadFileRequest(req: ReadFileRequest): Uint8Array {
  const w = new BinaryWriter();
  write.string(w, 1, req.ref);
  write.string(w, 2, req.path);
  write.message(w, 3, req.range, (m, range) => {
    write.int64(m, 1, range.offset);
    write.int64(m, 2, range.length);
  });
  return w.finish();
}

export function decodeReadFileResponse(buf: Uint8Array): Uint8Array {
  let data: Uint8Array = new Uint8Array(0);
  decodeFields('ReadFileResponse', buf, {
    1: [WireType.LengthDelimited, (r) => (data = r.bytes())],
  });
  return data;
}

export interface ReadDirRequest {
  ref: string;
  path: string;
  /** A single glob, matched against entry names. */
  includePattern?: string;
}

export function encodeReadDirRequest(req: ReadDirRequest): Uint8Array {
  const w = new BinaryWriter();
  write.string(w, 1, req.ref);
  write.string(w, 2, req.path);
  write.string(w, 3, req.includePattern);
  return w.finish();
}

export interface StatFileRequest {
  ref: string;
  path: string;
}

export function encodeStatFileRequest(req: StatFileRequest): Uint8Array {
  const w = new BinaryWriter();
  write.string(w, 1, req.ref);
  write.string(w, 2, req.path);
  return w.finish();
}

/** The part of fsutil's Stat a frontend needs; device numbers and xattrs are skipped. */
export interface FileStat {
  path: string;
  /** Go os.FileMode bits: permissions plus type flags (dir = 1 << 31, symlink = 1 << 27). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Nanoseconds since the Unix epoch. */
  modTime: bigint;
  linkname: string;
}

function decodeStat(buf: Uint8Array): FileStat {
  const stat: FileStat = { path: '', mode: 0, uid: 0, gid: 0, size: 0, modTime: 0n, linkname: '' };
  decodeFields('Stat', buf, {
    1: [WireType.LengthDelimited, (r) => (stat.path = r.string())],
    2: [WireType.Varint, (r) => (stat.mode = r.uint32())],
    3: [WireType.Varint, (r) => (stat.uid = r.uint32())],
    4: [WireType.Varint, (r) => (stat.gid = r.uint32())],
    5: [WireType.Varint, (r) => (stat.size = readInt64Number(r))],
    6: [WireType.Varint, (r) => (stat.modTime = BigInt(r.int64()))],
    7: [WireType.LengthDelimited, (r) => (stat.linkname = r.string())],
  });
  return stat;
}

export function decodeReadDirResponse(buf: Uint8Array): FileStat[] {
  const entries: FileStat[] = [];
  decodeFields('ReadDirResponse', buf, {
    1: [WireType.LengthDelimited, (r) => entries.push(decodeStat(r.bytes()))],
  });
  return entries;
}

export function decodeStatFileResponse(buf: Uint8Array): FileStat {
  let stat: FileStat | undefined;
  decodeFields('StatFileResponse', buf, {
    1: [WireType.LengthDelimited, (r) => (stat = decodeStat(r.bytes()))],
  });
  if (!stat) throw new Error('malformed StatFileResponse message: no stat');
  return stat;
}
