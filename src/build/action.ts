import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { commonFields } from '../core/common-fields.js';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { redactUrls } from '../core/redact.js';
import { runAction, type ActionContext, type RunOptions } from '../core/run.js';
import type { RunnerContext } from '../core/runner.js';
import { packArchive, sourceDateEpoch, type ArchiveResult } from './archive.js';
import { buildCommandEnv, runBuildCommand } from './build-command.js';
import { verdictLine, writeBuildFacts, type BuildReport } from './build-summary.js';
import { buildWithBuildah, buildWithBuildx, imageRecord, type ImageBuildResult } from './container.js';
import { detectBuilder, type Builder } from './detect-builder.js';
import { BuildConfigError, CommandError } from './errors.js';
import { spawnExec, type Exec } from './exec.js';
import { buildahSettings, buildxSettings, imageCommandLines, registryHost, shellLine, type ImagePlanInput } from './image-plan.js';
import { ociLabels } from './image-settings.js';
import { buildArgsField, globsField, imageField, platformsField, versionField } from './inputs.js';
import { writeBuildManifest, type BuildManifest } from './manifest.js';
import { dockerLogin, writeAuthFile, type RegistryCredentials } from './registry-auth.js';
import { readExistingTags } from './tag-source.js';
import { resolveVersion, type ResolvedVersion } from './version.js';
import { relayLine } from '../core/runner-io.js';

export const fields = {
  version: versionField(),
  image: imageField(),
  push: f.bool({ default: false }),
  platforms: platformsField(),
  context: f.string({ form: 'a directory path relative to the workspace', default: '.' }),
  file: f.string({ form: 'a Dockerfile path relative to the workspace' }),
  'build-args': buildArgsField(),
  builder: f.oneOf(['auto', 'buildx', 'buildah'] as const, { default: 'auto' as const }),
  'build-command': f.string({ form: 'a shell command' }),
  'artifact-path': globsField(),
  'registry-username': f.string({ form: 'a registry user name' }),
  'registry-password': f.string({ form: 'a registry password or access token', secret: true, configurable: false }),
  ...commonFields,
};

type Ctx = ActionContext<typeof fields>;
type BuildSettings = Ctx['settings'];

export interface BuildRunOptions extends RunOptions {
  /** How programs (git, docker, buildah) run; the real spawn by default. */
  exec?: Exec;
}

/** The part of the settings that depends on other inputs, checked before anything runs. */
interface Checked {
  context: string;
  file?: string;
  credentials?: RegistryCredentials;
  warnings: string[];
}

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
    throw new UserError('Input "push": true needs the image input (only container images are pushed). Accepted: true together with image, or false.');
  if (!s.image) {
    for (const [input, given] of [
      ['platforms', s.platforms.length > 0],
      ['build-args', Object.keys(s.buildArgs).length > 0],
      ['file', s.file !== undefined],
    ] as const) {
      if (given) warnings.push(`Input "${input}" applies only to container images and is ignored without image.`);
    }
  }
  if (!!s.registryUsername !== !!s.registryPassword)
    throw new UserError(
      `Input "${s.registryUsername ? 'registry-password' : 'registry-username'}" is required when ${s.registryUsername ? 'registry-username' : 'registry-password'} is given. Accepted: both, or neither to use the runner's own registry login.`,
    );
  for (const pattern of s.artifactPath) {
    const path = pattern.replace(/^!/, '');
    if (isAbsolute(path) || path.split(/[\\/]/).includes('..'))
      throw new UserError(
        `Input "artifact-path": ${f.quote(pattern)} reaches outside the workspace; archive entries must be inside it. Accepted: ${fields['artifact-path'].form}.`,
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
      throw new UserError(`Input "context": ${f.quote(s.context)} is not a directory in the workspace. Accepted: a directory path relative to the workspace.`);
    if (s.file) {
      file = resolve(workspace, s.file);
      if (!existsSync(file) || !statSync(file).isFile())
        throw new UserError(`Input "file": ${f.quote(s.file)} is not a file in the workspace. Accepted: a Dockerfile path relative to the workspace.`);
    }
    if (s.registryUsername && s.registryPassword)
      credentials = { registry: registryHost(s.image), username: s.registryUsername, password: s.registryPassword };
  }
  return { context, ...(file ? { file } : {}), ...(credentials ? { credentials } : {}), warnings };
}

const COMMIT = /^[0-9a-f]{7,64}$/;

/**
 * The commit built: HEAD of the workspace, the commit actually checked out (a hotfix checks out
 * the ref it was given, while GITHUB_SHA stays the head of the branch it was dispatched on); else
 * GITHUB_SHA, for a workspace that is not a git checkout.
 */
async function commitOf(runner: RunnerContext, exec: Exec, log: Ctx['log']): Promise<string> {
  const event = runner.sha.trim().toLowerCase();
  const head = await exec('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: runner.workspace }).catch(() => undefined);
  const checkedOut = head?.exitCode === 0 ? head.stdout.trim().toLowerCase() : '';
  if (COMMIT.test(checkedOut)) {
    if (COMMIT.test(event) && event !== checkedOut) log.info(`Building ${checkedOut}, the commit checked out in the workspace (the event's GITHUB_SHA is ${event}).`);
    return checkedOut;
  }
  if (!event) throw new UserError('GITHUB_SHA is not set and the workspace is not a git repository, so the commit being built is unknown.');
  if (!COMMIT.test(event)) throw new UserError(`GITHUB_SHA ${JSON.stringify(event)} is not a commit id (7 to 64 hexadecimal characters).`);
  return event;
}

/**
 * Turns the library's user-facing errors into the one-line failures of the run wrapper, prefixed
 * with `what` (`Input "artifact-path"`); the library's own mention of the input is not repeated.
 */
async function userFacing<T>(what: string, fn: () => Promise<T>): Promise<T> {
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
async function findBuilder(exec: Exec, choice: BuildSettings['builder']): Promise<Builder> {
  try {
    return await detectBuilder(exec, choice);
  } catch (error) {
    if (!(error instanceof BuildConfigError)) throw error;
    const inputs = choice === 'auto' ? 'Input "image"' : 'Inputs "image" and "builder"';
    throw new UserError(
      `${inputs}: ${error.message}. Accepted: image on a runner with ${choice === 'buildah' ? 'buildah' : choice === 'buildx' ? 'a Docker engine with buildx' : 'a Docker engine with buildx, or buildah'}; or no image input (files only).`,
    );
  }
}

async function resolveBuildVersion(
  s: BuildSettings,
  runner: RunnerContext,
  commit: string,
  exec: Exec,
  log: Ctx['log'],
): Promise<{ resolved: ResolvedVersion; tagSource?: string }> {
  const input = { eventName: runner.eventName, ref: runner.ref, sha: commit, payload: runner.payload, override: s.version };
  const what = s.version ? 'Input "version"' : 'Cannot compute the version';
  const first = await userFacing(what, async () => resolveVersion({ ...input, existingTags: [] }));
  // Only a release's floating tags (X.Y, X, latest) depend on the other tags: read them only then.
  if (first.channel !== 'release') return { resolved: first };
  const existing = await readExistingTags(runner.workspace, exec);
  if (existing.warning) log.warning(existing.warning);
  const resolved = await userFacing(what, async () => resolveVersion({ ...input, existingTags: existing.tags }));
  return { resolved, tagSource: `${existing.source}, ${existing.tags.length} tag(s)` };
}

function archivePath(runner: RunnerContext, resolved: ResolvedVersion): string {
  const name = (runner.repository?.repo ?? basename(runner.workspace)).replace(/[^A-Za-z0-9._-]+/g, '-') || 'artifact';
  return join(runner.temp, 'shipline-artifacts', `${name}-${resolved.tags[0] ?? resolved.version}.tar.gz`);
}

function imagePlanInput(s: BuildSettings, checked: Checked, resolved: ResolvedVersion, runner: RunnerContext, commit: string, workDir: string): ImagePlanInput {
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
async function dryRun(ctx: Ctx, checked: Checked, resolved: ResolvedVersion, commit: string, exec: Exec, report: BuildReport): Promise<void> {
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

async function buildImage(
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
        builder === 'buildah' ? await writeAuthFile(input.authFile!, checked.credentials) : await dockerLogin(checked.credentials, onLine);
    }
    const unregister = release ? ctx.onAbort(release) : undefined;
    const options = { exec, cwd: ctx.runner.workspace, onOutput: (chunk: string) => chunk.replace(/\n$/, '').split('\n').forEach((line) => relayLine(line, ctx.log.info)) };
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

export function run(opts: BuildRunOptions = {}): Promise<number> {
  const exec = opts.exec ?? spawnExec;
  return runAction({ name: 'build', title: 'shipline build', fields }, async (ctx) => {
    const started = performance.now();
    const s = ctx.settings;
    const report: BuildReport = { totalMs: 0, event: ctx.runner.eventName, ref: ctx.runner.ref };
    try {
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

      if (s.dryRun) {
        report.totalMs = performance.now() - started;
        await dryRun(ctx, checked, resolved, commit, exec, report);
        return;
      }

      // The builder is looked for before build-command runs: a runner without one fails first.
      const builder = s.image ? await findBuilder(exec, s.builder) : undefined;

      if (s.buildCommand) {
        const env = buildCommandEnv({ resolved, commit, ref: ctx.runner.ref, ...(s.image ? { image: s.image } : {}) });
        const ms = await ctx.log.group('Running build-command', () =>
          runBuildCommand(s.buildCommand!, { cwd: ctx.runner.workspace, env, signal: ctx.signal }),
        );
        report.command = { ms };
      }

      let archive: ArchiveResult | undefined;
      if (s.artifactPath.length) {
        const at = performance.now();
        archive = await userFacing('Input "artifact-path"', () =>
          packArchive({ cwd: ctx.runner.workspace, patterns: s.artifactPath, output: archivePath(ctx.runner, resolved), mtime: sourceDateEpoch() }),
        );
        report.archive = { result: archive, ms: performance.now() - at };
        ctx.log.info(`Archived ${archive.files.length} file(s) into ${archive.path} (${archive.sha256})`);
        if (!s.image) {
          ctx.setOutput('digest', archive.sha256);
          ctx.setOutput('artifact', archive.path);
        }
      }

      let image: ImageBuildResult | undefined;
      if (s.image) {
        const at = performance.now();
        image = await buildImage(ctx, checked, resolved, commit, exec, builder!);
        report.image = { result: image, ms: performance.now() - at };
        if (image.digest) ctx.setOutput('digest', image.digest);
        ctx.setOutput('artifact', image.reference);
      }

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
  }, opts);
}
