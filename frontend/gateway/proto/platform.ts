// pb.Platform from solver/pb/ops.proto.
import * as write from '../../proto/write.js';
import { BinaryWriter } from '../../proto/write.js';
import { WireType, decodeFields } from '../../proto/read.js';

import type { Platform } from '../../../src/primitives/platform.js';

export type { Platform };

export function writePlatform(w: BinaryWriter, p: Platform): void {
  write.string(w, 1, p.architecture);
  write.string(w, 2, p.os);
  write.string(w, 3, p.variant);
  write.string(w, 4, p.osVersion);
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
