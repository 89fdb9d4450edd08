import { describe, expect, it } from 'vitest';
import { Summary } from '../../src/core/summary.js';

describe('summary: the verdict slot', () => {
  it('renders the verdict under the title even when the facts were written first', () => {
    const s = new Summary()
      .heading('Rollback')
      .facts([['watching', '1.2.0']])
      .text('a sample')
      .verdict('pass', 'healthy');
    expect(s.toString()).toBe('## Rollback\n\n**✅ healthy**\n\n- **watching**: 1.2.0\n\na sample\n');
  });

  it('renders the title first even when it is set after the verdict, and a later title replaces it', () => {
    const s = new Summary().verdict('fail', 'it broke').title('Rollback').text('detail').title('Rollback of production');
    expect(s.toString()).toBe('## Rollback of production\n\n**❌ it broke**\n\ndetail\n');
  });

  it('keeps every verdict in the order given, all before the evidence', () => {
    const s = new Summary()
      .heading('Canary')
      .verdict('fail', 'aborted')
      .facts([['result', 'aborted']])
      .verdict('fail', 'cancelled');
    const text = s.toString();
    expect(text.indexOf('aborted**')).toBeLessThan(text.indexOf('cancelled**'));
    expect(text.indexOf('cancelled**')).toBeLessThan(text.indexOf('**result**'));
    expect(s.verdictText).toBe('cancelled');
  });

  it('keeps a level-3 heading and a later level-2 heading where they were written', () => {
    const s = new Summary().text('first').heading('Second', 2).heading('Third', 3).verdict('info', 'v');
    expect(s.toString()).toBe('**ℹ️ v**\n\nfirst\n\n## Second\n\n### Third\n');
  });

  it('is empty until something is written, a title or a verdict alone included', () => {
    expect(new Summary().isEmpty).toBe(true);
    expect(new Summary().title('t').isEmpty).toBe(false);
    expect(new Summary().verdict('pass', 'v').isEmpty).toBe(false);
  });
});
