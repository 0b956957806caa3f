import { CallClock } from '../lifecycle/call-clock';

interface Timer {
  at: number;
  run: () => void;
  every: number | null;
}

/** A clock that moves only when told: `advance(ms)` runs the timers due meanwhile, in order. */
export class FakeClock extends CallClock {
  private time = Date.parse('2026-01-05T10:00:00Z');
  private readonly timers = new Set<Timer>();

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, run, every: null };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(timer: unknown): void {
    this.timers.delete(timer as Timer);
  }

  setInterval(run: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, run, every: ms };
    this.timers.add(timer);
    return timer;
  }

  clearInterval(timer: unknown): void {
    this.timers.delete(timer as Timer);
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, running each due timer and letting the promises it starts settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = next.at;
      if (next.every) next.at += next.every;
      else this.timers.delete(next);
      next.run();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** Lets pending promise chains (several awaits deep) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
