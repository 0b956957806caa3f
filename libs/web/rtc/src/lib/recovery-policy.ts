import { InjectionToken } from '@angular/core';

/**
 * What to try next to get media back: restart ICE on the same connection (cheap, fixes a
 * changed network), or replace the connection with a new one in the same role (fixes a
 * connection whose other end is gone or whose DTLS broke; the other device is told to do the
 * same).
 */
export type RecoveryAction = 'ice-restart' | 'new-connection';

/** What a recovery policy is told about the attempt it is asked for. */
export interface RecoveryContext {
  /** Attempts made so far in this outage (0 for the first). */
  attempt: number;
  /** Milliseconds since the media connection went down. */
  elapsedMs: number;
  /** This side is the polite peer (the callee). */
  polite: boolean;
}

export interface RecoveryStep {
  action: RecoveryAction;
  /** Wait this long before trying. */
  delayMs: number;
  /** Then give it this long to connect before asking for the next step. */
  settleMs: number;
}

/**
 * Decides the next recovery step. It never gives up: a call whose media does not come back
 * is ended by the server (`connection_lost` after its grace, `media_failed` if it never
 * connected), not by a client that stopped trying.
 */
export interface RecoveryPolicy {
  next(context: RecoveryContext): RecoveryStep;
}

/**
 * Escalates as calling products in the field do: ICE restarts first (at once, then after a
 * second), then new connections, every 8 s. The callee waits 4 s longer before each new
 * connection, so the caller normally replaces first and the callee follows on being told
 * (both replacing at once would cross their offers).
 */
export class DefaultRecoveryPolicy implements RecoveryPolicy {
  constructor(
    private readonly iceRestartDelays: readonly number[] = [0, 1000],
    private readonly iceRestartSettleMs = 4000,
    private readonly newConnectionEveryMs = 8000,
    private readonly newConnectionSettleMs = 6000,
    private readonly politeExtraMs = 4000,
  ) {}

  next({ attempt, polite }: RecoveryContext): RecoveryStep {
    if (attempt < this.iceRestartDelays.length) {
      return {
        action: 'ice-restart',
        delayMs: this.iceRestartDelays[attempt],
        settleMs: this.iceRestartSettleMs,
      };
    }
    const first = attempt === this.iceRestartDelays.length;
    return {
      action: 'new-connection',
      delayMs:
        (first ? 0 : this.newConnectionEveryMs - this.newConnectionSettleMs) +
        (polite ? this.politeExtraMs : 0),
      settleMs: this.newConnectionSettleMs,
    };
  }
}

export const RECOVERY_POLICY = new InjectionToken<RecoveryPolicy>('RECOVERY_POLICY', {
  providedIn: 'root',
  factory: () => new DefaultRecoveryPolicy(),
});

/** How long a `disconnected` connection may stay so before recovery starts (it often recovers alone). */
export const ICE_DISCONNECTED_GRACE_MS = new InjectionToken<number>('ICE_DISCONNECTED_GRACE_MS', {
  providedIn: 'root',
  factory: () => 2500,
});

/** How long an answered call's (new) connection may take to connect before recovery starts. */
export const CONNECT_TIMEOUT_MS = new InjectionToken<number>('CONNECT_TIMEOUT_MS', {
  providedIn: 'root',
  factory: () => 10_000,
});
