// The graphs whose digests BuildKit's own Go client gives (test/golden/llb/main.go builds the same ones
// with client/llb at the testbed's BuildKit version), and those digests, marshaled for linux/amd64.
// Equal digests mean byte-identical ops in the same Definition order: our encoding and our defaults
// match the reference implementation. The unit test checks the recorded digests; the e2e test
// (test/e2e/llb-golden.test.ts) re-derives them with Go.
import { git, http, image, local, merge, mkdir, scratch, type State } from '../../../frontend/llb/index.js';

function build(): State {
  const src = local('context', {
    sessionId: 's1',
    sharedKeyHint: 'context',
    include: ['src/<x>'],
    followPaths: ['wasm.toml'],
  });
  const run = image('rust:1.80')
    .withCwd('/src')
    .withEnv('A', '1')
    .withEnv('B', '2')
    .withEnv('A', '3')
    .run({
      args: ['cargo', 'build'],
      customName: 'build',
      user: '1000',
      network: 'none',
      mounts: [
        { type: 'bind', dest: '/src', source: src, readonly: true, selector: 'crate' },
        { type: 'cache', dest: '/cache', id: 'cargo', sharing: 'locked' },
        { type: 'tmpfs', dest: '/tmp', size: 1024 },
        { type: 'secret', dest: '/run/secrets/tok', id: 'tok', optional: true },
        { type: 'bind', dest: '/out', source: scratch() },
      ],
    });
  return scratch().file(
    mkdir('/dist', 0o755, { parents: true })
      .mkfile('/dist/x', 0o644, 'hi')
      .copy(run.mount('/out'), '/a.wasm', '/dist/')
      .rm('/dist/x', { allowNotFound: true }),
  );
}

export const goldenGraphs: [name: string, make: () => State, digests: string[]][] = [
  [
    'image + run',
    () => image('alpine').run({ args: ['true'] }),
    [
      'a7f9733e307dd352c82d43053b783dd17bb2ec2c36214908ce393e41545c8b51',
      '953660fee644301ff966d20c6a83536fe270b4d5d97a505f2c6f9999674c1c23',
      '212e146a2725c0c2db1e78a5815ca7d4c6d30181901e46772e22059cfc6e5da3',
    ],
  ],
  [
    'local + exec with every mount kind + file chain',
    build,
    [
      'e9d2ffd31ad3524255d18f194af3dacadd5a3dc3d6949c8c280dfd18b2d22b04',
      '888c725bea5d5f6ac499afac226885cbf55a20d2e67435d5465d7f8371b3f695',
      '880f5b62f43e9d30ae5ecab38d2e56d4b29bb103dfa1d01d783db488bc816706',
      '451ff9690ee656c388797524f8f91c268c6c185185541a70ee9f32ac09217ec9',
      '704b6425491be4d1fda0a46a75ac39832e92239a7618b828e6fc5de661286a48',
    ],
  ],
  [
    'git',
    () => git('https://github.com/moby/buildkit.git', 'v0.1'),
    [
      '7f87c5ff2c9642d977fcb6b1a323295627ff3cbcc05f747777703a6d8d68c154',
      'b072ba0da362ab9bdb49650c9be6113e5d2964666a088ed36023514a52b8f3ac',
    ],
  ],
  [
    'http',
    () => http('https://example.com/x', { filename: 'x', perm: 0o755 }),
    [
      'fbefe3d9c3017f3970385e70851f158c7fa8252fea7d91ccf2e4e4f879d5b3eb',
      'e917e5102b83994bd7e98678b9d33a0ade389afc136c5ccd595fc789f6287962',
    ],
  ],
  [
    'merge',
    () => merge([image('alpine'), image('busybox')]),
    [
      'a7f9733e307dd352c82d43053b783dd17bb2ec2c36214908ce393e41545c8b51',
      'e1432b8e2054abb034451c15f0a8ad49d07f5892ca266016226fec77e95d20a0',
      '44c74488bc91fcdb57d28daf5a5ed73fcf6ef651197870ce9fb9a1961c71ec60',
      '2c83467230eb18ee5d04db5df833b7565e63a230c5920abf8d65fffd0657bf6b',
    ],
  ],
  [
    'image by digest, forced pull',
    () => image(`ghcr.io/org/img@sha256:${'a1b2c3d4'.repeat(8)}`, { resolveMode: 'pull' }),
    [
      'b2760c59e31ef5341d25f4eb9a118c673818e7ea772db06f43c4f172da666cf0',
      '92658c574098e216d187db1dca92e1739941d98e22fb5ce2eff7be74ac18bb1a',
    ],
  ],
];
