// google.rpc.Status and google.protobuf.Any: the error form of Return and of grpc-status-details-bin.
import * as write from '../../proto/write.js';
import { BinaryWriter } from '../../proto/write.js';
import { WireType, decodeFields } from '../../proto/read.js';

export interface AnyMessage {
  typeUrl: string;
  value: Uint8Array;
}

export interface RpcStatus {
  code: number;
  message: string;
  details: readonly AnyMessage[];
}

function writeAny(w: BinaryWriter, any: AnyMessage): void {
  write.string(w, 1, any.typeUrl);
  write.bytes(w, 2, any.value);
}

export function writeRpcStatus(w: BinaryWriter, s: RpcStatus): void {
  write.int32(w, 1, s.code);
  write.string(w, 2, s.message);
  write.messages(w, 3, s.details, writeAny);
}

export function encodeRpcStatus(s: RpcStatus): Uint8Array {
  const w = new BinaryWriter();
  writeRpcStatus(w, s);
  return w.finish();
}

function decodeAny(buf: Uint8Array): AnyMessage {
  const any: AnyMessage = { typeUrl: '', value: new Uint8Array(0) };
  decodeFields('google.protobuf.Any', buf, {
    1: [WireType.LengthDelimited, (r) => (any.typeUrl = r.string())],
    2: [WireType.LengthDelimited, (r) => (any.value = r.bytes())],
  });
  return any;
}

export function decodeRpcStatus(buf: Uint8Array): RpcStatus {
  let code = 0;
  let message = '';
  const details: AnyMessage[] = [];
  decodeFields('google.rpc.Status', buf, {
    1: [WireType.Varint, (r) => (code = r.int32())],
    2: [WireType.LengthDelimited, (r) => (message = r.string())],
    3: [WireType.LengthDelimited, (r) => details.push(decodeAny(r.bytes()))],
  });
  return { code, message, details };
}
