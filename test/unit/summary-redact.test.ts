import { describe, expect, it } from 'vitest';
import { escapeText, raw, Summary } from '../../src/core/summary.js';
import { redactUrls, splitUrlCredentials } from '../../src/core/redact.js';
import { junitReport } from '../../src/smoke/report.js';

describe('summary', () => {
  it('escapes outside text so it cannot inject markup', () => {
    expect(escapeText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeText('a|b')).toBe('a&#124;b');
    expect(escapeText('[x](http://evil)')).toBe('\\[x\\](http://evil)');
    expect(escapeText('line\nbreak')).toBe('line break');
  });
  it('builds verdict, tables and details', () => {
    const s = new Summary().heading('Deploy').verdict('pass', 'done').table(['a', 'b'], [['<x>', raw('**y**')]]).details('more', 'z|z');
    expect(s.toString()).toBe('## Deploy\n\n**✅ done**\n\n| a | b |\n| --- | --- |\n| &lt;x&gt; | **y** |\n\n<details><summary>more</summary>\n\nz&#124;z\n\n</details>\n');
    expect(s.hasVerdict).toBe(true);
  });
});

describe('redaction', () => {
  it('hides credentials in URLs inside text', () => {
    expect(redactUrls('GET https://bob:hunter2@example.com/x and http://tok@h')).toBe('GET https://***@example.com/x and http://***@h');
    expect(redactUrls('no url here')).toBe('no url here');
  });
  it('splits credentials into a basic auth header', () => {
    const { url, authorization } = splitUrlCredentials('https://bob:p%40ss@example.com/base');
    expect(url).toBe('https://example.com/base');
    expect(Buffer.from(authorization!.slice(6), 'base64').toString()).toBe('bob:p@ss');
    expect(splitUrlCredentials('http://h/').authorization).toBeUndefined();
  });
});

describe('junit', () => {
  it('escapes XML and counts failures', () => {
    const xml = junitReport([
      { name: 'a & b', method: 'GET', url: 'http://h/', verdict: 'pass', status: 200, latencyMs: 5, attempts: 1, durationMs: 5 },
      { name: 'c', method: 'GET', url: 'http://h/c', verdict: 'fail', status: 500, latencyMs: 5, attempts: 3, reason: 'status 500, expected "2xx" <x>', durationMs: 1500 },
    ]);
    expect(xml).toContain('tests="2" failures="1"');
    expect(xml).toContain('name="a &amp; b"');
    expect(xml).toContain('message="status 500, expected &quot;2xx&quot; &lt;x&gt;"');
    expect(xml).toContain('time="1.505"');
  });
});
