import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../core/errors.js';
import { processExec, type Exec } from '../core/exec.js';

export interface RegistryCredentials {
  registry: string;
  username: string;
  password: string;
}

/** A containers-auth.json / docker config.json holding one registry's credentials. */
export function authFileContent(credentials: RegistryCredentials): string {
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  return `${JSON.stringify({ auths: { [credentials.registry]: { auth } } }, null, 2)}\n`;
}

/**
 * Writes an auth file readable only by this user, for buildah's `--authfile`; returns a function
 * that removes it. The user's own credential stores are left alone.
 */
export async function writeAuthFile(path: string, credentials: RegistryCredentials): Promise<() => Promise<void>> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, authFileContent(credentials), { mode: 0o600 });
  await chmod(path, 0o600);
  return () => rm(path, { force: true });
}

/**
 * `docker login` for buildx (which reads the engine's credential store), the password on stdin;
 * returns a function that logs out again. Throws with docker's own last lines when it refuses.
 */
export async function dockerLogin(
  credentials: RegistryCredentials,
  onLine: (line: string) => void,
  exec: Exec = processExec,
): Promise<() => Promise<void>> {
  const login = await exec.argv('docker', ['login', '--username', credentials.username, '--password-stdin', credentials.registry], {
    input: credentials.password,
    onLine,
  });
  if (login.code !== 0) {
    throw new UserError(
      `Inputs "registry-username"/"registry-password": docker login ${credentials.registry} ` +
        `failed with exit code ${login.code}: ${login.tail.join(' ').trim()}`,
    );
  }
  return async () => {
    await exec.argv('docker', ['logout', credentials.registry], { onLine });
  };
}
