import { TestBed } from '@angular/core/testing';
import { SESSION_STORAGE, SESSION_STORAGE_KEY } from '@callshop/web/core';
import { RtcConnectionState } from '@callshop/web/rtc';
import {
  CALL_PHASE_LOG,
  CALL_PHASE_TRANSITIONS,
  CallStateMachine,
  livePhase,
  peerDropped,
  type StoredCallPhase,
} from './call-state-machine';
import { acceptHere, makeCall, request, setup } from './testing/call-fixtures';

function machine() {
  const log = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
      { provide: CALL_PHASE_LOG, useValue: log },
    ],
  });
  return { machine: TestBed.inject(CallStateMachine), log };
}

describe('CallStateMachine', () => {
  it('changes the phase only along the table, and logs each change', () => {
    const { machine: m, log } = machine();
    m.setPhase('incoming', { call: makeCall() });
    expect(m.phase).toBe('incoming');
    expect(m.call?.id).toBe('call-1');
    expect(() => m.setPhase('idle')).toThrow('Illegal call phase change incoming -> idle');
    expect(m.phase).toBe('incoming');
    m.setPhase('ended');
    expect(log.mock.calls).toEqual([['idle -> incoming'], ['incoming -> ended']]);
  });

  it('has a way back to idle from every phase, and into ended from every call', () => {
    const phases = Object.keys(CALL_PHASE_TRANSITIONS) as StoredCallPhase[];
    for (const phase of phases) {
      const next = CALL_PHASE_TRANSITIONS[phase];
      expect(next.every((p) => phases.includes(p))).toBe(true);
      if (phase !== 'idle' && phase !== 'ended') expect(next).toContain('ended');
    }
    expect(CALL_PHASE_TRANSITIONS.ended).toContain('idle');
  });

  it('patches the data of the call without touching the phase', () => {
    const { machine: m, log } = machine();
    m.patch({ actionError: 'no' });
    expect(m.state()).toMatchObject({ phase: 'idle', actionError: 'no' });
    expect(log).not.toHaveBeenCalled();
  });
});

describe('livePhase', () => {
  const live = {
    media: RtcConnectionState.Connected,
    flowing: true,
    socketUp: true,
    peerAway: false,
    peerInterrupted: false,
    connectedAt: 1,
  };

  it('is in-call once connected, while the other side’s media flows over a connected socket', () => {
    expect(livePhase(live)).toBe('in-call');
  });

  it('is reconnecting while the media, the socket or the other device is away', () => {
    expect(livePhase({ ...live, media: RtcConnectionState.Reconnecting })).toBe('reconnecting');
    expect(livePhase({ ...live, flowing: false })).toBe('reconnecting');
    expect(livePhase({ ...live, socketUp: false })).toBe('reconnecting');
    expect(livePhase({ ...live, peerAway: true })).toBe('reconnecting');
    expect(livePhase({ ...live, media: RtcConnectionState.Connecting })).toBe('reconnecting');
  });

  it('is reconnecting while the other side says its media stopped, though this side still receives', () => {
    expect(livePhase({ ...live, peerInterrupted: true })).toBe('reconnecting');
    expect(peerDropped({ ...live, peerInterrupted: true })).toBe(true);
    expect(peerDropped({ ...live, peerAway: true })).toBe(true);
    // This side's own trouble is not the other side's connection dropping.
    expect(peerDropped({ ...live, flowing: false })).toBe(false);
    expect(peerDropped({ ...live, peerInterrupted: true, socketUp: false })).toBe(false);
  });

  it('is connecting until the server says the call connected: answered is not connected', () => {
    expect(livePhase({ ...live, connectedAt: null })).toBe('connecting');
    expect(livePhase({ ...live, media: RtcConnectionState.Reconnecting, connectedAt: null })).toBe(
      'connecting',
    );
    expect(livePhase({ ...live, peerAway: true, connectedAt: null })).toBe('reconnecting');
  });
});

describe('CallManager phase log', () => {
  it('logs a call from placing to hanging up as phase changes', async () => {
    const { manager, socket, phaseLog } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    socket.acks['call:hangup'] = { ok: true, call: makeCall({ status: 'ended', endReason: 'hangup' }) };
    await manager.hangup();
    manager.dismiss();
    expect(phaseLog.mock.calls.map(([change]) => change)).toEqual([
      'idle -> preparing',
      'preparing -> outgoing',
      'outgoing -> live',
      'live -> ended',
      'ended -> idle',
    ]);
  });
});
