import { BuildConfigError } from './errors.js';
import type { Exec } from '../core/exec.js';

export type Builder = 'buildx' | 'buildah';
export type BuilderChoice = Builder | 'auto';

async function answers(exec: Exec, command: string, args: string[]): Promise<{ ok: boolean; why: string }> {
  try {
    const result = await exec.argv(command, args, { onLine: null });
    const why = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    return { ok: result.code === 0, why: why || `exit code ${result.code}` };
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Docker Buildx where a Docker engine answers (`docker info`) and has buildx; buildah where it is
 * installed; otherwise a BuildConfigError saying what was tried. `choice` forces one builder.
 */
export async function detectBuilder(exec: Exec, choice: BuilderChoice = 'auto'): Promise<Builder> {
  const tried: string[] = [];
  if (choice !== 'buildah') {
    const engine = await answers(exec, 'docker', ['info', '--format', '{{.ServerVersion}}']);
    const buildx = engine.ok ? await answers(exec, 'docker', ['buildx', 'version']) : engine;
    if (engine.ok && buildx.ok) return 'buildx';
    tried.push(engine.ok ? `docker buildx: ${buildx.why}` : `docker engine: ${engine.why}`);
  }
  if (choice !== 'buildx') {
    const buildah = await answers(exec, 'buildah', ['--version']);
    if (buildah.ok) return 'buildah';
    tried.push(`buildah: ${buildah.why}`);
  }
  const wanted =
    choice === 'auto' ? 'a Docker engine with buildx or buildah' : choice === 'buildx' ? 'a Docker engine with buildx' : 'buildah';
  throw new BuildConfigError(
    `no container builder available: the image input needs ${wanted} on the runner (${tried.join('; ')}). ` +
      `GitHub-hosted runners have Docker; on self-hosted ones install Docker or buildah`,
  );
}
