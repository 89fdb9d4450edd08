/** What a build produces: the archive's path, the image built by buildah or buildx, and the dry run's plan of both. */
import { mkdtemp } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { RunnerContext } from '../core/runner.js';
import { relayLine } from '../core/runner-io.js';
import type { BuildSettings, Checked, Ctx } from './context.js';
import { sourceDateEpoch } from './archive.js';
import { buildCommandEnv } from './build-command.js';
import { writeBuildFacts, type BuildReport } from './build-summary.js';
import { buildWithBuildah, buildWithBuildx, type ImageBuildResult } from './container.js';
import { detectBuilder, type Builder } from './detect-builder.js';
import { BuildConfigError, CommandError } from './errors.js';
import type { Exec } from '../core/exec.js';
import { buildahSettings, buildxSettings, imageCommandLines, shellLine, type ImagePlanInput } from './image-plan.js';
import { ociLabels } from './image-settings.js';
import { dockerLogin, writeAuthFile } from './registry-auth.js';
import type { ResolvedVersion } from './version.js';

/**
 * Turns the library's user-facing errors into the one-line failures of the run wrapper, prefixed
 * with `what` (`Input "artifact-path"`); the library's own mention of the input is not repeated.
 */
export async function userFacing<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const input = /^Input "([a-z-]+)"$/.exec(what)?.[1];
    if (error instanceof BuildConfigError)
      throw new UserError(`${what}: ${input && error.input === input ? error.problem : error.message}.`, input ? { input } : undefined);
    if (error instanceof CommandError) throw new UserError(`${what}: ${error.message}`);
    throw error;
  }
}

/** The image builder on this runner, or the refusal naming image (and builder) and what they need. */
export async function findBuilder(exec: Exec, choice: BuildSettings['builder']): Promise<Builder> {
  try {
    return await detectBuilder(exec, choice);
  } catch (error) {
    if (!(error instanceof BuildConfigError)) throw error;
    const inputs = choice === 'auto' ? 'Input "image"' : 'Inputs "image" and "builder"';
    const builders =
      choice === 'buildah' ? 'buildah' : choice === 'buildx' ? 'a Docker engine with buildx' : 'a Docker engine with buildx, or buildah';
    throw new UserError(`${inputs}: ${error.message}. Accepted: image on a runner with ${builders}; or no image input (files only).`);
  }
}

export function archivePath(runner: RunnerContext, resolved: ResolvedVersion): string {
  const name = (runner.repository?.repo ?? basename(runner.workspace)).replace(/[^A-Za-z0-9._-]+/g, '-') || 'artifact';
  return join(runner.temp, 'shipline-artifacts', `${name}-${resolved.tags[0] ?? resolved.version}.tar.gz`);
}

export function imagePlanInput(
  s: BuildSettings,
  checked: Checked,
  resolved: ResolvedVersion,
  runner: RunnerContext,
  commit: string,
  workDir: string,
): ImagePlanInput {
  const epoch = process.env.SOURCE_DATE_EPOCH ? sourceDateEpoch() : undefined;
  const repository = runner.repository;
  return {
    image: s.image!,
    tags: resolved.tags,
    context: checked.context,
    ...(checked.file ? { file: checked.file } : {}),
    platforms: s.platforms,
    labels: ociLabels({
      ...(repository ? { source: `${runner.serverUrl}/${repository.owner}/${repository.repo}` } : {}),
      revision: commit,
      version: resolved.version,
      created: epoch === undefined ? new Date() : new Date(epoch * 1000),
      title: repository?.repo ?? s.image!.split('/').pop(),
    }),
    buildArgs: s.buildArgs,
    push: s.push,
    workDir,
    ...(checked.credentials ? { authFile: join(workDir, 'auth.json') } : {}),
  };
}

/** Dry run: the version, the tags and every command that would run; nothing is built. */
export async function dryRun(
  ctx: Ctx,
  checked: Checked,
  resolved: ResolvedVersion,
  commit: string,
  exec: Exec,
  report: BuildReport,
): Promise<void> {
  const s = ctx.settings;
  const plan: string[] = [];
  if (s.buildCommand) {
    const env = buildCommandEnv({ resolved, commit, ref: ctx.runner.ref, ...(s.image ? { image: s.image } : {}) });
    plan.push(`# build-command, in ${ctx.runner.workspace}, with ${Object.keys(env).join(', ')}`);
    plan.push(shellLine({ command: '/bin/sh', args: ['-c', s.buildCommand] }));
  }
  if (s.artifactPath.length) {
    plan.push(`# archive (deterministic .tar.gz) of ${s.artifactPath.join(', ')} -> ${archivePath(ctx.runner, resolved)}`);
  }
  if (s.image) {
    let builder: Builder;
    try {
      builder = await detectBuilder(exec, s.builder);
    } catch (error) {
      builder = s.builder === 'buildx' ? 'buildx' : 'buildah';
      ctx.log.warning(`${(error as Error).message}; showing the ${builder} commands.`);
    }
    const input = imagePlanInput(s, checked, resolved, ctx.runner, commit, join(ctx.runner.temp, 'shipline-build-XXXXXX'));
    if (checked.credentials)
      plan.push(
        builder === 'buildx'
          ? `docker login --username ${checked.credentials.username} --password-stdin ${checked.credentials.registry}`
          : `# registry credentials for ${checked.credentials.registry} in ${input.authFile} (mode 0600)`,
      );
    plan.push(`# image with ${builder}${s.push ? ', pushed' : ', not pushed'}`);
    for (const line of imageCommandLines(builder, input)) plan.push(shellLine(line));
  }
  ctx.log.info(`version ${resolved.version}, channel ${resolved.channel}, tags ${resolved.tags.join(', ')}`);
  for (const line of plan) ctx.log.info(line);
  ctx.summary.heading('Build');
  ctx.summary.verdict('info', `Dry run: version ${resolved.version} (${resolved.channel}); nothing built.`);
  writeBuildFacts(ctx.summary, report);
  if (plan.length) ctx.summary.code(plan.join('\n'), 'sh');
}

export async function buildImage(
  ctx: Ctx,
  checked: Checked,
  resolved: ResolvedVersion,
  commit: string,
  exec: Exec,
  builder: Builder,
): Promise<ImageBuildResult> {
  const s = ctx.settings;
  const workDir = await mkdtemp(join(ctx.runner.temp, 'shipline-build-'));
  const input = imagePlanInput(s, checked, resolved, ctx.runner, commit, workDir);
  const onLine = (line: string) => ctx.log.info(line);
  return ctx.log.group(`Building ${s.image} with ${builder}${s.push ? ' and pushing' : ''}`, async () => {
    for (const line of imageCommandLines(builder, input)) ctx.log.info(`$ ${shellLine(line)}`);
    let release: (() => Promise<void>) | undefined;
    if (checked.credentials) {
      release =
        builder === 'buildah'
          ? await writeAuthFile(input.authFile!, checked.credentials)
          : await dockerLogin(checked.credentials, onLine, exec);
    }
    const unregister = release ? ctx.onAbort(release) : undefined;
    const options = { exec, cwd: ctx.runner.workspace, onLine: (line: string) => relayLine(line, ctx.log.info) };
    try {
      return await userFacing('Image build failed', () =>
        builder === 'buildah' ? buildWithBuildah(buildahSettings(input), options) : buildWithBuildx(buildxSettings(input), options),
      );
    } finally {
      unregister?.();
      await release?.();
    }
  });
}
