import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallPhase } from './call-state-machine';
import { ANSWER_VIEW_HOLD_MS, callViewPhase } from './call-view-phase';

const phase = signal<CallPhase>('idle');
const connected = signal(false);

@Component({ template: '' })
class Host {
  readonly view = callViewPhase(phase, connected);
}

function host() {
  const fixture = TestBed.createComponent(Host);
  const step = (next: CallPhase, mediaUp = connected()) => {
    phase.set(next);
    connected.set(mediaUp);
    TestBed.tick();
    return fixture.componentInstance.view();
  };
  return { view: fixture.componentInstance.view, step };
}

describe('callViewPhase', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    phase.set('idle');
    connected.set(false);
  });
  afterEach(() => jest.useRealTimers());

  it('keeps the accepting card up after the answer until the media connection is up', () => {
    const { step } = host();
    expect(step('incoming')).toBe('incoming');
    expect(step('accepting')).toBe('accepting');
    expect(step('connecting')).toBe('accepting');
    jest.advanceTimersByTime(ANSWER_VIEW_HOLD_MS / 2);
    expect(step('connecting', true)).toBe('connecting');
  });

  it('shows the in-call view after the longest hold even when the connection is not up', () => {
    const { view, step } = host();
    step('outgoing');
    expect(step('connecting')).toBe('outgoing');
    jest.advanceTimersByTime(ANSWER_VIEW_HOLD_MS - 10);
    // A change meanwhile does not start the hold over.
    expect(step('connecting')).toBe('outgoing');
    jest.advanceTimersByTime(10);
    TestBed.tick();
    expect(view()).toBe('connecting');
  });

  it('shows every other change at once: an ending, a reconnect, a rejoined call', () => {
    const { step } = host();
    step('outgoing');
    expect(step('ended')).toBe('ended');
    expect(step('idle')).toBe('idle');
    expect(step('rejoin')).toBe('rejoin');
    expect(step('connecting')).toBe('connecting');
    expect(step('in-call', true)).toBe('in-call');
    expect(step('reconnecting', false)).toBe('reconnecting');
    expect(step('connecting')).toBe('connecting');
  });

  it('ends the hold at once when the call ends during it', () => {
    const { step } = host();
    step('outgoing');
    expect(step('connecting')).toBe('outgoing');
    expect(step('ended')).toBe('ended');
    jest.advanceTimersByTime(ANSWER_VIEW_HOLD_MS);
    TestBed.tick();
    expect(step('ended')).toBe('ended');
  });
});
