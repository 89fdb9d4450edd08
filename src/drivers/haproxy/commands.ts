/** The names that identify the canary pair inside HAProxy. */
export interface HaproxyTarget {
  backend: string;
  stableServer: string;
  canaryServer: string;
}

export interface WeightChange {
  server: string;
  weight: number;
}

/**
 * The two weight changes that move the canary from `fromCanary` to `toCanary` percent, in a safe
 * order: the server gaining traffic first, the one losing it last, so the backend never has a
 * total weight of 0 (which would answer 503 to every request in between).
 */
export function weightChanges(target: HaproxyTarget, fromCanary: number, toCanary: number): WeightChange[] {
  const canary = { server: target.canaryServer, weight: toCanary };
  const stable = { server: target.stableServer, weight: 100 - toCanary };
  return toCanary >= fromCanary ? [canary, stable] : [stable, canary];
}

export function weightCommand(target: HaproxyTarget, change: WeightChange): string {
  return `set weight ${target.backend}/${change.server} ${change.weight}`;
}

/** The runtime API commands of each canary step, as the plan and the dry-run print them. */
export function planWeightCommands(target: HaproxyTarget, weights: number[], socket: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (const weight of weights) {
    const commands = weightChanges(target, from, weight).map((change) => weightCommand(target, change));
    lines.push(`canary ${weight}% via ${socket}: ${commands.join('; ')}`);
    from = weight;
  }
  return lines;
}
