import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { afterEach, expect, it } from 'vitest';
import { pongBytes, startStandIn, type StandIn } from './stand-in.js';

const fixture = fileURLToPath(new URL('./fixtures/stdio-frontend.ts', import.meta.url));

let standIn: StandIn | undefined;
afterEach(async () => standIn?.close());

/** Metadata of a ReturnRequest{result{metadata}}, read with the library reader, not the code under test. */
function returnedMetadata(message: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const req = new BinaryReader(message);
  req.tag();
  const result = new BinaryReader(req.bytes());
  while (result.pos < result.len) {
    const [no, wt] = result.tag();
    if (no !== 10) {
      result.skip(wt, no);
      continue;
    }
    const entry = new BinaryReader(result.bytes());
    entry.tag();
    const key = entry.string();
    entry.tag();
    out[key] = Buffer.from(entry.bytes()).toString();
  }
  return out;
}

function spawnFrontend(env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const out = { stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
  return { child, out };
}

it('speaks HTTP/2 over its own stdin/stdout, returns once and exits 0', async () => {
  standIn = await startStandIn((call) => {
    if (call.method === 'Ping') return { message: pongBytes(['readfile', 'return', 'proto.refarray']) };
    if (call.method === 'ReadFile') return { message: Buffer.from([0x0a, 5, ...Buffer.from('hello')]) };
    return { message: new Uint8Array(0) };
  });
  const { child, out } = spawnFrontend({
    BUILDKIT_FRONTEND_OPT_0: 'filename=app.toml',
    BUILDKIT_WORKERS: '[{"ID":"w","Platforms":[{"architecture":"riscv64","os":"linux"}]}]',
  });
  standIn.attach(Duplex.from({ readable: child.stdout, writable: child.stdin }));

  const [code] = (await once(child, 'exit')) as [number | null];
  expect({ code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
  expect(standIn.calls.map((c) => c.method)).toEqual(['Ping', 'ReadFile', 'Return']);
  expect(standIn.sessions).toHaveLength(1);
  const [readFile, ret] = [standIn.calls[1], standIn.calls[2]];
  expect(Buffer.from(readFile?.messages[0] ?? []).toString()).toContain('app.toml');
  expect(returnedMetadata(ret?.messages[0] ?? new Uint8Array(0))).toEqual({
    echoed: 'hello',
    platform: '{"os":"linux","architecture":"riscv64"}',
  });
}, 30_000);

it('exits 1 with a reason on stderr when the daemon drops the connection mid-call', async () => {
  const { child, out } = spawnFrontend();
  standIn = await startStandIn(() => ({
    // The daemon going away while the Ping is in flight.
    raw: () => {
      child.stdin.destroy();
      child.stdout.destroy();
    },
  }));
  standIn.attach(Duplex.from({ readable: child.stdout, writable: child.stdin }));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(1);
  expect(out.stderr).toMatch(/wasm-frontend error: cannot talk to the BuildKit daemon: GrpcError: Ping: /);
}, 30_000);
