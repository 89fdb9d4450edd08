// GitHub's primary rate-limit window and the x-ratelimit-* headers that report it.
// Uses epoch seconds from the given clock (the real one by default, as Octokit compares with Date.now()).

export const RATE_LIMIT = 5000;
const WINDOW_SECONDS = 3600;

export class RateWindow {
  private remaining = RATE_LIMIT;
  private reset: number;

  constructor(private readonly nowMs: () => number = Date.now) {
    this.reset = this.nowSeconds() + WINDOW_SECONDS;
  }

  private nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Opens a fresh window once the reset time has passed. */
  roll(): void {
    if (this.reset <= this.nowSeconds()) {
      this.remaining = RATE_LIMIT;
      this.reset = this.nowSeconds() + WINDOW_SECONDS;
    }
  }

  spend(): void {
    if (this.remaining > 0) this.remaining -= 1;
  }

  exhaust(resetAfterSeconds: number): void {
    this.remaining = 0;
    this.reset = this.nowSeconds() + resetAfterSeconds;
  }

  headers(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-used': String(RATE_LIMIT - this.remaining),
      'x-ratelimit-reset': String(this.reset),
      'x-ratelimit-resource': 'core',
    };
  }
}
