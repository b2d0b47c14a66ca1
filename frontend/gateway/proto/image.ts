// ResolveImageConfigRequest / Response (gateway.proto).
import * as write from '../../proto/write.js';
import { BinaryWriter } from '../../proto/write.js';
import { WireType, decodeFields } from '../../proto/read.js';
import { writePlatform, type Platform } from './platform.js';

/** `default` (cache first), `pull` (always check the registry) or `local` (prefer a local image). */
export type ResolveMode = 'default' | 'pull' | 'local';

export interface ResolveImageConfigRequest {
  ref: string;
  platform?: Platform;
  resolveMode?: ResolveMode;
  /** Names the progress vertex shown to the user while resolving. */
  logName?: string;
}

export function encodeResolveImageConfigRequest(req: ResolveImageConfigRequest): Uint8Array {
  const w = new BinaryWriter();
  write.string(w, 1, req.ref);
  write.message(w, 2, req.platform, writePlatform);
  write.string(w, 3, req.resolveMode);
  write.string(w, 4, req.logName);
  return w.finish();
}

export interface ImageConfigResponse {
  /** Manifest digest the ref resolved to; pin image sources with it. */
  digest: string;
  /** The image config JSON, as bytes. */
  config: Uint8Array;
  /** The ref after source policies; empty from daemons before v0.12. */
  ref: string;
}

export function decodeResolveImageConfigResponse(buf: Uint8Array): ImageConfigResponse {
  const res: ImageConfigResponse = { digest: '', config: new Uint8Array(0), ref: '' };
  decodeFields('ResolveImageConfigResponse', buf, {
    1: [WireType.LengthDelimited, (r) => (res.digest = r.string())],
    2: [WireType.LengthDelimited, (r) => (res.config = r.bytes())],
    3: [WireType.LengthDelimited, (r) => (res.ref = r.string())],
  });
  return res;
}
