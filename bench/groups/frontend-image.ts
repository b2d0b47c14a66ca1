// 6. The frontend image: its compressed size in the registry, and its pull into a fresh buildkitd (a new CI
// runner's), against BuildKit's Dockerfile frontend image built here from its Go module. Each run starts
// an empty buildkitd per image and asks the frontend for its targets (`--call=targets`), which pulls and
// starts it and builds nothing; the pull is the time of the image's `docker-image://` vertex.
import path from 'node:path';
import { startScratchBuildkitd, type ScratchBuilder } from '../../test/support/buildkitd.js';
import { buildx } from '../build.js';
import type { Bench } from '../context.js';
import { busyMs } from '../progress.js';
import { alternate, summarize, type Sample, type Summary, type Variant } from '../runner.js';
import { examples, prepareExample } from './build-time.js';

export interface RegistryImage {
  ref: string;
  digest: string;
  /** Manifest + config + layers, as stored (compressed). */
  compressedBytes: number;
  layers: number;
}

const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The size of an image (a single-platform manifest, as the testbed builds them) in a registry on loopback. */
export async function registryImage(ref: string): Promise<RegistryImage> {
  const m = /^([^/]+)\/(.+):([^:/]+)$/.exec(ref);
  if (!m) throw new Error(`not a registry/repository:tag reference: ${ref}`);
  const res = await fetch(`http://${m[1]}/v2/${m[2]}/manifests/${m[3]}`, { headers: { accept: ACCEPT } });
  if (!res.ok) throw new Error(`${ref}: the registry answered ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const manifest = JSON.parse(body.toString('utf8')) as {
    config: { size: number };
    layers: { size: number }[];
  };
  return {
    ref,
    digest: res.headers.get('docker-content-digest') ?? '',
    compressedBytes: body.length + manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0),
    layers: manifest.layers.length,
  };
}

/** The vertex that resolves, downloads and unpacks the image `ref`. */
const imageVertex = (ref: string): RegExp =>
  new RegExp(`^docker-image://${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

export interface FrontendImageResult extends Summary {
  images: Record<string, RegistryImage>;
}

export async function frontendImage(b: Bench): Promise<FrontendImageResult> {
  const dir = prepareExample(b, examples[0]!);
  const images = {
    frontend: await registryImage(b.frontend),
    'dockerfile-frontend': await registryImage(b.dockerfileFrontend),
  };
  const variant = (name: keyof typeof images, file: string): Variant => {
    let daemon: ScratchBuilder | undefined;
    const ref = images[name].ref;
    return {
      name,
      prepare: async () => {
        daemon = await startScratchBuildkitd(b.tb);
      },
      measure: async (): Promise<Sample> => {
        try {
          const r = await buildx(b, {
            file: path.join(dir, file),
            context: dir,
            call: 'targets',
            builder: { name: daemon!.builder, log: daemon!.log },
          });
          // The pull is what is compared; the whole call (the frontend's start and answer too) rides along.
          return { ms: busyMs(r.spans, imageVertex(ref)), metrics: { callMs: r.ms } };
        } finally {
          await daemon!.stop();
        }
      },
    };
  };
  const samples = await alternate(
    b.runs,
    [variant('frontend', 'wasm.toml'), variant('dockerfile-frontend', 'Dockerfile.syntax')],
    undefined,
    (v, run, s) => b.say(`frontend image run ${run + 1}: ${v} pulled in ${(s.ms / 1000).toFixed(2)} s`),
  );
  return { ...summarize(samples, [['frontend', 'dockerfile-frontend']]), images };
}
