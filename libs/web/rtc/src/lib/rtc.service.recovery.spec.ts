import type { SignalPayload } from '@callshop/contracts';
import { RtcConnectionState } from './rtc-state';
import { FakeStream, FakeTrack, settle } from './testing/fakes';
import { restarts, setupRtc as setup } from './testing/rtc-test-bed';

describe('RtcService recovery', () => {
  describe('reconnecting', () => {
    it('restarts ICE when the connection fails and reports connected again', async () => {
      const { rtc, pcs, timers } = setup();
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      const pc = pcs[0];
      pc.setConnectionState('connected');
      expect(rtc.state()).toBe(RtcConnectionState.Connected);

      pc.setConnectionState('failed');
      expect(rtc.state()).toBe(RtcConnectionState.Reconnecting);
      timers.advance(0);
      expect(restarts(pc)).toBe(1);

      pc.setConnectionState('connected');
      expect(rtc.state()).toBe(RtcConnectionState.Connected);
      timers.advance(60_000);
      expect(restarts(pc)).toBe(1);
    });

    it('waits a moment on "disconnected" before restarting ICE', async () => {
      const { rtc, pcs, timers } = setup();
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      const pc = pcs[0];
      pc.setConnectionState('disconnected');
      expect(rtc.state()).toBe(RtcConnectionState.Reconnecting);
      timers.advance(1000);
      expect(pc.log).not.toContain('restartIce');
      timers.advance(2000);
      expect(pc.log).toContain('restartIce');
    });

    it('never gives up: after ICE restarts it asks the other device for a new connection and replaces its own', async () => {
      const { rtc, pcs, timers, audio, video } = setup();
      const renew = jest.fn(async () => true);
      await rtc.prepareMedia('video');
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined, renew });
      const pc = pcs[0];
      pc.setConnectionState('connected');
      pc.setConnectionState('failed');
      timers.advance(8999);
      expect(restarts(pc)).toBe(2);
      expect(renew).not.toHaveBeenCalled();
      timers.advance(1);
      expect(renew).toHaveBeenCalledTimes(1);
      await settle();
      expect(pc.closed).toBe(true);
      expect(pcs).toHaveLength(2);
      expect(pcs[1].senders.map((s) => s.track)).toEqual([audio, video]);
      expect(rtc.state()).toBe(RtcConnectionState.Reconnecting);

      // The new one does not connect either: another, 8 s later, and so on.
      timers.advance(8000);
      await settle();
      expect(pcs).toHaveLength(3);
      timers.advance(120_000);
      await settle();
      expect(rtc.state()).toBe(RtcConnectionState.Reconnecting);
      pcs.at(-1)?.setConnectionState('connected');
      expect(rtc.state()).toBe(RtcConnectionState.Connected);
    });

    it('keeps its connection when the other device could not be told', async () => {
      const { rtc, pcs, timers } = setup();
      const renew = jest.fn(async () => false);
      await rtc.start({ callId: 'c1', type: 'video', polite: true, send: () => undefined, renew });
      pcs[0].setConnectionState('failed');
      timers.advance(30_000);
      await settle();
      expect(renew).toHaveBeenCalled();
      expect(pcs).toHaveLength(1);
      expect(pcs[0].closed).toBe(false);
    });

    it('starts recovering when an answered call does not connect in time', async () => {
      const { rtc, pcs, timers } = setup();
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      rtc.expectConnection();
      timers.advance(10_000);
      expect(rtc.state()).toBe(RtcConnectionState.Reconnecting);
      expect(restarts(pcs[0])).toBe(1);
    });
  });

  describe('the other device goes away and returns', () => {
    it('holds recovery while it is away, then renegotiates with an ICE restart and a fresh start', async () => {
      const { rtc, pcs, timers } = setup();
      const sent: SignalPayload[] = [];
      await rtc.prepareMedia('video');
      await rtc.start({ callId: 'c1', type: 'video', polite: true, send: (s) => sent.push(s) });
      const pc = pcs[0];
      pc.setConnectionState('connected');
      pc.setConnectionState('failed');
      timers.advance(100);
      rtc.peerLeft();
      timers.advance(60_000);
      expect(restarts(pc)).toBe(1);
      await settle();
      expect(pc.signalingState).toBe('have-local-offer'); // an offer nobody could answer

      sent.length = 0;
      rtc.peerReturned();
      expect(rtc.state()).toBe(RtcConnectionState.Reconnecting);
      await settle();
      expect(pc.log.slice(-3)).toEqual(['rollback', 'restartIce', 'offer']);
      expect(sent.some((s) => s.kind === 'description' && s.description.type === 'offer')).toBe(true);

      // Recovery goes on from a fresh start.
      timers.advance(5000);
      expect(restarts(pc)).toBe(3);
      pc.setConnectionState('connected');
      expect(rtc.state()).toBe(RtcConnectionState.Connected);
    });
  });

  describe('the other device returns as a new page', () => {
    it.each([true, false])(
      'starts a new connection in the same role with the same tracks (polite: %p)',
      async (polite) => {
        const { rtc, pcs, audio, video } = setup();
        const sent: SignalPayload[] = [];
        await rtc.prepareMedia('video');
        await rtc.start({ callId: 'c1', type: 'video', polite, send: (s) => sent.push(s) });
        const old = pcs[0];
        const remoteTrack = new FakeTrack('video');
        old.emitTrack(remoteTrack, new FakeStream([remoteTrack]));
        old.setConnectionState('connected');
        sent.length = 0;

        rtc.peerReturned(true);
        await settle();

        expect(old.closed).toBe(true);
        expect(old.activeListeners()).toBe(0);
        expect(remoteTrack.stopped).toBe(true);
        expect(rtc.remoteStream()).toBeNull();
        expect(pcs).toHaveLength(2);
        expect(rtc.state()).toBe(RtcConnectionState.Connecting);
        expect(audio.stopped || video.stopped).toBe(false);
        if (polite) {
          // The new page offers; this side answers with its tracks.
          expect(sent).toEqual([]);
          await rtc.handleSignal({ kind: 'description', description: { type: 'offer', sdp: 'new-page' } });
          await settle();
          expect(pcs[1].remoteDescription?.sdp).toBe('new-page');
          expect(sent).toContainEqual({
            kind: 'description',
            description: { type: 'answer', sdp: 'answer-from-pc' },
          });
        } else {
          // This side offers first again, from the new connection.
          expect(pcs[1].log).toContain('offer');
          expect(sent[0]).toEqual({
            kind: 'description',
            description: { type: 'offer', sdp: 'offer-from-pc-1' },
          });
        }
        expect(pcs[1].senders.map((s) => s.track)).toEqual([audio, video]);
        pcs[1].setConnectionState('connected');
        expect(rtc.state()).toBe(RtcConnectionState.Connected);
      },
    );
  });
});
