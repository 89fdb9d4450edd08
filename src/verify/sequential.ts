/**
 * Anytime-valid tests by betting (Waudby-Smith & Ramdas, "Estimating means of bounded random
 * variables by betting", JRSS-B 2024; Shafer & Vovk's testing by betting).
 *
 * The null hypothesis: a stream of bounded increments D_1, D_2, ... in [-lower, upper] whose
 * conditional mean, given everything before, is at most 0. A bettor starts with wealth 1 and
 * stakes a fraction lambda_i (chosen from the past only) on each increment: W_n = prod (1 + lambda_i D_i).
 * Under the null W is a non-negative supermartingale, so by Ville's inequality
 *   P(W_n >= 1/alpha for some n, ever) <= alpha.
 * The test can be looked at after every observation, forever, and its false-alarm probability
 * stays below alpha: this is what makes evidence accumulate without inflating false aborts.
 *
 * The stake is the plug-in Kelly bet (aGRAPA): lambda = mean / mean of squares of the past
 * increments, with a weak prior at 0, clipped to [0, cap / lower]. Only positive stakes: the
 * test is one-sided (it looks for evidence that the mean is above 0).
 */

export interface BettingOptions {
  /** The most negative value an increment can take, as a positive number (D >= -lower). */
  lower: number;
  /** Stakes never exceed cap / lower (default 0.5: at worst half the wealth on one increment). */
  cap?: number;
  /** Weight of the prior, in observations (default 10). */
  priorWeight?: number;
  /** The prior's mean square of an increment (default (lower / 4)^2). */
  priorSquare?: number;
}

export class BettingTest {
  private readonly maxStake: number;
  private readonly prior: number;
  private readonly priorSquare: number;
  private n = 0;
  private sum = 0;
  private sumSquares = 0;
  /** Natural log of the current wealth (the e-value). */
  logWealth = 0;
  /** The largest log wealth reached so far. */
  maxLogWealth = 0;

  constructor(options: BettingOptions) {
    if (!(options.lower > 0) || !Number.isFinite(options.lower))
      throw new RangeError(`lower must be a positive number, got ${options.lower}`);
    const cap = options.cap ?? 0.5;
    if (!(cap > 0 && cap < 1)) throw new RangeError(`cap must be within (0, 1), got ${cap}`);
    this.maxStake = cap / options.lower;
    this.prior = options.priorWeight ?? 10;
    // The prior's mean square keeps early stakes small until the increments' scale is known.
    this.priorSquare = options.priorSquare ?? (options.lower / 4) ** 2;
  }

  /** The stake the next increment will be bet with (from the past only). */
  stake(): number {
    if (this.n + this.prior === 0) return 0;
    const m = this.sum / (this.n + this.prior);
    if (m <= 0) return 0;
    const s = (this.sumSquares + this.prior * this.priorSquare) / (this.n + this.prior);
    return Math.min(this.maxStake, m / s);
  }

  observe(d: number): void {
    const lambda = this.stake();
    if (lambda > 0) {
      this.logWealth += Math.log1p(lambda * d);
      if (this.logWealth > this.maxLogWealth) this.maxLogWealth = this.logWealth;
    }
    this.n += 1;
    this.sum += d;
    this.sumSquares += d * d;
  }

  get observations(): number {
    return this.n;
  }

  /** True once the wealth has reached 1/alpha at some look: the null is rejected at level alpha. */
  rejected(alpha: number): boolean {
    return this.maxLogWealth >= Math.log(1 / alpha);
  }
}
