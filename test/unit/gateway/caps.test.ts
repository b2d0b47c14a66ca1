import { describe, expect, it } from 'vitest';
import { CapabilityError, Caps } from '../../../frontend/gateway/caps.js';
import { LLBBridgeClient } from '../../../frontend/gateway/client.js';
import type { ApiCap } from '../../../frontend/gateway/proto/pong.js';
import type { UnaryChannel } from '../../../frontend/gateway/transport/channel.js';
import { ALL_CAPS, pongBytes } from './stand-in.js';

const cap = (id: string, enabled: boolean, disabledReasonMsg = ''): ApiCap => ({
  id,
  enabled,
  deprecated: false,
  disabledReason: '',
  disabledReasonMsg,
  disabledAlternative: '',
});

describe('Caps', () => {
  const caps = new Caps([
    cap('readfile', true),
    cap('gateway.exec', false, 'no runtime'),
    cap('return', true),
  ]);

  it.each([
    ['readfile', true],
    ['return', true],
    ['gateway.exec', false],
    ['resolveimage', false],
  ])('has(%s) is %s', (id, want) => {
    expect(caps.has(id)).toBe(want);
  });

  it('lists enabled caps only, sorted', () => {
    expect(caps.enabled()).toEqual(['readfile', 'return']);
  });

  it('explains a missing cap and a disabled one', () => {
    expect(() => caps.require('resolveimage', 'resolve image configs')).toThrow(
      'cannot resolve image configs: this BuildKit daemon lacks gateway capability "resolveimage"; a newer BuildKit is needed',
    );
    expect(() => caps.require('gateway.exec', 'run containers')).toThrow(
      'cannot run containers: gateway capability "gateway.exec" is disabled on this BuildKit daemon: no runtime',
    );
    expect(() => caps.require('readfile', 'read')).not.toThrow();
  });
});

/** A channel that answers Ping with the given caps and records every other call. */
function fakeChannel(enabled: readonly string[]): UnaryChannel & { methods: string[] } {
  const methods: string[] = [];
  return {
    methods,
    unary: async (method) => {
      methods.push(method);
      if (method === 'Ping') return pongBytes(enabled);
      if (method === 'StatFile') return Uint8Array.of(0x0a, 0);
      return new Uint8Array(0);
    },
    close: async () => {},
  };
}

type Call = (c: LLBBridgeClient) => Promise<unknown>;

const gated: [string, string, Call][] = [
  ['solve', 'Solve', (c) => c.solve({ definition: new Uint8Array(0) })],
  ['solve needs array refs', 'Solve', (c) => c.solve({})],
  ['importcaches', 'Solve', (c) => c.solve({ cacheImports: [{ type: 'registry', attrs: {} }] })],
  ['gateway.solve.evaluate', 'Solve', (c) => c.solve({ evaluate: true })],
  ['readfile', 'ReadFile', (c) => c.readFile({ ref: 'r', path: 'p' })],
  ['readdir', 'ReadDir', (c) => c.readDir({ ref: 'r', path: '/' })],
  ['statfile', 'StatFile', (c) => c.statFile({ ref: 'r', path: 'p' })],
  ['resolveimage', 'ResolveImageConfig', (c) => c.resolveImageConfig({ ref: 'alpine' })],
  [
    'resolveimage.resolvemode',
    'ResolveImageConfig',
    (c) => c.resolveImageConfig({ ref: 'alpine', resolveMode: 'pull' }),
  ],
  ['frontend.inputs', 'Inputs', (c) => c.inputs()],
  ['gateway.warnings', 'Warn', (c) => c.warn({ digest: 'sha256:x', level: 1, short: 'w' })],
  ['return', 'Return', (c) => c.return({ error: { code: 2, message: 'x', details: [] } })],
  ['return a ref needs proto.refarray', 'Return', (c) => c.return({ result: { ref: { id: 'r' } } })],
  ['returnmap', 'Return', (c) => c.return({ result: { refs: { a: { id: 'a' }, b: { id: 'b' } } } })],
];

/** The cap each case removes, so that exactly that cap is what is missing. */
const missingCap: Record<string, string> = {
  solve: 'solve.base',
  'solve needs array refs': 'proto.refarray',
  'return a ref needs proto.refarray': 'proto.refarray',
};

describe('LLBBridgeClient gating', () => {
  it.each(gated)('%s: refused without the cap, nothing sent', async (name, _method, call) => {
    const id = missingCap[name] ?? name;
    const channel = fakeChannel(ALL_CAPS.filter((c) => c !== id));
    const client = await LLBBridgeClient.connect(channel);
    const err = await call(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CapabilityError);
    expect((err as CapabilityError).capId).toBe(id);
    expect(channel.methods).toEqual(['Ping']);
  });

  it.each(gated)('%s: called when every cap is there', async (_name, method, call) => {
    const channel = fakeChannel(ALL_CAPS);
    await call(await LLBBridgeClient.connect(channel));
    expect(channel.methods).toEqual(['Ping', method]);
  });

  it('needs no cap to ping, nor proto.refarray to return a metadata-only result', async () => {
    const channel = fakeChannel(['return']);
    const client = await LLBBridgeClient.connect(channel);
    await client.ping();
    await client.return({ result: { metadata: { 'result.txt': new Uint8Array(0) } } });
    expect(channel.methods).toEqual(['Ping', 'Ping', 'Return']);
  });

  it('refreshes caps on ping', async () => {
    let enabled = ['return'];
    const client = await LLBBridgeClient.connect({
      unary: async () => pongBytes(enabled, { llbCaps: ['exec.meta.base'] }),
      close: async () => {},
    });
    expect(client.caps.has('readfile')).toBe(false);
    enabled = ['return', 'readfile'];
    await client.ping();
    expect(client.caps.has('readfile')).toBe(true);
    expect(client.llbCaps.enabled()).toEqual(['exec.meta.base']);
  });
});
