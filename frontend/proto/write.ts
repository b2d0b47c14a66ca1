// Field writers with the choices Go's deterministic protobuf encoder makes, on top of the wire
// primitives of @bufbuild/protobuf: proto3 zero scalars are skipped, present messages are always
// written (even empty), repeated scalars are packed, and map entries are sorted by key bytes with
// both key and value always written. Callers emit fields in Go's order (ascending number, oneof last).
// Shared by the LLB encoder and the gateway's messages, so both encode scalars and order maps alike;
// read.ts is the decoding side.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export { BinaryWriter };
export type Writer = BinaryWriter;
export type Encode<T> = (w: Writer, value: T) => void;

/** A map as callers like to hold it; encoding sorts it either way. */
export type StringKeyed<V> = ReadonlyMap<string, V> | Readonly<Record<string, V>>;

export function entriesOf<V>(map: StringKeyed<V>): [string, V][] {
  return map instanceof Map ? [...map.entries()] : Object.entries(map as Record<string, V>);
}

const utf8 = new TextEncoder();

/** Orders strings as Go does (byte-wise over UTF-8), which differs from JS UTF-16 order past U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}

export function encodeMessage<T>(encode: Encode<T>, value: T): Uint8Array {
  const w = new BinaryWriter();
  encode(w, value);
  return w.finish();
}

export function string(w: Writer, field: number, value: string | undefined): void {
  if (value) w.tag(field, WireType.LengthDelimited).string(value);
}

export function bytes(w: Writer, field: number, value: Uint8Array | undefined): void {
  if (value && value.length > 0) w.tag(field, WireType.LengthDelimited).bytes(value);
}

/** A message field holding an already-marshaled message (an LLB Definition): written even when empty. */
export function embedded(w: Writer, field: number, marshaled: Uint8Array): void {
  w.tag(field, WireType.LengthDelimited).bytes(marshaled);
}

export function bool(w: Writer, field: number, value: boolean | undefined): void {
  if (value) w.tag(field, WireType.Varint).bool(true);
}

/** int32 and enum fields; negative values become 10-byte varints, as in Go. */
export function int32(w: Writer, field: number, value: number | undefined): void {
  if (value) w.tag(field, WireType.Varint).int32(value);
}

export function uint32(w: Writer, field: number, value: number | undefined): void {
  if (value) w.tag(field, WireType.Varint).uint32(value);
}

export function int64(w: Writer, field: number, value: number | bigint | undefined): void {
  if (value !== undefined && value !== 0 && value !== 0n) w.tag(field, WireType.Varint).int64(value);
}

/** A scalar oneof member: its presence is explicit, so even 0 is written. */
export function presentUint32(w: Writer, field: number, value: number): void {
  w.tag(field, WireType.Varint).uint32(value);
}

/** A singular or oneof message field: written whenever present, even when it encodes to nothing. */
export function message<T>(w: Writer, field: number, value: T | undefined, encode: Encode<T>): void {
  if (value === undefined) return;
  w.tag(field, WireType.LengthDelimited).fork();
  encode(w, value);
  w.join();
}

/** Every element is written, empty strings included (repeated fields have no zero to skip). */
export function strings(w: Writer, field: number, values: readonly string[] | undefined): void {
  for (const v of values ?? []) w.tag(field, WireType.LengthDelimited).string(v);
}

export function bytesList(w: Writer, field: number, values: readonly Uint8Array[]): void {
  for (const v of values) w.tag(field, WireType.LengthDelimited).bytes(v);
}

export function messages<T>(
  w: Writer,
  field: number,
  values: readonly T[] | undefined,
  encode: Encode<T>,
): void {
  for (const v of values ?? []) message(w, field, v, encode);
}

export function packedInt32(w: Writer, field: number, values: readonly number[] | undefined): void {
  if (!values || values.length === 0) return;
  w.tag(field, WireType.LengthDelimited).fork();
  for (const v of values) w.int32(v);
  w.join();
}

/** map<string, V>: one entry message per key (key = field 1, value = field 2), sorted by key bytes. */
export function map<V>(
  w: Writer,
  field: number,
  entries: StringKeyed<V> | undefined,
  writeValue: (w: Writer, valueField: number, value: V) => void,
): void {
  if (!entries) return;
  const sorted = entriesOf(entries).sort(([a], [b]) => compareUtf8(a, b));
  for (const [key, value] of sorted) {
    w.tag(field, WireType.LengthDelimited).fork();
    w.tag(1, WireType.LengthDelimited).string(key);
    writeValue(w, 2, value);
    w.join();
  }
}

/** Map values are written even when zero: the entry's value has explicit presence. */
export const mapValue = {
  string: (w: Writer, field: number, v: string): void => {
    w.tag(field, WireType.LengthDelimited).string(v);
  },
  bytes: (w: Writer, field: number, v: Uint8Array): void => {
    w.tag(field, WireType.LengthDelimited).bytes(v);
  },
  bool: (w: Writer, field: number, v: boolean): void => {
    w.tag(field, WireType.Varint).bool(v);
  },
  message:
    <T>(encode: Encode<T>) =>
    (w: Writer, field: number, v: T): void => {
      w.tag(field, WireType.LengthDelimited).fork();
      encode(w, v);
      w.join();
    },
};
