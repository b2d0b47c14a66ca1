// InputsResponse (gateway.proto): definitions the client passed as frontend inputs (e.g. a remote context).
import { WireType, decodeFields, decodeMapEntry, readBytes } from '../../proto/read.js';

/** Input name to marshaled pb.Definition, for the LLB layer to splice in. */
export function decodeInputsResponse(buf: Uint8Array): Map<string, Uint8Array> {
  const definitions = new Map<string, Uint8Array>();
  decodeFields('InputsResponse', buf, {
    1: [
      WireType.LengthDelimited,
      (r) =>
        definitions.set(
          ...decodeMapEntry(
            'InputsResponse.Definitions',
            r.bytes(),
            WireType.LengthDelimited,
            readBytes,
            new Uint8Array(0),
          ),
        ),
    ],
  });
  return definitions;
}
