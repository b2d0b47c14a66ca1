// cosign for the tests that verify signatures, built from its Go module on first use (testbed/config.ts).
import path from 'node:path';
import { cosign, toolBin } from './config.js';
import { buildGoTool } from './tools.js';

/** Builds cosign unless this version is installed; returns the binary's path. */
export async function ensureCosign(): Promise<string> {
  await buildGoTool(cosign);
  return path.join(toolBin(cosign.name, cosign.version), cosign.name);
}
