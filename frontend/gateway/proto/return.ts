// ReturnRequest (gateway.proto): the frontend's one and only answer, a result or an error.
import { BinaryWriter, writeMessage } from './codec.js';
import { writeResult, type Result } from './result.js';
import { writeRpcStatus, type RpcStatus } from './rpc-status.js';

export type ReturnRequest = { result: Result } | { error: RpcStatus };

export function encodeReturnRequest(req: ReturnRequest): Uint8Array {
  const w = new BinaryWriter();
  // The daemon reads Result.metadata without a nil check, so a result is always sent, even when empty.
  if ('result' in req) writeMessage(w, 1, (m) => writeResult(m, req.result));
  else writeMessage(w, 2, (m) => writeRpcStatus(m, req.error));
  return w.finish();
}
