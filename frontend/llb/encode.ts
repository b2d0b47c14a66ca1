// Encoders for the LLB messages in pb.ts. Each writes its fields in the order Go's deterministic
// encoder does: ascending field number, then the members of a oneof last (Op writes 1, 10, 11, then
// 2/3/4/6), so the daemon's re-encoding of our ops gives back the same bytes and digests.
import type * as pb from './pb.js';
import {
  bool,
  bytes,
  bytesList,
  encodeMessage,
  int32,
  int64,
  map,
  mapValue,
  message,
  messages,
  packedInt32,
  presentUint32,
  string,
  strings,
  uint32,
  type Writer,
} from '../proto/write.js';

function platform(w: Writer, p: pb.Platform): void {
  string(w, 1, p.architecture);
  string(w, 2, p.os);
  string(w, 3, p.variant);
  string(w, 4, p.osVersion);
  strings(w, 5, p.osFeatures);
}

function input(w: Writer, i: pb.Input): void {
  string(w, 1, i.digest);
  int64(w, 2, i.index);
}

function workerConstraints(w: Writer, c: pb.WorkerConstraints): void {
  strings(w, 1, c.filter);
}

function progressGroup(w: Writer, g: pb.ProgressGroup): void {
  string(w, 1, g.id);
  string(w, 2, g.name);
  bool(w, 3, g.weak);
}

function opMetadata(w: Writer, m: pb.OpMetadata): void {
  bool(w, 1, m.ignoreCache);
  map(w, 2, m.description, mapValue.string);
  message(w, 4, m.exportCache, (w2, e) => bool(w2, 1, e.value));
  map(w, 5, m.caps, mapValue.bool);
  message(w, 6, m.progressGroup, progressGroup);
}

function sourceOp(w: Writer, s: pb.SourceOp): void {
  string(w, 1, s.identifier);
  map(w, 2, s.attrs, mapValue.string);
}

function meta(w: Writer, m: pb.Meta): void {
  strings(w, 1, m.args);
  strings(w, 2, m.env);
  string(w, 3, m.cwd);
  string(w, 4, m.user);
  string(w, 7, m.hostname);
  bool(w, 11, m.removeMountStubsRecursive);
  packedInt32(w, 12, m.validExitCodes);
}

function tmpfsOpt(w: Writer, t: pb.TmpfsOpt): void {
  int64(w, 1, t.size);
}

function cacheOpt(w: Writer, c: pb.CacheOpt): void {
  string(w, 1, c.id);
  int32(w, 2, c.sharing);
}

function secretOpt(w: Writer, s: pb.SecretOpt): void {
  string(w, 1, s.id);
  uint32(w, 2, s.uid);
  uint32(w, 3, s.gid);
  uint32(w, 4, s.mode);
  bool(w, 5, s.optional);
}

function mount(w: Writer, m: pb.Mount): void {
  int64(w, 1, m.input);
  string(w, 2, m.selector);
  string(w, 3, m.dest);
  int64(w, 4, m.output);
  bool(w, 5, m.readonly);
  int32(w, 6, m.mountType);
  message(w, 19, m.tmpfsOpt, tmpfsOpt);
  message(w, 20, m.cacheOpt, cacheOpt);
  message(w, 21, m.secretOpt, secretOpt);
}

function secretEnv(w: Writer, s: pb.SecretEnv): void {
  string(w, 1, s.id);
  string(w, 2, s.name);
  bool(w, 3, s.optional);
}

function execOp(w: Writer, e: pb.ExecOp): void {
  message(w, 1, e.meta, meta);
  messages(w, 2, e.mounts, mount);
  int32(w, 3, e.network);
  int32(w, 4, e.security);
  messages(w, 5, e.secretenv, secretEnv);
}

function userOpt(w: Writer, u: pb.UserOpt): void {
  if ('byName' in u) {
    message(w, 1, u.byName, (w2, n) => {
      string(w2, 1, n.name);
      int64(w2, 2, n.input);
    });
  } else {
    presentUint32(w, 2, u.byId);
  }
}

function chownOpt(w: Writer, c: pb.ChownOpt): void {
  message(w, 1, c.user, userOpt);
  message(w, 2, c.group, userOpt);
}

function copyAction(w: Writer, c: pb.FileActionCopy): void {
  string(w, 1, c.src);
  string(w, 2, c.dest);
  message(w, 3, c.owner, chownOpt);
  int32(w, 4, c.mode);
  bool(w, 5, c.followSymlink);
  bool(w, 6, c.dirCopyContents);
  bool(w, 7, c.attemptUnpackDockerCompatibility);
  bool(w, 8, c.createDestPath);
  bool(w, 9, c.allowWildcard);
  bool(w, 10, c.allowEmptyWildcard);
  int64(w, 11, c.timestamp);
  strings(w, 12, c.includePatterns);
  strings(w, 13, c.excludePatterns);
}

function mkfileAction(w: Writer, m: pb.FileActionMkFile): void {
  string(w, 1, m.path);
  int32(w, 2, m.mode);
  bytes(w, 3, m.data);
  message(w, 4, m.owner, chownOpt);
  int64(w, 5, m.timestamp);
}

function mkdirAction(w: Writer, m: pb.FileActionMkDir): void {
  string(w, 1, m.path);
  int32(w, 2, m.mode);
  bool(w, 3, m.makeParents);
  message(w, 4, m.owner, chownOpt);
  int64(w, 5, m.timestamp);
}

function rmAction(w: Writer, r: pb.FileActionRm): void {
  string(w, 1, r.path);
  bool(w, 2, r.allowNotFound);
  bool(w, 3, r.allowWildcard);
}

function fileAction(w: Writer, a: pb.FileAction): void {
  int64(w, 1, a.input);
  int64(w, 2, a.secondaryInput);
  int64(w, 3, a.output);
  const act = a.action;
  if ('copy' in act) message(w, 4, act.copy, copyAction);
  else if ('mkfile' in act) message(w, 5, act.mkfile, mkfileAction);
  else if ('mkdir' in act) message(w, 6, act.mkdir, mkdirAction);
  else message(w, 7, act.rm, rmAction);
}

function fileOp(w: Writer, f: pb.FileOp): void {
  messages(w, 2, f.actions, fileAction);
}

function mergeOp(w: Writer, m: pb.MergeOp): void {
  messages(w, 1, m.inputs, (w2, i) => int64(w2, 1, i.input));
}

function op(w: Writer, o: pb.Op): void {
  messages(w, 1, o.inputs, input);
  message(w, 10, o.platform, platform);
  message(w, 11, o.constraints, workerConstraints);
  // The `op` oneof goes last, after the higher-numbered regular fields (Go's legacy field order).
  const kind = o.op;
  if (!kind) return;
  if ('exec' in kind) message(w, 2, kind.exec, execOp);
  else if ('source' in kind) message(w, 3, kind.source, sourceOp);
  else if ('file' in kind) message(w, 4, kind.file, fileOp);
  else message(w, 6, kind.merge, mergeOp);
}

function definition(w: Writer, d: pb.Definition): void {
  bytesList(w, 1, d.def);
  map(w, 2, d.metadata, mapValue.message(opMetadata));
}

export function marshalOp(o: pb.Op): Uint8Array {
  return encodeMessage(op, o);
}

export function marshalDefinition(d: pb.Definition): Uint8Array {
  return encodeMessage(definition, d);
}
