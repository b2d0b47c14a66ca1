// BuildKit's Dockerfile frontend as a `# syntax=` image, built on demand (by `npm run bench`, not `up`): the
// anchor the benchmarks compare the wasm frontend with, since it pays the same container start. Built from
// the testbed's buildkit module at its pinned version, as upstream's release image is (mainline channel:
// no extra build tags; static, CGO off), and tagged by its recipe like every testbed image.
import path from 'node:path';
import { goTools, repoRoot, toolBin, type GoTool } from './config.js';
import { ensureImage } from './images.js';
import { buildGoTool } from './tools.js';

const buildkit = goTools.find((t) => t.name === 'buildkit')!;

export const dockerfileFrontendTool: GoTool = {
  name: 'dockerfile-frontend',
  module: buildkit.module,
  version: buildkit.version,
  packages: ['./frontend/dockerfile/cmd/dockerfile-frontend'],
  versionVar: 'main.Version',
  tags: ['netgo', 'static_build', 'osusergo'],
};

/** The image reference in the testbed registry, built and pushed first when missing. */
export async function ensureDockerfileFrontendImage(registry: string): Promise<string> {
  const tool = dockerfileFrontendTool;
  await buildGoTool(tool);
  return ensureImage(registry, {
    name: 'dockerfile-frontend',
    recipe: path.join(repoRoot, 'testbed', 'images', 'dockerfile-frontend'),
    context: async () => toolBin(tool.name, tool.version),
    identity: `${tool.module}@${tool.version} ${tool.tags!.join(',')}`,
  });
}
