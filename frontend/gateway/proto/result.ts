// Result, Ref and RefMap (gateway.proto): what Solve answers and what Return sends back.
// Only the array-ref forms (fields 3 and 4) are spoken: every daemon since v0.8 has cap `proto.refarray`.
import * as write from '../../proto/write.js';
import { BinaryWriter, type StringKeyed } from '../../proto/write.js';
import { WireType, decodeFields, decodeMapEntry, readBytes } from '../../proto/read.js';

/** A daemon-side result; `id: ""` is the empty filesystem (scratch). */
export interface GatewayRef {
  id: string;
  /** The marshaled pb.Definition the daemon sends along; optional on Return. */
  def?: Uint8Array;
}

/**
 * An in-toto statement BuildKit attaches to the image (an attestation manifest): its predicate is the
 * file at `path` in `ref`; with no subjects given, the subject is the image itself.
 */
export interface InTotoAttestation {
  ref: GatewayRef;
  path: string;
  predicateType: string;
}

export interface Result {
  ref?: GatewayRef;
  refs?: StringKeyed<GatewayRef>;
  metadata?: StringKeyed<Uint8Array>;
  /** Keyed like `refs.platforms` IDs (`wasi/wasm`). */
  attestations?: StringKeyed<readonly InTotoAttestation[]>;
}

export interface DecodedResult {
  ref?: GatewayRef;
  refs?: Map<string, GatewayRef>;
  metadata: Map<string, Uint8Array>;
}

function writeRef(w: BinaryWriter, ref: GatewayRef): void {
  write.string(w, 1, ref.id);
  if (ref.def) write.embedded(w, 2, ref.def);
}

export function writeResult(w: BinaryWriter, result: Result): void {
  if (result.ref && result.refs) throw new Error('a result has either one ref or a map of refs, not both');
  const { ref, refs } = result;
  if (ref) write.message(w, 3, ref, writeRef);
  if (refs) {
    write.message(w, 4, refs, (m, map) => write.map(m, 1, map, write.mapValue.message(writeRef)));
  }
  if (result.metadata) write.map(w, 10, result.metadata, write.mapValue.bytes);
  if (result.attestations) {
    write.map(
      w,
      12,
      result.attestations,
      write.mapValue.message((m, list: readonly InTotoAttestation[]) =>
        write.messages(m, 1, list, writeAttestation),
      ),
    );
  }
}

/** Attestation: kind 1 is InToto (0, the default, so not written), then ref, path and predicate type. */
function writeAttestation(w: BinaryWriter, a: InTotoAttestation): void {
  write.message(w, 3, a.ref, writeRef);
  write.string(w, 4, a.path);
  write.string(w, 5, a.predicateType);
}

function decodeRef(buf: Uint8Array): GatewayRef {
  const ref: GatewayRef = { id: '' };
  decodeFields('Ref', buf, {
    1: [WireType.LengthDelimited, (r) => (ref.id = r.string())],
    2: [WireType.LengthDelimited, (r) => (ref.def = r.bytes())],
  });
  return ref;
}

function decodeRefMap(buf: Uint8Array): Map<string, GatewayRef> {
  const refs = new Map<string, GatewayRef>();
  decodeFields('RefMap', buf, {
    1: [
      WireType.LengthDelimited,
      (r) =>
        refs.set(
          ...decodeMapEntry('RefMap.refs', r.bytes(), WireType.LengthDelimited, (v) => decodeRef(v.bytes()), {
            id: '',
          }),
        ),
    ],
  });
  return refs;
}

export function decodeResult(buf: Uint8Array): DecodedResult {
  const result: DecodedResult = { metadata: new Map() };
  decodeFields('Result', buf, {
    3: [WireType.LengthDelimited, (r) => (result.ref = decodeRef(r.bytes()))],
    4: [WireType.LengthDelimited, (r) => (result.refs = decodeRefMap(r.bytes()))],
    10: [
      WireType.LengthDelimited,
      (r) =>
        result.metadata.set(
          ...decodeMapEntry(
            'Result.metadata',
            r.bytes(),
            WireType.LengthDelimited,
            readBytes,
            new Uint8Array(0),
          ),
        ),
    ],
  });
  return result;
}
