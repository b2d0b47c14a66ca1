// `.testbed/env`: what tests, the demo and a user's shell need to reach the testbed (`source .testbed/env`).
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { checkoutDir, logsDir } from './config.js';

function quote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export function renderEnv(vars: Record<string, string>): string {
  const lines = ['# Written by `npm run testbed -- up`; source it to use the testbed from a shell.'];
  for (const [k, v] of Object.entries(vars)) lines.push(`export ${k}=${quote(v)}`);
  lines.push('export PATH="$TESTBED_PATH:$PATH"');
  return lines.join('\n') + '\n';
}

/** Parses what renderEnv writes: `export NAME='value'` lines (other lines are ignored). */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)='((?:[^']|'\\'')*)'\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replaceAll("'\\''", "'");
  }
  return out;
}

export function readCheckoutEnv(): Record<string, string> | undefined {
  const file = path.join(checkoutDir, 'env');
  return existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : undefined;
}

export function writeCheckoutEnv(vars: Record<string, string>): string {
  mkdirSync(checkoutDir, { recursive: true });
  const file = path.join(checkoutDir, 'env');
  writeFileSync(file, renderEnv(vars));
  const logs = path.join(checkoutDir, 'logs');
  if (!existsSync(logs) && !isLink(logs)) symlinkSync(logsDir, logs);
  return file;
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export function removeCheckoutEnv(): void {
  rmSync(path.join(checkoutDir, 'env'), { force: true });
}
