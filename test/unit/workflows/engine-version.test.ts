// An engine older than Docker 20.10 / BuildKit v0.7 lacks a gateway capability every solve needs: the
// error names the minimum version (frontend/request/engine-version.ts). No such engine can be run here, so the
// daemon is a Caps list as BuildKit v0.6.4's Ping reports it (frontend/gateway/pb/caps.go at v0.6.4).
import { describe, expect, it } from 'vitest';
import { CapabilityError, Caps, GatewayCap } from '../../../frontend/gateway/caps.js';
import { requireMinimumEngine, withMinimumVersion } from '../../../frontend/request/engine-version.js';

const buildkit064 = [
  'solve.base',
  'solve.inlinereturn',
  'resolveimage',
  'resolveimage.resolvemode',
  'readfile',
  'return',
  'returnmap',
  'readdir',
  'statfile',
  'importcaches',
].map((id) => ({ id, enabled: true }));

describe('the minimum engine', () => {
  it('a BuildKit v0.6 daemon (Docker 19.03) fails the first solve, naming Docker Engine >= 20.10', async () => {
    const caps = new Caps(buildkit064 as never);
    const build = requireMinimumEngine(async () => {
      caps.require(GatewayCap.protoRefArray, 'solve');
      return 'unreachable';
    });
    const err = await build().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CapabilityError);
    expect((err as Error).message).toMatch(/lacks gateway capability "proto.refarray"/);
    expect((err as Error).message).toMatch(/needs BuildKit >= v0\.7: Docker Engine >= 20\.10/);
  });

  it('leaves every other error as it is, and passes results through', async () => {
    const other = new Error('compile failed');
    expect(withMinimumVersion(other)).toBe(other);
    await expect(requireMinimumEngine(async (x: number) => x + 1)(1)).resolves.toBe(2);
  });
});
