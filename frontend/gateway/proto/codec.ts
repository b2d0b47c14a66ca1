// Small helpers over @bufbuild/protobuf's wire reader/writer, so each message file reads like its .proto.
// Encoding follows Go's deterministic marshaler: ascending field numbers, proto3 zero scalars omitted,
// map entries sorted by key bytes with key and value always written.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { compareUtf8 } from '../../proto/wire.js';

export { BinaryReader, BinaryWriter, WireType };
// Scalars are written exactly as the LLB encoder writes them (proto3 zeros skipped).
export {
  string as writeString,
  bytes as writeBytes,
  bool as writeBool,
  int32 as writeInt32,
  int64 as writeInt64,
} from '../../proto/wire.js';

/** A map as callers like to hold it; encoding sorts it either way. */
export type StringKeyed<V> = ReadonlyMap<string, V> | Readonly<Record<string, V>>;

export function entriesOf<V>(map: StringKeyed<V>): [string, V][] {
  return map instanceof Map ? [...map.entries()] : Object.entries(map as Record<string, V>);
}

/** Writes a sub-message; present even when empty, since presence carries meaning for message fields. */
export function writeMessage(w: BinaryWriter, field: number, encode: (w: BinaryWriter) => void): void {
  w.tag(field, WireType.LengthDelimited).fork();
  encode(w);
  w.join();
}

/** Writes a field holding an already-marshaled message (e.g. an LLB Definition from the LLB library). */
export function writeEmbedded(w: BinaryWriter, field: number, marshaled: Uint8Array): void {
  w.tag(field, WireType.LengthDelimited).bytes(marshaled);
}

export function writeMap<V>(
  w: BinaryWriter,
  field: number,
  map: StringKeyed<V>,
  writeValue: (w: BinaryWriter, value: V) => void,
): void {
  const entries = entriesOf(map).sort(([a], [b]) => compareUtf8(a, b));
  for (const [key, value] of entries) {
    writeMessage(w, field, (e) => {
      e.tag(1, WireType.LengthDelimited).string(key);
      writeValue(e, value);
    });
  }
}

export const mapStringValue = (w: BinaryWriter, v: string): void => {
  w.tag(2, WireType.LengthDelimited).string(v);
};

export const mapBytesValue = (w: BinaryWriter, v: Uint8Array): void => {
  w.tag(2, WireType.LengthDelimited).bytes(v);
};

/** Readers by field number with the wire type they expect. */
export type FieldReaders = Readonly<Record<number, readonly [WireType, (r: BinaryReader) => void]>>;

/**
 * Walks a message, handing known fields to their readers. Unknown fields, and known numbers on an
 * unexpected wire type, are skipped as protobuf-go does, so newer daemons can add fields freely.
 */
export function decodeFields(name: string, buf: Uint8Array, readers: FieldReaders): void {
  const r = new BinaryReader(buf);
  try {
    while (r.pos < r.len) {
      const [no, wireType] = r.tag();
      const reader = readers[no];
      if (reader && reader[0] === wireType) reader[1](r);
      else r.skip(wireType, no);
    }
  } catch (err) {
    throw new Error(`malformed ${name} message: ${(err as Error).message}`, { cause: err });
  }
}

/** Decodes one map entry (key = 1, value = 2); a missing key or value is its zero value, as in Go. */
export function decodeMapEntry<V>(
  name: string,
  buf: Uint8Array,
  valueType: WireType,
  readValue: (r: BinaryReader) => V,
  zero: V,
): [string, V] {
  let key = '';
  let value = zero;
  decodeFields(name, buf, {
    1: [WireType.LengthDelimited, (r) => (key = r.string())],
    2: [valueType, (r) => (value = readValue(r))],
  });
  return [key, value];
}

export const readStringValue = (r: BinaryReader): string => r.string();
export const readBytesValue = (r: BinaryReader): Uint8Array => r.bytes();

/** int64 as a JS number: exact below 2^53, which covers sizes, offsets and levels. */
export const readInt64Number = (r: BinaryReader): number => Number(r.int64());
