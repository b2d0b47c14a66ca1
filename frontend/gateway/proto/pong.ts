// PongResponse (gateway.proto) with APICap (util/apicaps/pb/caps.proto) and WorkerRecord
// (api/types/worker.proto). Ping itself takes an empty PingRequest.
import { WireType, decodeFields, decodeMapEntry, readString } from '../../proto/read.js';
import { decodePlatform, type Platform } from './platform.js';

export interface ApiCap {
  id: string;
  enabled: boolean;
  deprecated: boolean;
  disabledReason: string;
  disabledReasonMsg: string;
  disabledAlternative: string;
}

export interface BuildkitVersion {
  package: string;
  version: string;
  revision: string;
}

export interface WorkerRecord {
  id: string;
  labels: Map<string, string>;
  platforms: Platform[];
  /** Absent from daemons before v0.11. */
  buildkitVersion?: BuildkitVersion;
}

export interface PongResponse {
  frontendApiCaps: ApiCap[];
  llbCaps: ApiCap[];
  workers: WorkerRecord[];
}

function decodeApiCap(buf: Uint8Array): ApiCap {
  const cap: ApiCap = {
    id: '',
    enabled: false,
    deprecated: false,
    disabledReason: '',
    disabledReasonMsg: '',
    disabledAlternative: '',
  };
  decodeFields('APICap', buf, {
    1: [WireType.LengthDelimited, (r) => (cap.id = r.string())],
    2: [WireType.Varint, (r) => (cap.enabled = r.bool())],
    3: [WireType.Varint, (r) => (cap.deprecated = r.bool())],
    4: [WireType.LengthDelimited, (r) => (cap.disabledReason = r.string())],
    5: [WireType.LengthDelimited, (r) => (cap.disabledReasonMsg = r.string())],
    6: [WireType.LengthDelimited, (r) => (cap.disabledAlternative = r.string())],
  });
  return cap;
}

function decodeBuildkitVersion(buf: Uint8Array): BuildkitVersion {
  const v: BuildkitVersion = { package: '', version: '', revision: '' };
  decodeFields('BuildkitVersion', buf, {
    1: [WireType.LengthDelimited, (r) => (v.package = r.string())],
    2: [WireType.LengthDelimited, (r) => (v.version = r.string())],
    3: [WireType.LengthDelimited, (r) => (v.revision = r.string())],
  });
  return v;
}

function decodeWorkerRecord(buf: Uint8Array): WorkerRecord {
  const worker: WorkerRecord = { id: '', labels: new Map(), platforms: [] };
  decodeFields('WorkerRecord', buf, {
    1: [WireType.LengthDelimited, (r) => (worker.id = r.string())],
    2: [
      WireType.LengthDelimited,
      (r) =>
        worker.labels.set(
          ...decodeMapEntry('WorkerRecord.Labels', r.bytes(), WireType.LengthDelimited, readString, ''),
        ),
    ],
    3: [WireType.LengthDelimited, (r) => worker.platforms.push(decodePlatform(r.bytes()))],
    5: [WireType.LengthDelimited, (r) => (worker.buildkitVersion = decodeBuildkitVersion(r.bytes()))],
  });
  return worker;
}

export function decodePongResponse(buf: Uint8Array): PongResponse {
  const pong: PongResponse = { frontendApiCaps: [], llbCaps: [], workers: [] };
  decodeFields('PongResponse', buf, {
    1: [WireType.LengthDelimited, (r) => pong.frontendApiCaps.push(decodeApiCap(r.bytes()))],
    2: [WireType.LengthDelimited, (r) => pong.llbCaps.push(decodeApiCap(r.bytes()))],
    3: [WireType.LengthDelimited, (r) => pong.workers.push(decodeWorkerRecord(r.bytes()))],
  });
  return pong;
}
