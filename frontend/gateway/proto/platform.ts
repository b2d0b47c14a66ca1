// pb.Platform from solver/pb/ops.proto.
import { WireType, decodeFields, writeString, type BinaryWriter } from './codec.js';

import type { Platform } from '../../../src/primitives/platform.js';

export type { Platform };

export function writePlatform(w: BinaryWriter, p: Platform): void {
  writeString(w, 1, p.architecture);
  writeString(w, 2, p.os);
  writeString(w, 3, p.variant);
  writeString(w, 4, p.osVersion);
  for (const feature of p.osFeatures ?? []) w.tag(5, WireType.LengthDelimited).string(feature);
}

export function decodePlatform(buf: Uint8Array): Platform {
  const p: Platform = { os: '', architecture: '' };
  const features: string[] = [];
  decodeFields('Platform', buf, {
    1: [WireType.LengthDelimited, (r) => (p.architecture = r.string())],
    2: [WireType.LengthDelimited, (r) => (p.os = r.string())],
    3: [WireType.LengthDelimited, (r) => (p.variant = r.string())],
    4: [WireType.LengthDelimited, (r) => (p.osVersion = r.string())],
    5: [WireType.LengthDelimited, (r) => features.push(r.string())],
  });
  if (features.length > 0) p.osFeatures = features;
  return p;
}
