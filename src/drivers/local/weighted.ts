/**
 * Smooth weighted round-robin (the algorithm nginx uses): each pick adds every backend's weight
 * to its running score, takes the highest, and subtracts the total from the winner. With weights
 * 75/25 the canary gets exactly every fourth request, so even a short probe sees the right share.
 */
export interface WeightedPicker {
  /** Index of the backend that takes the next request; -1 when every weight is 0. */
  next(): number;
}

export function createWeightedPicker(weights: readonly number[]): WeightedPicker {
  const valid = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = valid.reduce((sum, w) => sum + w, 0);
  const scores = valid.map(() => 0);
  return {
    next() {
      if (total === 0) return -1;
      let best = -1;
      for (let i = 0; i < valid.length; i++) {
        if (valid[i] === 0) continue;
        scores[i]! += valid[i]!;
        if (best === -1 || scores[i]! > scores[best]!) best = i;
      }
      scores[best]! -= total;
      return best;
    },
  };
}

/** The canary's share as backend weights: [stable, canary]. */
export function canaryWeights(weight: number): [number, number] {
  const w = Math.min(100, Math.max(0, weight));
  return [100 - w, w];
}
