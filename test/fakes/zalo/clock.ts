/** The fake's clock: a base clock (Date.now by default) plus an offset moved by `advance`. */
export class Clock {
  private offset = 0;
  constructor(private readonly base: () => number = Date.now) {}
  now(): number {
    return this.base() + this.offset;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`fake Zalo: advance(${ms}): ms must be a finite number ≥ 0`);
    this.offset += ms;
  }
}
