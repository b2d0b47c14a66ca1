// The action: main builds, verifies and publishes through the pipeline; post removes a builder main
// created. One bundle serves both (action.yml's main and post); a saved state tells them apart.
import * as core from '@actions/core';
import { runProcess } from '../process.js';
import {
  chooseBuilder,
  PipelineError,
  removeBuilder,
  runPipeline,
  systemDeps,
  type PipelineReport,
} from '../pipeline/index.js';
import { toPipelineInputs } from '../pipeline/inputs.js';
import { getInputs } from './inputs.js';
import { actionLogger } from './logger.js';
import { setOutputs } from './outputs.js';
import { summaryMarkdown } from './summary.js';

const STATE_IS_POST = 'isPost';
const STATE_BUILDER = 'createdBuilder';

async function main(): Promise<void> {
  core.saveState(STATE_IS_POST, 'true');
  const { raw, push } = getInputs();
  if (raw.githubToken) core.setSecret(raw.githubToken);
  for (const s of raw.secrets) if ('value' in s.from) core.setSecret(s.from.value);
  // Masked line by line: a multi-line secret is masked only per line.
  for (const line of raw.signKey?.split('\n') ?? []) if (line.trim()) core.setSecret(line.trim());
  let inputs;
  try {
    inputs = toPipelineInputs(raw);
  } catch (e) {
    if (e instanceof PipelineError) return core.setFailed(e.message);
    throw e;
  }
  const log = actionLogger();
  const builder = await log.group('Builder', () =>
    chooseBuilder(
      inputs.builder,
      runProcess,
      process.env,
      `wasm-build-${process.env.GITHUB_RUN_ID ?? process.pid}`,
    ),
  );
  if (builder.created) core.saveState(STATE_BUILDER, builder.name!);
  const report: PipelineReport = await runPipeline(inputs, systemDeps(inputs, process.env, log), {
    until: push ? 'push' : inputs.tests ? 'test' : 'build',
    builder: builder.name,
  });
  setOutputs(report);
  try {
    await core.summary.addRaw(summaryMarkdown(report)).write();
  } catch (e) {
    // The summary is a courtesy: a runner without one must not fail the build.
    core.warning(`could not write the job summary: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!report.ok) core.setFailed(report.failure!.message);
}

async function post(): Promise<void> {
  const builder = core.getState(STATE_BUILDER);
  if (!builder) return;
  try {
    await removeBuilder(builder, runProcess, process.env);
    core.info(`removed the builder ${builder}`);
  } catch (e) {
    core.warning(e instanceof Error ? e.message : String(e));
  }
}

(core.getState(STATE_IS_POST) ? post() : main()).catch((e: unknown) =>
  core.setFailed(e instanceof Error ? (e.stack ?? e.message) : String(e)),
);
