/** Concurrency limits for the fetcher: one global, and per host with a pause between request starts. */

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.active--;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Politeness towards one host: at most `limit` requests at once and at least `delayMs` between the
 * starts of two requests; `pauseUntil` holds everything back after a 429.
 */
export class HostGate {
  private active = 0;
  private lastStart = -Infinity;
  private resumeAt = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    public delayMs: number,
  ) {}

  async enter(): Promise<void> {
    for (;;) {
      if (this.active >= this.limit) {
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      const wait = Math.max(this.lastStart + this.delayMs, this.resumeAt) - Date.now();
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      this.active++;
      this.lastStart = Date.now();
      return;
    }
  }

  leave(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  pauseUntil(at: number): void {
    this.resumeAt = Math.max(this.resumeAt, at);
  }
}
