// A small schema-driven protobuf decoder for the tests: it reads back what frontend/llb wrote without
// sharing any code with it, so an encoder mistake shows up as a readable object diff.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { createHash } from 'node:crypto';

type Scalar = 'string' | 'bytes' | 'int64' | 'int32' | 'uint32' | 'bool';
interface Schema {
  [field: number]: Field;
}
interface Field {
  name: string;
  kind: Scalar | Schema | { map: Scalar | Schema };
  repeated?: boolean;
}

export type Decoded = { [name: string]: unknown };

function toNumber(v: bigint | string): number | bigint {
  const b = BigInt(v);
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

function scalar(r: BinaryReader, kind: Scalar): unknown {
  switch (kind) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'int64':
      return toNumber(r.int64());
    case 'int32':
      return r.int32();
    case 'uint32':
      return r.uint32();
    case 'bool':
      return r.bool();
  }
}

function value(r: BinaryReader, kind: Scalar | Schema): unknown {
  return typeof kind === 'string' ? scalar(r, kind) : decode(r.bytes(), kind);
}

export function decode(bytes: Uint8Array, schema: Schema): Decoded {
  const r = new BinaryReader(bytes);
  const out: Decoded = {};
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    const f = schema[no];
    if (!f) throw new Error(`unexpected field ${no}`);
    const kind = f.kind;
    if (typeof kind === 'object' && 'map' in kind) {
      const entry = new BinaryReader(r.bytes());
      let key = '';
      let val: unknown;
      while (entry.pos < entry.len) {
        const [eno] = entry.tag();
        if (eno === 1) key = entry.string();
        else val = value(entry, kind.map as Scalar | Schema);
      }
      const m = (out[f.name] ??= {}) as Record<string, unknown>;
      m[key] = val;
    } else if (
      f.repeated &&
      wt === WireType.LengthDelimited &&
      typeof kind === 'string' &&
      kind.startsWith('int')
    ) {
      const packed = new BinaryReader(r.bytes());
      const list = (out[f.name] ??= []) as unknown[];
      while (packed.pos < packed.len) list.push(scalar(packed, kind));
    } else if (f.repeated) {
      ((out[f.name] ??= []) as unknown[]).push(value(r, kind as Scalar | Schema));
    } else {
      out[f.name] = value(r, kind as Scalar | Schema);
    }
  }
  return out;
}

/** Top-level field numbers in the order they appear on the wire. */
export function fieldOrder(bytes: Uint8Array): number[] {
  const r = new BinaryReader(bytes);
  const order: number[] = [];
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    order.push(no);
    r.skip(wt, no);
  }
  return order;
}

const platform: Schema = {
  1: { name: 'architecture', kind: 'string' },
  2: { name: 'os', kind: 'string' },
  3: { name: 'variant', kind: 'string' },
  4: { name: 'osVersion', kind: 'string' },
  5: { name: 'osFeatures', kind: 'string', repeated: true },
};
const userOpt: Schema = {
  1: {
    name: 'byName',
    kind: { 1: { name: 'name', kind: 'string' }, 2: { name: 'input', kind: 'int64' } },
  },
  2: { name: 'byId', kind: 'uint32' },
};
const chown: Schema = { 1: { name: 'user', kind: userOpt }, 2: { name: 'group', kind: userOpt } };
const exec: Schema = {
  1: {
    name: 'meta',
    kind: {
      1: { name: 'args', kind: 'string', repeated: true },
      2: { name: 'env', kind: 'string', repeated: true },
      3: { name: 'cwd', kind: 'string' },
      4: { name: 'user', kind: 'string' },
      7: { name: 'hostname', kind: 'string' },
      11: { name: 'removeMountStubsRecursive', kind: 'bool' },
      12: { name: 'validExitCodes', kind: 'int32', repeated: true },
    },
  },
  2: {
    name: 'mounts',
    repeated: true,
    kind: {
      1: { name: 'input', kind: 'int64' },
      2: { name: 'selector', kind: 'string' },
      3: { name: 'dest', kind: 'string' },
      4: { name: 'output', kind: 'int64' },
      5: { name: 'readonly', kind: 'bool' },
      6: { name: 'mountType', kind: 'int32' },
      19: { name: 'tmpfsOpt', kind: { 1: { name: 'size', kind: 'int64' } } },
      20: {
        name: 'cacheOpt',
        kind: { 1: { name: 'id', kind: 'string' }, 2: { name: 'sharing', kind: 'int32' } },
      },
      21: {
        name: 'secretOpt',
        kind: {
          1: { name: 'id', kind: 'string' },
          2: { name: 'uid', kind: 'uint32' },
          3: { name: 'gid', kind: 'uint32' },
          4: { name: 'mode', kind: 'uint32' },
          5: { name: 'optional', kind: 'bool' },
        },
      },
    },
  },
  3: { name: 'network', kind: 'int32' },
  4: { name: 'security', kind: 'int32' },
  5: {
    name: 'secretenv',
    repeated: true,
    kind: {
      1: { name: 'id', kind: 'string' },
      2: { name: 'name', kind: 'string' },
      3: { name: 'optional', kind: 'bool' },
    },
  },
};
const fileAction: Schema = {
  1: { name: 'input', kind: 'int64' },
  2: { name: 'secondaryInput', kind: 'int64' },
  3: { name: 'output', kind: 'int64' },
  4: {
    name: 'copy',
    kind: {
      1: { name: 'src', kind: 'string' },
      2: { name: 'dest', kind: 'string' },
      3: { name: 'owner', kind: chown },
      4: { name: 'mode', kind: 'int32' },
      5: { name: 'followSymlink', kind: 'bool' },
      6: { name: 'dirCopyContents', kind: 'bool' },
      7: { name: 'attemptUnpackDockerCompatibility', kind: 'bool' },
      8: { name: 'createDestPath', kind: 'bool' },
      9: { name: 'allowWildcard', kind: 'bool' },
      10: { name: 'allowEmptyWildcard', kind: 'bool' },
      11: { name: 'timestamp', kind: 'int64' },
      12: { name: 'includePatterns', kind: 'string', repeated: true },
      13: { name: 'excludePatterns', kind: 'string', repeated: true },
    },
  },
  5: {
    name: 'mkfile',
    kind: {
      1: { name: 'path', kind: 'string' },
      2: { name: 'mode', kind: 'int32' },
      3: { name: 'data', kind: 'bytes' },
      4: { name: 'owner', kind: chown },
      5: { name: 'timestamp', kind: 'int64' },
    },
  },
  6: {
    name: 'mkdir',
    kind: {
      1: { name: 'path', kind: 'string' },
      2: { name: 'mode', kind: 'int32' },
      3: { name: 'makeParents', kind: 'bool' },
      4: { name: 'owner', kind: chown },
      5: { name: 'timestamp', kind: 'int64' },
    },
  },
  7: {
    name: 'rm',
    kind: {
      1: { name: 'path', kind: 'string' },
      2: { name: 'allowNotFound', kind: 'bool' },
      3: { name: 'allowWildcard', kind: 'bool' },
    },
  },
};

export const opSchema: Schema = {
  1: {
    name: 'inputs',
    repeated: true,
    kind: { 1: { name: 'digest', kind: 'string' }, 2: { name: 'index', kind: 'int64' } },
  },
  2: { name: 'exec', kind: exec },
  3: {
    name: 'source',
    kind: { 1: { name: 'identifier', kind: 'string' }, 2: { name: 'attrs', kind: { map: 'string' } } },
  },
  4: { name: 'file', kind: { 2: { name: 'actions', kind: fileAction, repeated: true } } },
  6: {
    name: 'merge',
    kind: { 1: { name: 'inputs', repeated: true, kind: { 1: { name: 'input', kind: 'int64' } } } },
  },
  10: { name: 'platform', kind: platform },
  11: { name: 'constraints', kind: { 1: { name: 'filter', kind: 'string', repeated: true } } },
};

export const opMetadataSchema: Schema = {
  1: { name: 'ignoreCache', kind: 'bool' },
  2: { name: 'description', kind: { map: 'string' } },
  5: { name: 'caps', kind: { map: 'bool' } },
  6: {
    name: 'progressGroup',
    kind: {
      1: { name: 'id', kind: 'string' },
      2: { name: 'name', kind: 'string' },
      3: { name: 'weak', kind: 'bool' },
    },
  },
};

export const definitionSchema: Schema = {
  1: { name: 'def', kind: 'bytes', repeated: true },
  2: { name: 'metadata', kind: { map: opMetadataSchema } },
};

export const decodeOp = (bytes: Uint8Array): Decoded => decode(bytes, opSchema);

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

export interface DecodedOp {
  digest: string;
  op: Decoded;
  metadata: Decoded;
}

/** Decodes a marshaled Definition: its ops in order (terminal last), each with its metadata. */
export function decodeDefinition(bytes: Uint8Array): DecodedOp[] {
  const def = decode(bytes, definitionSchema) as { def?: Uint8Array[]; metadata?: Record<string, Decoded> };
  return (def.def ?? []).map((dt) => {
    const digest = `sha256:${createHash('sha256').update(dt).digest('hex')}`;
    return { digest, op: decodeOp(dt), metadata: def.metadata?.[digest] ?? {} };
  });
}
