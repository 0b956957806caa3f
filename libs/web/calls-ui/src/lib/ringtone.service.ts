import { Injectable, InjectionToken, OnDestroy, inject, signal } from '@angular/core';

/** Creates the AudioContext for the ringtone; a token so tests can fake it (jsdom has none). */
export const AUDIO_CONTEXT_FACTORY = new InjectionToken<() => AudioContext | null>('AUDIO_CONTEXT_FACTORY', {
  providedIn: 'root',
  factory: () => () => {
    const Ctor = typeof window !== 'undefined' ? window.AudioContext : undefined;
    return Ctor ? new Ctor() : null;
  },
});

/** One ring: two short tones, as a phone does, repeated every few seconds. */
const RING_PERIOD_MS = 3000;

/**
 * A ringtone synthesised with WebAudio (no audio file to download). Browsers keep an
 * AudioContext suspended until the page has had a user gesture; then `blocked` is true and the
 * UI offers "Click to enable sound", which calls {@link unlock}.
 */
@Injectable({ providedIn: 'root' })
export class Ringtone implements OnDestroy {
  private readonly createContext = inject(AUDIO_CONTEXT_FACTORY);
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly blockedSignal = signal(false);
  /** Sound is wanted but the browser has not allowed it yet. */
  readonly blocked = this.blockedSignal.asReadonly();
  private readonly ringingSignal = signal(false);
  readonly ringing = this.ringingSignal.asReadonly();

  start(): void {
    if (this.ringingSignal()) return;
    this.ringingSignal.set(true);
    const ctx = this.context();
    if (!ctx) return;
    if (ctx.state !== 'running') {
      this.blockedSignal.set(true);
      // Works if the page already had a gesture; otherwise stays suspended until unlock().
      void ctx.resume().then(
        () => this.blockedSignal.set(ctx.state !== 'running'),
        () => undefined,
      );
    }
    this.ring();
    this.timer = setInterval(() => this.ring(), RING_PERIOD_MS);
  }

  /** Called from a click: lets the ringtone (and later call audio) play. */
  async unlock(): Promise<void> {
    const ctx = this.context();
    if (!ctx) return;
    try {
      await ctx.resume();
    } finally {
      this.blockedSignal.set(ctx.state !== 'running');
    }
  }

  stop(): void {
    this.ringingSignal.set(false);
    this.blockedSignal.set(false);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  ngOnDestroy(): void {
    this.stop();
    void this.ctx?.close();
    this.ctx = null;
  }

  private context(): AudioContext | null {
    if (!this.ctx) this.ctx = this.createContext();
    return this.ctx;
  }

  private ring(): void {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime;
    for (const offset of [0, 0.5]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = offset === 0 ? 480 : 440;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.45);
    }
  }
}
