import { describe, expect, it } from 'vitest';
import { parseRecordLines, RECORD_MAX_BYTES, RECORD_MAX_ENTRIES, recordEnv } from '../../src/deploy/hooks.js';
import { rollbackRequest, type RollbackJob } from '../../src/rollback/plan.js';
import type { DeploymentRecord } from '../../src/records/types.js';

describe('parseRecordLines: what a hook writes to $SHIPLINE_RECORD', () => {
  it('keeps name=value lines (the value may hold "=" and spaces; CRLF and blank lines are fine; the last of a name wins)', () => {
    const parsed = parseRecordLines('backup=db 1.sql\r\n\nurl=a=b\nbackup=db-2.sql\n_x9=\n', 'f');
    expect(parsed.values).toEqual({ backup: 'db-2.sql', url: 'a=b', _x9: '' });
    expect(parsed.problems).toEqual([]);
  });

  it('ignores malformed lines, each named by its number and never quoted', () => {
    const long = 'v'.repeat(1025);
    const parsed = parseRecordLines(
      `ok=1\nno equals sign\n9name=x\n=x\nbad-name=x\n${'n'.repeat(65)}=x\nlong=${long}\nctl=a\u001bb\nfine=${'v'.repeat(1024)}`,
      '$SHIPLINE_RECORD',
    );
    expect(Object.keys(parsed.values)).toEqual(['ok', 'fine']);
    expect(parsed.problems.map((p) => /^line (\d+) /.exec(p)?.[1])).toEqual(['2', '3', '4', '5', '6', '7', '8']);
    expect(parsed.problems.join('\n')).not.toMatch(/9name|bad-name|no equals/);
  });

  it(`keeps at most ${RECORD_MAX_ENTRIES} values and reads at most ${RECORD_MAX_BYTES} bytes`, () => {
    const many = Array.from({ length: 40 }, (_, i) => `k${i}=v`).join('\n');
    const parsed = parseRecordLines(many, 'f');
    expect(Object.keys(parsed.values)).toHaveLength(RECORD_MAX_ENTRIES);
    expect(parsed.problems).toHaveLength(8);
    expect(parsed.problems[0]).toContain('line 33 of f: more than 32 values');
    const big = parseRecordLines(`a=1\n${'b='.padEnd(1000, 'x')}\n`.repeat(10), 'f');
    expect(big.problems[0]).toContain(`more than ${RECORD_MAX_BYTES} bytes`);
    expect(big.values.a).toBe('1');
  });
});

describe("recordEnv: a record's values as SHIPLINE_RECORD_<NAME>, checked again when read", () => {
  it('upper-cases the names and drops values that break the rule', () => {
    const { env, problems } = recordEnv({ backup: 'db.sql', Lower_name: 'x', 'bad name': 'x', multi: 'a\nb', number: 5 });
    expect(env).toEqual({ SHIPLINE_RECORD_BACKUP: 'db.sql', SHIPLINE_RECORD_LOWER_NAME: 'x' });
    expect(problems).toHaveLength(3);
    expect(recordEnv(undefined)).toEqual({ env: {}, problems: [] });
    expect(recordEnv(['x']).problems).toHaveLength(1);
  });

  it('rollback asks the driver with the values of the deployment it undoes', () => {
    const rec = (id: string, version: string, record?: Record<string, string>): DeploymentRecord => ({
      id,
      environment: 'production',
      sha: 'a'.repeat(40),
      ref: 'main',
      createdAt: '2026-11-23T02:00:00Z',
      payload: { version, by: 'deploy', ...(record ? { record } : {}) },
      state: 'success',
    });
    const job: RollbackJob = {
      environment: 'production',
      bad: rec('2', '2.0.0', { backup: 'before-2.sql' }),
      target: rec('1', '1.0.0', { backup: 'before-1.sql' }),
      reason: 'r',
      timeoutMs: 1000,
    };
    expect(rollbackRequest(job).recordEnv).toEqual({ SHIPLINE_RECORD_BACKUP: 'before-2.sql' });
  });
});
