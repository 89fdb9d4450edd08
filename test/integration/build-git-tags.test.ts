import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../src/build/errors.js';
import { listGitTags, listRemoteTags, resolveVersion } from '../../src/build/version.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

let root: string;
let repo: string;
let clone: string;

function commit(message: string): string {
  writeFileSync(join(repo, 'file.txt'), `${message}\n`);
  git(repo, 'add', 'file.txt');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shipline-git-'));
  repo = join(root, 'repo');
  git(root, 'init', '-q', '-b', 'main', repo);
  commit('one');
  git(repo, 'tag', 'v1.0.0');
  commit('two');
  git(repo, 'tag', '-a', '-m', 'annotated', 'v1.4.8');
  git(repo, 'checkout', '-q', '-b', 'feature/x');
  commit('three');
  git(repo, 'tag', 'v2.0.0');
  git(repo, 'tag', 'v2.1.0-rc.1');
  git(repo, 'tag', 'docs-snapshot');
  git(repo, 'checkout', '-q', 'main');
  clone = join(root, 'clone');
  git(root, 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('listGitTags', () => {
  it('lists every tag of a real repository, lightweight and annotated, on any branch', async () => {
    const tags = await listGitTags(repo);
    expect([...tags].sort()).toEqual(['docs-snapshot', 'v1.0.0', 'v1.4.8', 'v2.0.0', 'v2.1.0-rc.1']);
  });

  it('feeds resolveVersion so a late hotfix tag does not take latest', async () => {
    git(repo, 'tag', 'v1.4.9');
    try {
      const existingTags = await listGitTags(repo);
      const result = resolveVersion({
        eventName: 'push',
        ref: 'refs/tags/v1.4.9',
        sha: git(repo, 'rev-parse', 'v1.4.9^{commit}'),
        existingTags,
      });
      expect(result.tags).toEqual(['1.4.9', '1.4', '1']);
    } finally {
      git(repo, 'tag', '-d', 'v1.4.9');
    }
  });

  it('sees no tags in a shallow clone, which is why listRemoteTags exists', async () => {
    const tags = await listGitTags(clone);
    expect(tags).not.toContain('v2.0.0');
  });

  it('fails with the git error outside a repository', async () => {
    const outside = mkdtempSync(join(root, 'plain-'));
    await expect(listGitTags(outside)).rejects.toBeInstanceOf(CommandError);
    await expect(listGitTags(outside)).rejects.toThrow(/not a git repository/);
  });
});

describe('listRemoteTags', () => {
  it('reads the tags of the remote from a shallow clone', async () => {
    const tags = await listRemoteTags(clone);
    expect([...tags].sort()).toEqual(['docs-snapshot', 'v1.0.0', 'v1.4.8', 'v2.0.0', 'v2.1.0-rc.1']);
  });

  it('refuses a remote that looks like an option', async () => {
    await expect(listRemoteTags(clone, '--upload-pack=touch /tmp/x')).rejects.toThrow(/is not a remote name/);
  });
});
