import type { CallType } from '@callshop/contracts';
import { type CallStatsConfig, type CallStatsHooks, CallStatsMonitor } from './call-stats-monitor';
import { NegotiatingPeer, type NegotiatingPeerHooks } from './negotiating-peer';
import type { RtcTimers } from './rtc-tokens';

/** What one connection needs from the RTC service. */
export interface CallConnectionSetup {
  polite: boolean;
  type: CallType;
  /** The camera and microphone to send, when they are open. */
  local(): MediaStream | null;
  timers: RtcTimers;
  stats: CallStatsConfig;
  hooks: Omit<NegotiatingPeerHooks, 'beforeAnswer'> & CallStatsHooks;
}

/**
 * One peer connection of a call and what watches it: perfect negotiation
 * ({@link NegotiatingPeer}), the local tracks it sends, and its statistics
 * ({@link CallStatsMonitor}). A call has one at a time; recovery may replace it.
 */
export class CallConnection {
  readonly peer: NegotiatingPeer;
  private readonly monitor: CallStatsMonitor;
  private tracksAttached = false;

  constructor(
    readonly pc: RTCPeerConnection,
    private readonly setup: CallConnectionSetup,
  ) {
    const { hooks } = setup;
    this.peer = new NegotiatingPeer(pc, setup.polite, {
      ...hooks,
      beforeAnswer: () => this.attachLocalTracks(),
    });
    this.monitor = new CallStatsMonitor(pc, setup.timers, setup.stats, hooks);
    this.monitor.start();
    // The impolite caller offers first; the polite callee adds its tracks when answering, so
    // they ride on the caller's transceivers instead of forcing a second negotiation.
    if (!setup.polite) this.attachLocalTracks();
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** Applies the video step and pause again at once (audio only switched on or off). */
  refreshSenders(): Promise<void> {
    return this.monitor.refreshSenders();
  }

  /** Stops the statistics, removes every listener and closes the connection. */
  close(): void {
    this.monitor.stop();
    this.peer.close();
  }

  private attachLocalTracks(): void {
    if (this.tracksAttached) return;
    this.tracksAttached = true;
    const stream = this.setup.local();
    const wanted: ('audio' | 'video')[] = this.setup.type === 'audio' ? ['audio'] : ['audio', 'video'];
    for (const kind of wanted) {
      const track = stream?.getTracks().find((t) => t.kind === kind);
      if (track && stream) this.pc.addTrack(track, stream);
      // Without a camera we still want to see the other side.
      else if (!this.setup.polite) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
  }
}
