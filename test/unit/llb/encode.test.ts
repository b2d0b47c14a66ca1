// Exact bytes for small messages, written out by hand from the proto rules Go's deterministic
// encoder follows. `ld(tag, ...parts)` only adds the length prefix of a length-delimited field.
import { describe, expect, it } from 'vitest';
import { digestOf, marshalDefinition, marshalOp, type pb } from '../../../frontend/llb/index.js';
import { fieldOrder, hex, unhex } from './decode.js';

const MINUS_ONE = 'ffffffffffffffffff01'; // -1 as a varint: 10 bytes, for int32 and int64 alike

function ld(tag: string, ...parts: string[]): string {
  const payload = parts.join('');
  const n = payload.length / 2;
  if (n > 127) throw new Error('test helper handles one-byte lengths only');
  return tag + n.toString(16).padStart(2, '0') + payload;
}

const str = (s: string): string => Buffer.from(s).toString('hex');

function opWith(kind: pb.Op['op']): Uint8Array {
  return marshalOp({ op: kind });
}

describe('Op', () => {
  it('writes inputs, platform and constraints before the oneof member (Go legacy order)', () => {
    const bytes = marshalOp({
      inputs: [{ digest: 'sha256:ab', index: 1 }],
      op: { source: { identifier: 'local://x' } },
      platform: { architecture: 'amd64', os: 'linux' },
      constraints: {},
    });
    expect(hex(bytes)).toBe(
      ld('0a', ld('0a', str('sha256:ab')), '1001') + // inputs(1) { digest(1), index(2) 1 }
        ld('52', ld('0a', str('amd64')), ld('12', str('linux'))) + // platform(10) { Architecture, OS }
        '5a00' + // constraints(11) {}: present, so written although empty
        ld('1a', ld('0a', str('local://x'))), // source(3) { identifier }: the oneof comes last
    );
    expect(fieldOrder(bytes)).toEqual([1, 10, 11, 3]);
  });

  it.each([
    ['exec', 2, { exec: {} }],
    ['source', 3, { source: { identifier: '' } }],
    ['file', 4, { file: { actions: [] } }],
    ['merge', 6, { merge: { inputs: [] } }],
  ] as const)('puts the %s member (field %d) after constraints', (_name, field, kind) => {
    const bytes = marshalOp({ op: kind, constraints: {} });
    expect(fieldOrder(bytes)).toEqual([11, field]);
    // An empty member is still present: tag and a zero length.
    expect(hex(bytes)).toBe(`5a00${((field << 3) | 2).toString(16).padStart(2, '0')}00`);
  });

  it('writes a terminal op as its input only, with index 0 omitted', () => {
    const d = `sha256:${'0'.repeat(64)}`;
    expect(hex(marshalOp({ inputs: [{ digest: d, index: 0 }] }))).toBe('0a49' + '0a47' + str(d));
  });

  it('skips empty strings inside a present message and writes nothing for an empty op', () => {
    expect(hex(marshalOp({ platform: { architecture: '', os: 'wasi' } }))).toBe('5206' + '120477617369');
    expect(hex(opWith(undefined))).toBe('');
  });
});

describe('ExecOp', () => {
  it('writes -1 sentinels as 10-byte varints, packs exit codes and keeps an empty tmpfs option', () => {
    const bytes = opWith({
      exec: {
        meta: { args: ['', 'x'], validExitCodes: [0, 1, 300] },
        mounts: [{ input: -1, dest: '/t', output: -1, mountType: 4, tmpfsOpt: {} }],
      },
    });
    expect(hex(bytes)).toBe(
      ld(
        '12', // exec(2)
        ld('0a', '0a00', '0a0178', ld('62', '00', '01', 'ac02')), // meta: args "", "x"; packed validExitCodes(12)
        ld(
          '12', // mounts(2)
          '08' + MINUS_ONE, // input(1) -1
          '1a022f74', // dest(3) "/t"
          '20' + MINUS_ONE, // output(4) -1
          '3004', // mountType(6) TMPFS
          '9a0100', // TmpfsOpt(19) {}: a two-byte tag
        ),
      ),
    );
  });

  it('omits zero enums, indexes and flags and writes the non-zero ones', () => {
    const bytes = opWith({
      exec: {
        mounts: [
          {
            input: 0,
            dest: '/',
            output: 0,
            readonly: false,
            mountType: 0,
            cacheOpt: { id: 'c', sharing: 2 },
          },
        ],
        network: 2,
        security: 0,
        secretenv: [{ id: 's', name: 'S', optional: false }],
      },
    });
    expect(hex(bytes)).toBe(
      ld(
        '12',
        ld('12', '1a012f', ld('a201', '0a0163', '1002')), // mount { dest "/", cacheOpt(20) { ID "c", LOCKED } }
        '1802', // network(3) NONE
        ld('2a', '0a0173', '120153'), // secretenv(5) { ID "s", name "S" }
      ),
    );
  });
});

describe('FileOp actions', () => {
  it('writes copy mode and timestamp -1 (unset) as 10-byte varints', () => {
    const bytes = opWith({
      file: {
        actions: [
          {
            input: -1,
            secondaryInput: 0,
            output: 0,
            action: { copy: { src: '/a', dest: '/b', mode: -1, timestamp: -1n } },
          },
        ],
      },
    });
    expect(hex(bytes)).toBe(
      ld(
        '22', // file(4)
        ld(
          '12', // actions(2)
          '08' + MINUS_ONE, // input(1) -1; secondaryInput and output are 0 and omitted
          ld('22', '0a022f61', '12022f62', '20' + MINUS_ONE, '58' + MINUS_ONE), // copy(4): mode(4), timestamp(11)
        ),
      ),
    );
  });

  it('treats mode 0 and timestamp 0 as proto3 zeros', () => {
    const bytes = opWith({
      file: { actions: [{ action: { mkdir: { path: '/d', mode: 0, timestamp: 0n } } }] },
    });
    expect(hex(bytes)).toBe(ld('22', ld('12', ld('32', '0a022f64'))));
  });

  it('writes a uid 0 owner, since a oneof member is present even when zero', () => {
    const bytes = opWith({
      file: {
        actions: [
          {
            action: {
              mkfile: { path: '/f', mode: 0o644, data: new Uint8Array([1]), owner: { user: { byId: 0 } } },
            },
          },
        ],
      },
    });
    const mkfile = ld('2a', '0a022f66', '10a403', '1a0101', ld('22', ld('0a', '1000'))); // mode 420, data, owner
    expect(hex(bytes)).toBe(ld('22', ld('12', mkfile)));
  });

  it('writes rm flags and a named owner with its input index', () => {
    const bytes = opWith({
      file: {
        actions: [
          { input: 2, output: -1, action: { rm: { path: '/r', allowNotFound: true, allowWildcard: true } } },
          {
            input: 3,
            action: { mkdir: { path: '/d', owner: { group: { byName: { name: 'g', input: -1 } } } } },
          },
        ],
      },
    });
    const rm = ld('12', '0802', '18' + MINUS_ONE, ld('3a', '0a022f72', '1001', '1801'));
    const byName = ld('0a', '0a0167', '10' + MINUS_ONE);
    const mkdir = ld('12', '0803', ld('32', '0a022f64', ld('22', ld('12', byName)))); // owner { group { byName } }
    expect(hex(bytes)).toBe(ld('22', rm, mkdir));
  });

  it('writes merge inputs, omitting input 0', () => {
    expect(hex(opWith({ merge: { inputs: [{ input: 0 }, { input: 1 }] } }))).toBe(
      ld('32', '0a00', ld('0a', '0801')),
    );
  });
});

describe('maps', () => {
  it('sorts OpMetadata entries by key and writes zero values inside entries', () => {
    const bytes = marshalDefinition({
      def: [],
      metadata: {
        'sha256:b': {},
        'sha256:a': {
          description: { 'llb.customname': 'x' },
          caps: { b: true, a: false },
          progressGroup: { id: 'g' },
        },
      },
    });
    const metadata =
      ld('12', '0a0e' + str('llb.customname'), '120178') + // description(2) entry
      ld('2a', '0a0161', '1000') + // caps(5) "a": false, the value still written
      ld('2a', '0a0162', '1001') + // caps(5) "b": true
      ld('32', '0a0167'); // progress_group(6) { id "g" }
    expect(hex(bytes)).toBe(
      ld('12', ld('0a', str('sha256:a')), ld('12', metadata)) + // metadata(2) entries, sorted by digest
        ld('12', ld('0a', str('sha256:b')), '1200'), // an empty OpMetadata value is still written
    );
  });

  it('sorts keys by UTF-8 bytes like Go, not in JS string order', () => {
    // U+FF61 (EF BD A1) comes before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    const bytes = opWith({ source: { identifier: 's', attrs: { '\u{1F600}': '', '\uFF61': '' } } });
    expect(hex(bytes)).toBe(
      ld('1a', '0a0173', ld('12', '0a03efbda1', '1200'), ld('12', '0a04f09f9880', '1200')),
    );
  });

  it('writes a Definition with every op (even an empty one) and metadata keyed by digest', () => {
    const bytes = marshalDefinition({ def: [unhex('5a00'), new Uint8Array()], metadata: { d: {} } });
    expect(hex(bytes)).toBe('0a025a00' + '0a00' + ld('12', '0a0164', '1200'));
  });
});

describe('digests', () => {
  it('is sha256 over exactly the given bytes', () => {
    expect(digestOf(new Uint8Array())).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    // printf '\x5a\x00\x1a\x0b\x0a\x09local://x' | sha256sum
    expect(digestOf(marshalOp({ op: { source: { identifier: 'local://x' } }, constraints: {} }))).toBe(
      'sha256:711f4b373c8967805cbe0badc9012930d9eb12c736dafaf8531419dc1a66c6de',
    );
  });
});
