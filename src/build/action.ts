import { plural } from '../core/plural.js';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { redactUrls } from '../core/redact.js';
import { runAction, type RunOptions } from '../core/run.js';
import { packArchive, sourceDateEpoch, type ArchiveResult } from './archive.js';
import { buildCommandEnv, runBuildCommand } from './build-command.js';
import { verdictLine, writeBuildFacts, type BuildReport } from './build-summary.js';
import { imageRecord, type ImageBuildResult } from './container.js';
import type { Builder } from './detect-builder.js';
import type { Exec } from '../core/exec.js';
import { fields, type BuildSettings, type Checked, type Ctx } from './context.js';
import { commitOf, resolveBuildVersion } from './identity.js';
import { registryHost } from './image-plan.js';
import { writeBuildManifest, type BuildManifest } from '../records/build-manifest.js';
import { archivePath, buildImage, dryRun, findBuilder, userFacing } from './produce.js';
import type { RegistryCredentials } from './registry-auth.js';
import type { ResolvedVersion } from './version.js';

export { fields };

/** How programs (git, docker, buildah) run is the runtime's exec (`runtime` in the options). */
export type BuildRunOptions = RunOptions;

/** The real path of `path` (symbolic links followed) where it exists, else the path itself. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Whether `path` (resolved, links followed) is the workspace or inside it. */
function insideWorkspace(workspace: string, path: string): boolean {
  const rel = relative(real(workspace), real(path));
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

function checkCombinations(s: BuildSettings, workspace: string): Checked {
  const warnings: string[] = [];
  if (s.push && !s.image)
    throw new UserError(
      'Input "push": true needs the image input (only container images are pushed). Accepted: true together with image, or false.',
    );
  if (!s.image) {
    for (const [input, given] of [
      ['platforms', s.platforms.length > 0],
      ['build-args', Object.keys(s.buildArgs).length > 0],
      ['file', s.file !== undefined],
    ] as const) {
      if (given) warnings.push(`Input "${input}" applies only to container images and is ignored without image.`);
    }
  }
  if (!!s.registryUsername !== !!s.registryPassword) {
    const [missing, given] = s.registryUsername ? ['registry-password', 'registry-username'] : ['registry-username', 'registry-password'];
    throw new UserError(
      `Input "${missing}" is required when ${given} is given. ` + "Accepted: both, or neither to use the runner's own registry login.",
    );
  }
  for (const pattern of s.artifactPath) {
    const path = pattern.replace(/^!/, '');
    if (isAbsolute(path) || path.split(/[\\/]/).includes('..'))
      throw new UserError(
        `Input "artifact-path": ${f.quote(pattern)} reaches outside the workspace; ` +
          `archive entries must be inside it. Accepted: ${fields['artifact-path'].form}.`,
      );
  }
  const context = resolve(workspace, s.context);
  if (!insideWorkspace(workspace, context))
    throw new UserError(`Input "context": ${f.quote(s.context)} is outside the workspace. Accepted: ${fields.context.form}.`);
  if (s.file && !insideWorkspace(workspace, resolve(workspace, s.file)))
    throw new UserError(`Input "file": ${f.quote(s.file)} is outside the workspace. Accepted: ${fields.file.form}.`);
  let file: string | undefined;
  let credentials: RegistryCredentials | undefined;
  if (s.image) {
    if (!existsSync(context) || !statSync(context).isDirectory())
      throw new UserError(
        `Input "context": ${f.quote(s.context)} is not a directory in the workspace. Accepted: a directory path relative to the workspace.`,
      );
    if (s.file) {
      file = resolve(workspace, s.file);
      if (!existsSync(file) || !statSync(file).isFile())
        throw new UserError(
          `Input "file": ${f.quote(s.file)} is not a file in the workspace. Accepted: a Dockerfile path relative to the workspace.`,
        );
    }
    if (s.registryUsername && s.registryPassword)
      credentials = { registry: registryHost(s.image), username: s.registryUsername, password: s.registryPassword };
  }
  return { context, ...(file ? { file } : {}), ...(credentials ? { credentials } : {}), warnings };
}

export function run(opts: BuildRunOptions = {}): Promise<number> {
  return runAction(
    { name: 'build', title: 'shipline build', fields },
    async (ctx) => {
      const exec = ctx.runtime.exec;
      const started = performance.now();
      const s = ctx.settings;
      const report: BuildReport = { totalMs: 0, event: ctx.runner.eventName, ref: ctx.runner.ref };
      try {
        const { checked, commit, resolved } = await identify(ctx, exec, report);
        if (s.dryRun) {
          report.totalMs = performance.now() - started;
          await dryRun(ctx, checked, resolved, commit, exec, report);
          return;
        }
        // The builder is looked for before build-command runs: a runner without one fails first.
        const builder = s.image ? await findBuilder(exec, s.builder) : undefined;
        await buildCommand(ctx, resolved, commit, report);
        const archive = await archiveFiles(ctx, resolved, report);
        const image = builder ? await imageOf(ctx, { checked, resolved, commit, exec, builder }, report) : undefined;
        await writeManifest(ctx, { resolved, commit, archive, image }, report);
        report.totalMs = performance.now() - started;
        ctx.summary.heading('Build');
        ctx.summary.verdict('pass', verdictLine(report));
        writeBuildFacts(ctx.summary, report);
      } catch (error) {
        report.totalMs = performance.now() - started;
        if (!ctx.summary.hasVerdict) {
          ctx.summary.heading('Build');
          ctx.summary.verdict('fail', redactUrls(errorMessage(error)).split('\n')[0] ?? 'build failed');
          writeBuildFacts(ctx.summary, report);
        }
        throw error;
      }
    },
    opts,
  );
}

/** The inputs checked together, the commit and the version: set as outputs before anything is built. */
async function identify(
  ctx: Ctx,
  exec: Exec,
  report: BuildReport,
): Promise<{ checked: Checked; commit: string; resolved: ResolvedVersion }> {
  const s = ctx.settings;
  const checked = checkCombinations(s, ctx.runner.workspace);
  for (const warning of checked.warnings) ctx.log.warning(warning);
  const commit = await commitOf(ctx.runner, exec, ctx.log);
  report.commit = commit;
  const { resolved, tagSource } = await resolveBuildVersion(s, ctx.runner, commit, exec, ctx.log);
  report.resolved = resolved;
  if (tagSource) report.tagSource = tagSource;
  ctx.setOutput('version', resolved.version);
  ctx.setOutput('channel', resolved.channel);
  ctx.setOutput('tags', resolved.tags.join('\n'));
  return { checked, commit, resolved };
}

async function buildCommand(ctx: Ctx, resolved: ResolvedVersion, commit: string, report: BuildReport): Promise<void> {
  const s = ctx.settings;
  if (!s.buildCommand) return;
  const env = buildCommandEnv({ resolved, commit, ref: ctx.runner.ref, ...(s.image ? { image: s.image } : {}) });
  const ms = await ctx.log.group('Running build-command', () =>
    runBuildCommand(s.buildCommand!, { cwd: ctx.runner.workspace, env, signal: ctx.signal, exec: ctx.runtime.exec }),
  );
  report.command = { ms };
}

async function archiveFiles(ctx: Ctx, resolved: ResolvedVersion, report: BuildReport): Promise<ArchiveResult | undefined> {
  const s = ctx.settings;
  if (!s.artifactPath.length) return undefined;
  const at = performance.now();
  const archive = await userFacing('Input "artifact-path"', () =>
    packArchive({
      cwd: ctx.runner.workspace,
      patterns: s.artifactPath,
      output: archivePath(ctx.runner, resolved),
      mtime: sourceDateEpoch(),
    }),
  );
  report.archive = { result: archive, ms: performance.now() - at };
  ctx.log.info(`Archived ${plural(archive.files.length, 'file')} into ${archive.path} (${archive.sha256})`);
  if (!s.image) {
    ctx.setOutput('digest', archive.sha256);
    ctx.setOutput('artifact', archive.path);
  }
  return archive;
}

interface ImageJob {
  checked: Checked;
  resolved: ResolvedVersion;
  commit: string;
  exec: Exec;
  builder: Builder;
}

async function imageOf(ctx: Ctx, j: ImageJob, report: BuildReport): Promise<ImageBuildResult> {
  const at = performance.now();
  const image = await buildImage(ctx, j.checked, j.resolved, j.commit, j.exec, j.builder);
  report.image = { result: image, ms: performance.now() - at };
  if (image.digest) ctx.setOutput('digest', image.digest);
  ctx.setOutput('artifact', image.reference);
  return image;
}

interface Built {
  resolved: ResolvedVersion;
  commit: string;
  archive?: ArchiveResult;
  image?: ImageBuildResult;
}

async function writeManifest(ctx: Ctx, b: Built, report: BuildReport): Promise<void> {
  const s = ctx.settings;
  const { resolved, commit, archive, image } = b;
  const manifest: BuildManifest = {
    schemaVersion: 1,
    version: resolved.version,
    channel: resolved.channel,
    commit,
    ref: ctx.runner.ref || 'HEAD',
    tags: resolved.tags,
    ...(image ? { image: imageRecord(image, { image: s.image!, platforms: s.platforms }) } : {}),
    ...(archive ? { archive: { path: archive.path, sha256: archive.sha256, bytes: archive.bytes, files: archive.files.length } } : {}),
    builtAt: new Date().toISOString(),
  };
  const manifestPath = join(ctx.runner.temp, `shipline-build-manifest-${process.pid}.json`);
  await writeBuildManifest(manifestPath, manifest);
  ctx.setOutput('manifest', manifestPath);
  report.manifest = manifestPath;
}
