// Debian packages on the host, and the mirror the machine's apt sources name (never written in the repo).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CommandError, sh, step } from './sh.js';

export async function missingPackages(names: readonly string[]): Promise<string[]> {
  // dpkg-query exits non-zero when any name is unknown but still lists the known ones.
  const out = await sh('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...names]).catch(
    (e: unknown) => (e instanceof CommandError ? e.output : ''),
  );
  const installed = new Set(
    out
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f[1]?.startsWith('ii'))
      .map((f) => f[0]!.replace(/:.*/, '')),
  );
  return names.filter((n) => !installed.has(n));
}

export async function ensurePackages(names: readonly string[], logFile: string): Promise<void> {
  const missing = await missingPackages(names);
  if (missing.length === 0) return;
  step(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await sh('apt-get', ['update'], { env, logFile });
  await sh('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, logFile });
}

export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

/** Parses deb822 `.sources` stanzas and one-line `deb URI SUITE COMPONENTS` entries. */
export function parseAptSources(text: string, deb822: boolean): AptSource[] {
  const sources: AptSource[] = [];
  if (deb822) {
    for (const stanza of text.split(/\n\s*\n/)) {
      const fields = new Map<string, string>();
      for (const line of stanza.split('\n')) {
        const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (m) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
      }
      if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
      if ((fields.get('enabled') ?? 'yes') === 'no') continue;
      for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean)) {
        sources.push({
          uri,
          suites: (fields.get('suites') ?? '').split(/\s+/).filter(Boolean),
          components: (fields.get('components') ?? '').split(/\s+/).filter(Boolean),
        });
      }
    }
  } else {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
      if (m) sources.push({ uri: m[1]!, suites: [m[2]!], components: m[3]!.split(/\s+/).filter(Boolean) });
    }
  }
  return sources;
}

/** The machine's release codename, from /etc/os-release. */
export function hostCodename(): string {
  const m = /^VERSION_CODENAME=(\S+)$/m.exec(readFileSync('/etc/os-release', 'utf8'));
  if (!m) throw new Error('/etc/os-release has no VERSION_CODENAME: the testbed needs a Debian host');
  return m[1]!;
}

/** The first apt source serving the host's release suite: the mirror debootstrap and image builds use. */
export function hostMirror(etc = '/etc/apt'): { mirror: string; suite: string } {
  const suite = hostCodename();
  const files: [string, boolean][] = [];
  if (existsSync(path.join(etc, 'sources.list'))) files.push([path.join(etc, 'sources.list'), false]);
  const dir = path.join(etc, 'sources.list.d');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.sources')) files.push([path.join(dir, f), true]);
      else if (f.endsWith('.list')) files.push([path.join(dir, f), false]);
    }
  }
  for (const [file, deb822] of files) {
    for (const src of parseAptSources(readFileSync(file, 'utf8'), deb822)) {
      if (src.suites.includes(suite) && src.components.includes('main')) return { mirror: src.uri, suite };
    }
  }
  throw new Error(`no apt source under ${etc} serves "${suite} main": add one, then run the testbed again`);
}
