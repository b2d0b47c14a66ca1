// The testbed's persistent state: chosen ports, the auth registry's password, and the pids `up` started.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { stateDir } from './config.js';

export interface ServiceRecord {
  pid: number;
  /** The binary the pid must still be running, so a recycled pid is never mistaken for ours. */
  exe: string;
  version: string;
}

export interface State {
  registryPort?: number;
  registryAuthPort?: number;
  /** CNCF distribution v3's, started on demand (testbed/registry3.ts). */
  registry3Port?: number;
  authPassword: string;
  services: Record<string, ServiceRecord>;
}

const file = path.join(stateDir, 'state.json');

export function loadState(): State {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as State;
  return { authPassword: randomBytes(12).toString('hex'), services: {} };
}

export function saveState(state: State): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
}

/** True when `pid` is alive and still runs `exe` (guards against pid reuse after a reboot). */
export function isOurs(rec: ServiceRecord | undefined): rec is ServiceRecord {
  if (!rec) return false;
  try {
    process.kill(rec.pid, 0);
    const cmd = readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return cmd === rec.exe || path.basename(cmd) === path.basename(rec.exe);
  } catch {
    return false;
  }
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Keeps a previously chosen port when our own service still holds it or it is free again, so image
 * references stay valid across restarts.
 */
export async function choosePort(previous: number | undefined, heldByUs: boolean): Promise<number> {
  if (previous && (heldByUs || (await portIsFree(previous)))) return previous;
  return freePort();
}
