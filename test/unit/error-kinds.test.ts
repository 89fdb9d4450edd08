import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExpectedFailure, type InputError, kindOfFailure, OutsideError, UserError } from '../../src/core/errors.js';
import { commandResult } from '../../src/core/exec.js';
import * as f from '../../src/core/fields.js';
import { readSettings } from '../../src/core/inputs.js';
import { runAction } from '../../src/core/run.js';
import { HaproxyError } from '../../src/drivers/haproxy/errors.js';
import { KubectlError } from '../../src/drivers/kubernetes/kubectl.js';
import { LocalDriverError } from '../../src/drivers/local/errors.js';
import { PrometheusError } from '../../src/verify/sources/prometheus.js';
import { BuildConfigError } from '../../src/build/errors.js';
import { ScanError } from '../../src/scan/errors.js';

// One expected-failure type: its kind decides how the run wrapper prints it.
describe('expected failures and their kinds', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    written.length = 0;
    process.exitCode = undefined;
  });
  function capture() {
    vi.stubEnv('GITHUB_OUTPUT', '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
  const def = { name: 'probe', title: 'shipline probe', fields: { port: f.int({ min: 1, max: 65535 }) } };
  const run = (fail: () => never, input = '') => runAction(def, async () => fail(), { source: (name) => (name === 'port' ? input : '') });

  it.each([
    [
      'kubectl failing',
      () =>
        new KubectlError(
          '`kubectl get deployment/web -n prod` failed (exit code 1): connection refused',
          ['kubectl'],
          commandResult({ code: 1, stdout: '', stderr: 'connection refused' }),
        ),
    ],
    ['HAProxy unreachable', () => new HaproxyError('unreachable', 'HAProxy admin socket /run/haproxy.sock refuses connections')],
    ['Prometheus failing', () => new PrometheusError('server', 'Prometheus at http://127.0.0.1:9090 answered 503')],
    ['the local proxy failing', () => new LocalDriverError('proxy', 'the weighted proxy did not start: EADDRINUSE')],
    ['GitHub failing', () => new OutsideError("GitHub's API answered 502 while reading the deployments of production")],
  ])('an infrastructure failure (%s) is one line: no "failed unexpectedly", no stack', async (_what, make) => {
    capture();
    const error = make();
    expect(kindOfFailure(error)).toBe('outside');
    const code = await run(() => {
      throw error;
    });
    expect(code).toBe(1);
    const out = written.join('');
    expect(out).toContain(`::error::${error.message}`);
    expect(out).not.toContain('failed unexpectedly');
    expect(out).not.toMatch(/^\s+at /m);
  });

  it('a bug gets "failed unexpectedly" and its stack (the control for the test above)', async () => {
    capture();
    const code = await run(() => {
      throw new TypeError('x is undefined');
    });
    expect(code).toBe(1);
    const out = written.join('');
    expect(out).toContain('::error::shipline probe failed unexpectedly: x is undefined');
    expect(out).toMatch(/^\s+at /m);
  });

  it('an input error names the input and the accepted form, and carries the name', async () => {
    capture();
    let thrown: unknown;
    const code = await runAction(def, async () => undefined, { source: (name) => (name === 'port' ? '70000' : '') }).catch(
      (e: unknown) => (thrown = e),
    );
    expect(thrown).toBeUndefined();
    expect(code).toBe(1);
    expect(written.join('')).toContain('::error::Input "port": "70000" is out of range. Accepted: a whole number from 1 to 65535.');
    let error: unknown;
    try {
      readSettings(def.fields, { action: 'probe', source: () => '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpectedFailure);
    expect((error as InputError).input).toBe('port');
    expect(kindOfFailure(error)).toBe('input');
  });

  it.each([
    ['a user error naming no input', 'refused', () => new UserError('deploy-command exited with 7'), undefined],
    ['a user error naming its input', 'input', () => new UserError('Input "steps": no steps given', { input: 'steps' }), 'steps'],
    [
      'a scan input problem',
      'input',
      () => new ScanError('ignore-file', 'ignore[0]: id is required', '/ws/.github/shipline-ignore.yml'),
      'ignore-file',
    ],
    [
      'a build input problem',
      'input',
      () =>
        new BuildConfigError('artifact-path "x" matched no file in /ws', { input: 'artifact-path', problem: '"x" matched no file in /ws' }),
      'artifact-path',
    ],
    [
      'a Prometheus query the user wrote',
      'refused',
      () => new PrometheusError('bad_query', 'Prometheus rejected the query: parse error'),
      undefined,
    ],
    [
      'an app that never got healthy',
      'refused',
      () => new LocalDriverError('unhealthy', 'version 2.0.0 did not answer /healthz within 30s'),
      undefined,
    ],
    [
      'kubectl failing',
      'outside',
      () => new KubectlError('`kubectl` failed', ['kubectl'], commandResult({ code: 1, stdout: '', stderr: '' })),
      undefined,
    ],
    ['a plain Error', 'bug', () => new Error('boom'), undefined],
  ])('%s is of kind %s', (_what, kind, make, input) => {
    const error = make();
    expect(kindOfFailure(error)).toBe(kind);
    expect((error as { input?: string }).input).toBe(input);
  });

  it('a refused failure is printed as it is, without cleanups or a stack', async () => {
    capture();
    const code = await run(() => {
      throw new UserError('Deploying is refused: a canary of 2.0.0 is paused in production');
    });
    expect(code).toBe(1);
    const out = written.join('');
    expect(out).toContain('::error::Deploying is refused: a canary of 2.0.0 is paused in production');
    expect(out).not.toContain('failed unexpectedly');
    expect(out).not.toMatch(/^\s+at /m);
  });
});
