import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as actionsCore from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as ours from '../../src/core/runner-io.js';
import { parseOutputFile } from '../helpers/run-action.js';
import { workflowCommands } from '../helpers/workflow-commands.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Captures what a function writes to stdout. */
function stdoutOf(fn: () => void): string {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  fn();
  vi.restoreAllMocks();
  return out;
}

describe('runner protocol matches @actions/core', () => {
  it('reads inputs the same way (hyphens kept, spaces as _, trimmed)', () => {
    process.env['INPUT_DRY-RUN'] = ' true ';
    process.env.INPUT_MY_INPUT = 'x';
    for (const name of ['dry-run', 'my input', 'missing']) expect(ours.getInput(name)).toBe(actionsCore.getInput(name));
  });

  it('writes outputs the runner reads identically, multi-line values included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'io-'));
    const values: [string, unknown][] = [
      ['result', 'pass'],
      ['count', 3],
      ['tags', '1.2.3\n1.2\nlatest'],
      ['empty', ''],
      ['obj', { a: 1 }],
    ];
    const outputs = (impl: { setOutput(n: string, v: unknown): void }, file: string) => {
      writeFileSync(file, '');
      process.env.GITHUB_OUTPUT = file;
      for (const [k, v] of values) impl.setOutput(k, v);
      return parseOutputFile(readFileSync(file, 'utf8'));
    };
    const theirs = outputs(actionsCore, join(dir, 'a'));
    expect(outputs(ours, join(dir, 'b'))).toEqual(theirs);
    expect(theirs.tags).toBe('1.2.3\n1.2\nlatest');
  });

  it('prints the same workflow commands', () => {
    const lines = (impl: typeof ours) =>
      stdoutOf(() => {
        impl.setSecret('s3cr3t');
        impl.error('bad %value%\nsecond line');
        impl.warning('careful');
        impl.debug('dbg');
        impl.info('plain');
        impl.startGroup('phase');
        impl.endGroup();
      });
    expect(lines(ours)).toBe(lines(actionsCore as unknown as typeof ours));
  });

  it('fails the step with exit code 1', () => {
    const out = stdoutOf(() => ours.setFailed('nope'));
    expect(out).toBe('::error::nope\n');
    expect(process.exitCode).toBe(1);
  });
});

describe('outside text cannot start a workflow command', () => {
  const attacks = [
    'deploy\n::error::owned',
    'deploy\r::add-mask::the',
    'deploy\r\n   ::set-output name=result::owned',
    'deploy\n\u0085\t::stop-commands::owned',
    'deploy ##[error]owned',
    '::error::owned at the start',
  ];
  it.each(attacks)('info(%j) prints the text, but no command', (text) => {
    const out = stdoutOf(() => ours.info(text));
    expect(workflowCommands(out)).toEqual([]);
    expect(out).toMatch(/owned|the$/m);
  });
  it('leaves ordinary text as it is', () => {
    expect(stdoutOf(() => ours.info('step 1: weight 10% -> 10%\n  error-rate: 0 (<= 0.05) pass :: fine'))).toBe(
      'step 1: weight 10% -> 10%\n  error-rate: 0 (<= 0.05) pass :: fine\n',
    );
  });
  it('escapes the data of a command the way @actions/core does', () => {
    const out = stdoutOf(() => ours.error('bad\n::error::owned\r::add-mask::the'));
    expect(workflowCommands(out).map((c) => [c.name, c.data])).toEqual([['error', 'bad%0A::error::owned%0D::add-mask::the']]);
  });
  it('a relayed command line issues nothing but ::add-mask::', () => {
    const out = stdoutOf(() => {
      for (const line of [
        '::error::owned',
        '  ::set-output name=result::owned',
        'x ##[warning]owned',
        '::add-mask::s3cr3t-from-the-command',
        'plain',
      ])
        ours.relayLine(line);
    });
    expect(workflowCommands(out).map((c) => [c.name, c.data])).toEqual([['add-mask', 's3cr3t-from-the-command']]);
    expect(out).toContain('plain\n');
  });
});
