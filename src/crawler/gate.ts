/** Concurrency limits for the fetcher: one global, and per server with a pause between request starts. */

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

/**
 * Politeness towards one server: at most `limit` requests at once and at least `delayMs` between the
 * starts of two requests; `pauseUntil` holds everything back after a 429.
 *
 * Waiters queue in order and one timer per gate wakes the head, so thousands of servers with dozens
 * of waiting requests each cost one timer per server, not one per request. A request admitted by
 * `enter` may still wait for a global connection slot; the next one is admitted only after it calls
 * `started` (the delay runs from the real start, so waiting for a slot never squeezes two requests
 * to one server closer together than `delayMs`).
 */
export class HostGate {
  private active = 0;
  /** An admitted request has not started yet: nothing else is admitted until it has. */
  private starting = false;
  private lastStart = -Infinity;
  private resumeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    public delayMs: number,
  ) {}

  /** Requests waiting to be admitted (for the scheduler's view of a server). */
  get queued(): number {
    return this.waiting.length;
  }

  enter(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  /** The admitted request is starting now: the delay to the next one counts from here. */
  started(): void {
    this.lastStart = Date.now();
    this.starting = false;
    this.pump();
  }

  leave(): void {
    this.active--;
    this.pump();
  }

  /** Nothing admitted or waiting, and the delay since the last start has run out. */
  idle(now: number): boolean {
    return this.active === 0 && this.waiting.length === 0 && now >= Math.max(this.lastStart + this.delayMs, this.resumeAt);
  }

  pauseUntil(at: number): void {
    this.resumeAt = Math.max(this.resumeAt, at);
  }

  private pump(): void {
    if (this.waiting.length === 0 || this.starting || this.active >= this.limit) return;
    const at = Math.max(this.lastStart + this.delayMs, this.resumeAt);
    const wait = at - Date.now();
    if (wait > 0) {
      if (this.timer !== null && this.timerAt <= at) return;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timerAt = at;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.active++;
    this.starting = true;
    this.waiting.shift()!();
  }
}
