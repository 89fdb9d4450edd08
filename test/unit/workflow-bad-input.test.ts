import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowCli } from '../../src/workflow/cli.js';

/** Each case: a workflow whose first job would `touch ran`; the run must stop before it. */
async function refuse(yaml: string[], args: string[] = [], files: Record<string, string[]> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wf-bad-'));
  writeFileSync(join(dir, 'wf.yml'), yaml.join('\n') + '\n');
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), lines.join('\n') + '\n');
  let out = '';
  let err = '';
  const code = await workflowCli(['run', join(dir, 'wf.yml'), '--workspace', dir, ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    interactive: false,
  });
  return { code, err, out, ran: existsSync(join(dir, 'ran')) };
}

const first = ['  first:', '    runs-on: x', '    steps:', '      - run: touch ran'];

describe('shipline workflow run: bad input is one clear error, nothing run', () => {
  it('a file that does not parse: the parser’s own error with line and column', async () => {
    const r = await refuse(['on: push', 'jobs:', ...first, '      - runs: echo typo']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/wf\.yml \(Line: 7, Col: 9\): Unexpected value 'runs'/);
    expect(r.ran).toBe(false);
  });

  it('YAML that is not YAML', async () => {
    const r = await refuse(['on: push', 'jobs:', ...first, '     bad: [']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not parse:[\s\S]*line 8, column/);
    expect(r.ran).toBe(false);
  });

  it('an unknown job in needs', async () => {
    const r = await refuse([
      'on: push',
      'jobs:',
      ...first,
      '  second:',
      '    needs: [first, deploy]',
      '    runs-on: x',
      '    steps:',
      '      - run: "true"',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("wf.yml (Line: 8, Col: 20): Job 'second' depends on unknown job 'deploy'.");
    expect(r.ran).toBe(false);
  });

  it('a uses: this machine cannot run, naming the job and the step', async () => {
    const r = await refuse([
      'on: push',
      'jobs:',
      ...first,
      '  second:',
      '    needs: first',
      '    runs-on: x',
      '    steps:',
      '      - name: Set up Go',
      '        uses: actions/setup-go@v5',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('job second, step "Set up Go": uses: actions/setup-go@v5 cannot be run on this machine');
    expect(r.ran).toBe(false);
  });

  it('a called workflow without a required input', async () => {
    const called = [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      url: { type: string, required: true }',
      'jobs:',
      '  x:',
      '    runs-on: x',
      '    steps:',
      '      - run: "true"',
    ];
    const r = await refuse(['on: push', 'jobs:', ...first, '  call:', '    needs: first', '    uses: ./called.yml', '    with: {}'], [], {
      'called.yml': called,
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/job call: input url of .*called\.yml is required and not given in with:/);
    expect(r.ran).toBe(false);
  });

  it('a workflow_call workflow run without its required input', async () => {
    const r = await refuse([
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      staging-url: { type: string, required: true }',
      'jobs:',
      ...first,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('input staging-url is required (give it with --input staging-url=VALUE');
    expect(r.ran).toBe(false);
  });

  it('--input without =', async () => {
    const r = await refuse(['on: workflow_dispatch', 'jobs:', ...first], ['--input', 'who']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--input "who": expected --input name=value');
    expect(r.ran).toBe(false);
  });

  it('an input the workflow does not have, a value of the wrong type, an event it does not run on', async () => {
    const wf = ['on:', '  workflow_dispatch:', '    inputs:', '      dry: { type: boolean, default: false }', 'jobs:', ...first];
    const unknown = await refuse(wf, ['--input', 'dyr=true']);
    expect(unknown.err).toContain('input dyr is not defined for workflow_dispatch (inputs: dry)');
    const typed = await refuse(wf, ['--input', 'dry=yes']);
    expect(typed.err).toContain('input dry must be a boolean (true or false), got "yes"');
    const event = await refuse(wf, ['--event', 'push']);
    expect(event.err).toContain('does not run on push (on: workflow_dispatch)');
    for (const r of [unknown, typed, event]) {
      expect(r.code).toBe(2);
      expect(r.ran).toBe(false);
    }
  });

  it('a secret given without = is not echoed', async () => {
    const r = await refuse(['on: push', 'jobs:', ...first], ['--secret', 'tokenvalue-without-name']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--secret (value not shown): expected --secret name=value');
    expect(r.err).not.toContain('tokenvalue');
    expect(r.ran).toBe(false);
  });
});
