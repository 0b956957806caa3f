import { DestroyRef, effect, inject, signal, untracked, type Signal } from '@angular/core';
import type { CallPhase } from './call-state-machine';

/** Phases whose card (ringing, calling, accepting) is shown before the call is answered. */
const CARD_PHASES: readonly CallPhase[] = ['incoming', 'accepting', 'preparing', 'outgoing'];

/** How long the card stays up at most after the answer, while the connection is negotiated. */
export const ANSWER_VIEW_HOLD_MS = 250;

/**
 * The phase whose view the call host shows: the call's phase, except in the first moments after
 * the answer. Then both pages negotiate the connection (camera, offer, answer, candidates), and
 * rendering the in-call view at that very moment (video elements, controls, the page behind made
 * inert, focus moved) kept each page's main thread busy for 50-150 ms on a small machine, which
 * delayed every negotiation step behind it. So the card shown before the answer ("Connecting…",
 * "Calling …") stays up until the media connection is up or {@link ANSWER_VIEW_HOLD_MS} has
 * passed, whichever comes first; the call itself is not held back by it in any way.
 */
export function callViewPhase(phase: Signal<CallPhase>, mediaConnected: Signal<boolean>): Signal<CallPhase> {
  const shown = signal<CallPhase>(untracked(phase));
  let holdUntil: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  effect(() => {
    const next = phase();
    const connected = mediaConnected();
    untracked(() => {
      const current = shown();
      const answered = next === 'connecting' && (CARD_PHASES.includes(current) || holdUntil !== null);
      if (answered && !connected) {
        holdUntil ??= Date.now() + ANSWER_VIEW_HOLD_MS;
        clear();
        timer = setTimeout(
          () => {
            holdUntil = null;
            timer = null;
            shown.set(phase());
          },
          Math.max(0, holdUntil - Date.now()),
        );
        return;
      }
      holdUntil = null;
      clear();
      shown.set(next);
    });
  });
  inject(DestroyRef).onDestroy(clear);
  return shown.asReadonly();
}
