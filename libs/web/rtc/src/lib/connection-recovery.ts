import type { RecoveryPolicy } from './recovery-policy';
import type { RtcTimers } from './rtc-tokens';

/** What recovery does to the connection; the RTC service carries it out. */
export interface RecoveryActions {
  restartIce(): void;
  /** Replace the connection with a new one in the same role (the other device is told). */
  newConnection(): void;
  /** The connection is up right now. */
  isConnected(): boolean;
  /** An outage began (true) or ended (false). */
  outage(active: boolean): void;
}

export interface RecoveryOptions {
  timers: RtcTimers;
  policy: RecoveryPolicy;
  polite: boolean;
  /** How long `disconnected` may last before the first step. */
  disconnectedGraceMs: number;
  /** How long a connection may take to connect once expected (see {@link ConnectionRecovery.expect}). */
  connectTimeoutMs: number;
}

/**
 * Gets a call's media connection back when it drops: waits out a short `disconnected`, then
 * takes the steps its {@link RecoveryPolicy} gives (ICE restarts, then new connections), one
 * at a time, each given time to work, until the connection is up again. It never gives up
 * and never ends the call; the server does that. Timers come from {@link RtcTimers}, so tests
 * drive it with a fake clock.
 */
export class ConnectionRecovery {
  private outageStartedAt: number | null = null;
  private attempt = 0;
  private suspended = false;
  private readonly pending = new Set<unknown>();

  constructor(
    private readonly options: RecoveryOptions,
    private readonly actions: RecoveryActions,
  ) {}

  /** An outage is under way (from the first sign until the connection is up again). */
  get recovering(): boolean {
    return this.outageStartedAt !== null;
  }

  /** The connection's state changed. */
  onState(state: RTCPeerConnectionState): void {
    switch (state) {
      case 'connected':
        this.end();
        break;
      case 'disconnected':
        if (this.recovering) return; // a step is already under way
        this.begin();
        this.schedule(() => this.step(), this.options.disconnectedGraceMs);
        break;
      case 'failed':
        if (this.recovering && this.pending.size) return; // the running step will judge it
        if (!this.recovering) this.begin();
        this.step();
        break;
      default:
        break;
    }
  }

  /**
   * Media is expected now (the call was answered, or the connection was just replaced): if
   * it is not up within the connect timeout, recovery starts as if it had failed.
   */
  expect(): void {
    if (this.recovering) return;
    this.clear();
    this.schedule(() => {
      if (!this.actions.isConnected()) this.onState('failed');
    }, this.options.connectTimeoutMs);
  }

  /** The other device is away: nothing this side tries can work until it is back. */
  suspend(): void {
    this.suspended = true;
    this.clear();
  }

  /**
   * The other device is back: a fresh outage (the time it was away does not count), with a
   * first step after `settleMs` if the connection is not up by then.
   */
  restart(settleMs: number): void {
    this.suspended = false;
    this.clear();
    if (this.actions.isConnected()) {
      this.end();
      return;
    }
    if (this.recovering) {
      this.outageStartedAt = this.options.timers.now();
      this.attempt = 0;
    } else this.begin();
    this.schedule(() => this.judge(), settleMs);
  }

  /** Stops everything (the call ended or the connection was replaced from outside). */
  stop(): void {
    this.clear();
    this.suspended = false;
    this.outageStartedAt = null;
    this.attempt = 0;
  }

  private begin(): void {
    if (this.outageStartedAt !== null) return;
    this.outageStartedAt = this.options.timers.now();
    this.attempt = 0;
    this.actions.outage(true);
  }

  private end(): void {
    const was = this.recovering;
    this.clear();
    this.outageStartedAt = null;
    this.attempt = 0;
    if (was) this.actions.outage(false);
  }

  private step(): void {
    if (this.suspended || !this.recovering) return;
    this.clear();
    const { timers, policy, polite } = this.options;
    const next = policy.next({
      attempt: this.attempt,
      elapsedMs: timers.now() - (this.outageStartedAt ?? timers.now()),
      polite,
    });
    this.attempt++;
    this.schedule(() => {
      if (this.actions.isConnected()) {
        this.end();
        return;
      }
      if (next.action === 'ice-restart') this.actions.restartIce();
      else this.actions.newConnection();
      this.schedule(() => this.judge(), next.settleMs);
    }, next.delayMs);
  }

  /** A step had its time: done if the connection is up, else the next one. */
  private judge(): void {
    if (this.actions.isConnected()) this.end();
    else this.step();
  }

  private schedule(fn: () => void, ms: number): void {
    const handle = this.options.timers.setTimeout(() => {
      this.pending.delete(handle);
      fn();
    }, ms);
    this.pending.add(handle);
  }

  private clear(): void {
    for (const handle of this.pending) this.options.timers.clearTimeout(handle);
    this.pending.clear();
  }
}
