// Decoding protobuf messages field by field over @bufbuild/protobuf's wire reader, the way protobuf-go
// reads them: unknown fields, and known numbers on an unexpected wire type, are skipped, so newer
// daemons can add fields freely; a field given twice keeps the last value. write.ts is the encoding side.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

export { BinaryReader, WireType };

/** Readers by field number with the wire type they expect. */
export type FieldReaders = Readonly<Record<number, readonly [WireType, (r: BinaryReader) => void]>>;

/** Thrown for bytes that are not the message asked for; names the innermost message that failed. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** Walks a message, handing known fields to their readers. */
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
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(`malformed ${name} message: ${(err as Error).message}`, { cause: err });
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

export const readString = (r: BinaryReader): string => r.string();
export const readBytes = (r: BinaryReader): Uint8Array => r.bytes();
export const readBool = (r: BinaryReader): boolean => r.bool();
/** int64 as a JS number: exact below 2^53, which covers sizes, offsets, indexes and levels. */
export const readInt64Number = (r: BinaryReader): number => Number(r.int64());
