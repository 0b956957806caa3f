/** Timers the call deadlines use; tests give a fake that moves time by hand. */
export abstract class CallClock {
  abstract now(): number;
  /** Runs `run` once after `ms`; the timer never keeps the process alive. */
  abstract setTimeout(run: () => void, ms: number): unknown;
  abstract clearTimeout(timer: unknown): void;
  abstract setInterval(run: () => void, ms: number): unknown;
  abstract clearInterval(timer: unknown): void;
}

/** The real clock. */
export class SystemClock extends CallClock {
  now(): number {
    return Date.now();
  }
  setTimeout(run: () => void, ms: number): unknown {
    return setTimeout(run, ms).unref();
  }
  clearTimeout(timer: unknown): void {
    clearTimeout(timer as NodeJS.Timeout);
  }
  setInterval(run: () => void, ms: number): unknown {
    return setInterval(run, ms).unref();
  }
  clearInterval(timer: unknown): void {
    clearInterval(timer as NodeJS.Timeout);
  }
}
