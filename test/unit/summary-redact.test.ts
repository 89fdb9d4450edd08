import { describe, expect, it } from 'vitest';
import { escapeText, raw, Summary } from '../../src/core/summary.js';
import * as f from '../../src/core/fields.js';
import { redactUrls, redactValue, splitUrlCredentials, stripUrlCredentials } from '../../src/core/redact.js';
import { junitReport } from '../../src/smoke/report.js';

describe('summary', () => {
  it('escapes outside text so it cannot inject markup', () => {
    expect(escapeText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeText('a|b')).toBe('a&#124;b');
    expect(escapeText('[x](http://evil)')).toBe('\\[x\\](http://evil)');
    expect(escapeText('line\nbreak')).toBe('line break');
  });
  it('builds verdict, tables and details', () => {
    const s = new Summary()
      .heading('Deploy')
      .verdict('pass', 'done')
      .table(['a', 'b'], [['<x>', raw('**y**')]])
      .details('more', 'z|z');
    expect(s.toString()).toBe(
      '## Deploy\n\n**✅ done**\n\n| a | b |\n| --- | --- |\n| &lt;x&gt; | **y** |\n\n<details><summary>more</summary>\n\nz&#124;z\n\n</details>\n',
    );
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
      {
        name: 'c',
        method: 'GET',
        url: 'http://h/c',
        verdict: 'fail',
        status: 500,
        latencyMs: 5,
        attempts: 3,
        reason: 'status 500, expected "2xx" <x>',
        durationMs: 1500,
      },
    ]);
    expect(xml).toContain('tests="2" failures="1"');
    expect(xml).toContain('name="a &amp; b"');
    expect(xml).toContain('message="status 500, expected &quot;2xx&quot; &lt;x&gt;"');
    expect(xml).toContain('time="1.505"');
  });
});

describe('credentials in a quoted or printed URL', () => {
  const password = 'hunter2-Pl4nted-pa55';
  it('hides a password holding a raw @ whole', () => {
    expect(redactUrls(`see https://bob:${password}@x@example.com/a`)).toBe('see https://***@example.com/a');
  });
  it('redacts a value before cutting it, so a long user name cannot push the @ past the cut', () => {
    const value = `https://${'u'.repeat(60)}:${password}@shop example.com/`;
    const message = f.quote(value);
    expect(message).not.toContain(password.slice(0, 6));
    expect(message).toBe('"https://***@shop example.com/"');
  });
  it('hides the user info of an invalid URL whose password holds a space or a quote', () => {
    expect(redactValue(`https://bob:pa ss"${password}@host/x`)).toBe('https://***@host/x');
  });
  it('quotes a URL without credentials as written, cut at 80 characters', () => {
    expect(f.quote(`https://example.com/${'a'.repeat(100)}`)).toBe(JSON.stringify(`https://example.com/${'a'.repeat(57)}...`));
  });
  it('strips credentials from a URL and keeps the rest exactly as written', () => {
    expect(stripUrlCredentials(`https://bob:${password}@staging.shop.example`)).toBe('https://staging.shop.example');
    expect(stripUrlCredentials('https://token@h:8443/p?q=a@b')).toBe('https://h:8443/p?q=a@b');
    expect(stripUrlCredentials('https://staging.shop.example/a@b')).toBe('https://staging.shop.example/a@b');
  });
  it('hides credentials anywhere in a summary', () => {
    const summary = new Summary().facts([['environment URL', `https://bob:${password}@h/`]]).code(`curl https://bob:${password}@h/x`);
    expect(summary.toString()).not.toContain(password);
    expect(summary.toString()).toContain('https://\\*\\*\\*@h/');
  });
});
