/**
 * A rolling one-second window: at most `perSecond` accepted calls in any 1000 ms. Rejected calls
 * do not count. Runs on the fake clock, so `advance(1000)` empties it.
 */
export class RollingLimiter {
  private stamps: number[] = [];
  constructor(private readonly perSecond: number) {}

  /** Takes one slot at `now`; false when the window is full. */
  take(now: number): boolean {
    if (!Number.isFinite(this.perSecond)) return true;
    this.stamps = this.stamps.filter((t) => t > now - 1000);
    if (this.stamps.length >= this.perSecond) return false;
    this.stamps.push(now);
    return true;
  }

  reset(): void {
    this.stamps = [];
  }
}
