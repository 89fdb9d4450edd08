import { describe, expect, it } from 'vitest';
import { mermaidLine, render, sparkline } from '../../src/cli/terminal.js';

const SUMMARY = [
  '## Canary 1.1.0 in production',
  '',
  '**✅ Promoted 1.1.0 in production: 3 step(s) passed**',
  '',
  '|  |  |',
  '| --- | --- |',
  '| result | promoted |',
  '| evidence | error rate &lt;= 0.05, p95 &lt;= 2000 ms &amp; more |',
  '| a much longer fact name | `x` |',
  '',
  '```mermaid',
  '---',
  'config:',
  '  themeVariables:',
  '    xyChart:',
  '      plotColorPalette: "#e5534b, #768390"',
  '---',
  'xychart-beta',
  '  title "Canary error rate, percent and its limit 5%, promoted at 0:10"',
  '  x-axis "minutes since start" 0.02 --> 0.16',
  '  y-axis "error rate, %" 0 --> 6',
  '  line [0, 1, 4, 2]',
  '  line [5, 5, 5, 5]',
  '```',
  '',
  '<details><summary>What each metric measures &amp; why</summary>',
  '',
  '| metric | threshold |',
  '| --- | --- |',
  '| error-rate | &lt;= 0.05 |',
  '| p95-latency-with-a-long-name | &lt;= 2000 |',
  '',
  '</details>',
  '',
  'after the details',
].join('\n');

describe('a step summary rendered for a terminal', () => {
  it('decodes HTML entities', () => {
    const text = render(SUMMARY, { verbose: true });
    expect(text).toContain('error rate <= 0.05, p95 <= 2000 ms & more');
    expect(text).not.toMatch(/&lt;|&gt;|&amp;|&#/);
    expect(text).not.toContain('**');
  });

  it('aligns table columns, one line a row, without an empty header row', () => {
    const lines = render(SUMMARY).split('\n');
    const rows = lines.filter((l) => l.startsWith('│'));
    const facts = rows.filter((l) => /result|evidence|a much longer fact name/.test(l));
    expect(facts).toHaveLength(3);
    // every row of the table has its column separator at the same place
    const at = facts.map((l) => l.indexOf('│', 1));
    expect(new Set(at).size).toBe(1);
    // no row of blank cells (the Markdown's empty header)
    expect(rows.filter((l) => l.replace(/[│\s]/g, '') === '')).toEqual([]);
    // no rule between rows: the rows are consecutive lines
    const first = lines.indexOf(facts[0]!);
    expect(lines.slice(first, first + 3)).toEqual(facts);
  });

  it('folds <details> to its title, and unfolds it indented when verbose', () => {
    const folded = render(SUMMARY);
    expect(folded).not.toMatch(/<\/?details>|<summary>/);
    expect(folded).toContain('▸ What each metric measures & why (folded; --verbose shows it)');
    expect(folded).not.toContain('p95-latency-with-a-long-name');
    expect(folded).toContain('after the details');
    const open = render(SUMMARY, { verbose: true });
    expect(open).not.toMatch(/<\/?details>|<summary>/);
    const row = open.split('\n').find((l) => l.includes('p95-latency-with-a-long-name'));
    expect(row).toMatch(/^ {2}│ p95-latency-with-a-long-name │ <= 2000 +│$/);
    expect(open).toContain('after the details');
  });

  it('replaces a Mermaid block by one line: the chart title and a sparkline of its first series', () => {
    const text = render(SUMMARY);
    expect(text).not.toContain('```');
    expect(text).not.toMatch(/xychart|plotColorPalette|mermaid/);
    const chart = text.split('\n').filter((l) => l.includes('Canary error rate'));
    expect(chart).toEqual(['📈 Canary error rate, percent and its limit 5%, promoted at 0:10: ▁▃█▅ (4 points, 0 to 4)']);
  });

  it('says what a diagram without a series is', () => {
    expect(mermaidLine('graph LR\n  a --> b')).toBe('📈 graph diagram (drawn on GitHub)');
    expect(sparkline([2, 2, 2])).toBe('▁▁▁');
    expect(sparkline([0, 7])).toBe('▁█');
  });

  it('writes no escape codes unless colours are asked for', () => {
    expect(render(SUMMARY)).not.toMatch(/\u001b\[/);
  });
});
