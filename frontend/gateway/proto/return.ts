// ReturnRequest (gateway.proto): the frontend's one and only answer, a result or an error.
import * as write from '../../proto/write.js';
import { BinaryWriter } from '../../proto/write.js';
import { writeResult, type Result } from './result.js';
import { writeRpcStatus, type RpcStatus } from './rpc-status.js';

export type ReturnRequest = { result: Result } | { error: RpcStatus };

export function encodeReturnRequest(req: ReturnRequest): Uint8Array {
  const w = new BinaryWriter();
  // The daemon reads Result.metadata without a nil check, so a result is always sent, even when empty.
  if ('result' in req) write.message(w, 1, req.result, writeResult);
  else write.message(w, 2, req.error, writeRpcStatus);
  return w.finish();
}
