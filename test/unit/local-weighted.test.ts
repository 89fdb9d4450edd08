import { describe, expect, it } from 'vitest';
import { canaryWeights, createWeightedPicker } from '../../src/drivers/local/weighted.js';

function picks(weights: number[], count: number): number[] {
  const picker = createWeightedPicker(weights);
  return Array.from({ length: count }, () => picker.next());
}

const share = (sequence: number[], index: number) => sequence.filter((i) => i === index).length;

describe('smooth weighted round-robin', () => {
  it.each([
    { weight: 0, canary: 0 },
    { weight: 1, canary: 1 },
    { weight: 10, canary: 10 },
    { weight: 25, canary: 25 },
    { weight: 50, canary: 50 },
    { weight: 75, canary: 75 },
    { weight: 100, canary: 100 },
  ])('gives the canary exactly $canary of 100 requests at $weight%', ({ weight, canary }) => {
    const sequence = picks(canaryWeights(weight), 100);
    expect(share(sequence, 1)).toBe(canary);
    expect(share(sequence, 0)).toBe(100 - canary);
  });

  it('spreads the canary evenly instead of in a burst', () => {
    const sequence = picks(canaryWeights(25), 40);
    for (let start = 0; start + 4 <= sequence.length; start += 4) {
      expect(share(sequence.slice(start, start + 4), 1)).toBe(1);
    }
    // A short probe of any 10 consecutive requests at 10% sees the canary once.
    const tenPercent = picks(canaryWeights(10), 100);
    for (let start = 0; start + 10 <= tenPercent.length; start++) {
      expect(share(tenPercent.slice(start, start + 10), 1)).toBe(1);
    }
  });

  it('handles fractional weights over a long run', () => {
    expect(share(picks(canaryWeights(12.5), 800), 1)).toBe(100);
  });

  it('ignores zero, negative and non-finite weights and answers -1 when nothing can be picked', () => {
    expect(new Set(picks([0, 5, -3, Number.NaN], 20))).toEqual(new Set([1]));
    expect(picks([0, 0], 3)).toEqual([-1, -1, -1]);
    expect(picks([], 2)).toEqual([-1, -1]);
  });

  it('clamps the canary weight to 0-100', () => {
    expect(canaryWeights(-5)).toEqual([100, 0]);
    expect(canaryWeights(140)).toEqual([0, 100]);
    expect(canaryWeights(30)).toEqual([70, 30]);
  });
});
