import type { SignalPayload } from '@callshop/contracts';
import { RtcMediaError } from './media-errors';
import { RtcConnectionState } from './rtc-state';
import { FakeStream, FakeTrack, mediaFailure, settle } from './testing/fakes';
import { setupRtc as setup } from './testing/rtc-test-bed';

describe('RtcService', () => {
  describe('media', () => {
    it('falls back to audio only when there is no camera', async () => {
      const mic = new FakeTrack('audio');
      const getUserMedia = jest
        .fn()
        .mockRejectedValueOnce(mediaFailure('NotFoundError'))
        .mockResolvedValueOnce(new FakeStream([mic]));
      const { rtc } = setup({ getUserMedia });
      await rtc.prepareMedia('video');
      expect(rtc.audioOnly()).toBe(true);
      expect(rtc.cameraEnabled()).toBe(false);
      expect(getUserMedia).toHaveBeenLastCalledWith({ audio: true, video: false });
      expect(rtc.state()).toBe(RtcConnectionState.MediaReady);
    });

    it('reports a refused permission without asking again', async () => {
      const getUserMedia = jest.fn().mockRejectedValue(mediaFailure('NotAllowedError'));
      const { rtc } = setup({ getUserMedia });
      await expect(rtc.prepareMedia('video')).rejects.toMatchObject({ kind: 'permission-denied' });
      expect(getUserMedia).toHaveBeenCalledTimes(1);
      expect(rtc.mediaError()).toBeInstanceOf(RtcMediaError);
      expect(rtc.state()).toBe(RtcConnectionState.Idle);
    });

    it('releases the camera when the call ends while the browser is still asking', async () => {
      const track = new FakeTrack('video');
      let grant: (s: FakeStream) => void = () => undefined;
      const getUserMedia = jest.fn(() => new Promise<FakeStream>((r) => (grant = r)));
      const { rtc } = setup({ getUserMedia });
      const pending = rtc.prepareMedia('video');
      rtc.close();
      grant(new FakeStream([track]));
      await expect(pending).rejects.toBeInstanceOf(RtcMediaError);
      expect(track.stopped).toBe(true);
      expect(rtc.localStream()).toBeNull();
    });
  });

  describe('negotiation', () => {
    it('as the impolite caller adds its tracks and sends the offer', async () => {
      const { rtc, pcs } = setup();
      const sent: SignalPayload[] = [];
      await rtc.prepareMedia('video');
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: (s) => sent.push(s) });
      await settle();
      expect(pcs).toHaveLength(1);
      expect(pcs[0].senders.map((s) => s.track?.kind)).toEqual(['audio', 'video']);
      expect(sent[0]).toEqual({
        kind: 'description',
        description: { type: 'offer', sdp: 'offer-from-pc-1' },
      });
      expect(rtc.state()).toBe(RtcConnectionState.Connecting);
    });

    it('uses relay-only ICE when the server asks for it', async () => {
      const { rtc, pcs } = setup({ ice: { relayOnly: true } });
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      expect(pcs[0].config.iceTransportPolicy).toBe('relay');
      expect(pcs[0].config.iceServers).toEqual([
        { urls: ['stun:stun.example.com'], username: undefined, credential: undefined },
      ]);
    });

    it('as the polite callee holds signals that arrive before the connection exists, then answers with its tracks', async () => {
      const { rtc, pcs } = setup();
      const sent: SignalPayload[] = [];
      await rtc.prepareMedia('video');
      void rtc.handleSignal({ kind: 'candidate', candidate: { candidate: 'candidate:early' } });
      void rtc.handleSignal({ kind: 'description', description: { type: 'offer', sdp: 'remote-offer' } });
      await rtc.start({ callId: 'c1', type: 'video', polite: true, send: (s) => sent.push(s) });
      await settle();
      const pc = pcs[0];
      expect(pc.remoteDescription?.sdp).toBe('remote-offer');
      expect(pc.candidates.map((c) => c.candidate)).toEqual(['candidate:early']);
      expect(pc.senders).toHaveLength(2);
      expect(sent).toContainEqual({
        kind: 'description',
        description: { type: 'answer', sdp: 'answer-from-pc' },
      });
    });

    it('exposes the remote stream', async () => {
      const { rtc, pcs } = setup();
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      const remoteTrack = new FakeTrack('video');
      const stream = new FakeStream([remoteTrack]);
      pcs[0].emitTrack(remoteTrack, stream);
      expect(rtc.remoteStream()).toBe(stream);
    });
  });

  describe('statistics', () => {
    it('says when the other side’s media flows, judges the connection and hands samples to report', async () => {
      const { rtc, pcs, timers } = setup();
      const report = jest.fn();
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined, report });
      const pc = pcs[0];
      pc.setConnectionState('connected');
      for (let s = 1; s <= 6; s++) {
        pc.setStats({ audioPackets: s * 50, frames: s * 30, fps: 30, rtt: 0.7 });
        timers.advance(1000);
        await settle(2);
      }
      expect(rtc.incomingFlowing()).toBe(true);
      expect(rtc.quality()).toEqual({ level: 'poor', reason: 'Slow connection' });
      expect(report).toHaveBeenCalledWith(expect.objectContaining({ rttMs: 700, fps: 30 }));

      // A new connection starts from nothing.
      rtc.peerReturned(true);
      expect(rtc.incomingFlowing()).toBe(false);
      expect(rtc.quality()).toBeNull();
    });

    it('switches a video call to audio only: camera off and told, video no longer sent, and back', async () => {
      const { rtc, pcs, video } = setup();
      const sent: SignalPayload[] = [];
      await rtc.prepareMedia('video');
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: (s) => sent.push(s) });
      rtc.setAudioOnlyMode(true);
      await settle();
      expect(rtc.audioOnlyMode()).toBe(true);
      expect(video.enabled).toBe(false);
      expect(sent).toContainEqual({ kind: 'media', audio: true, video: false });
      expect(pcs[0].senders[1].parameters.encodings[0].active).toBe(false);

      rtc.setAudioOnlyMode(false);
      await settle();
      expect(video.enabled).toBe(true);
      expect(sent.at(-1)).toEqual({ kind: 'media', audio: true, video: true });
      expect(pcs[0].senders[1].parameters.encodings[0].active).toBe(true);
    });
  });

  describe('cleanup', () => {
    it('stops every track, removes listeners and closes the connection', async () => {
      const { rtc, pcs, audio, video, timers } = setup();
      await rtc.prepareMedia('video');
      await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      const remoteTrack = new FakeTrack('audio');
      pcs[0].emitTrack(remoteTrack, new FakeStream([remoteTrack]));
      pcs[0].setConnectionState('disconnected');

      rtc.close();

      expect(audio.stopped && video.stopped && remoteTrack.stopped).toBe(true);
      expect(pcs[0].closed).toBe(true);
      expect(pcs[0].activeListeners()).toBe(0);
      expect(timers.queue.size).toBe(0); // no recovery step, no statistics left
      expect(rtc.localStream()).toBeNull();
      expect(rtc.remoteStream()).toBeNull();
      expect(rtc.state()).toBe(RtcConnectionState.Closed);
    });

    it('drops signals that arrive after the call ended and starts the next call fresh', async () => {
      const { rtc, pcs } = setup();
      await rtc.start({ callId: 'c1', type: 'video', polite: true, send: () => undefined });
      rtc.close();
      await rtc.handleSignal({ kind: 'description', description: { type: 'offer', sdp: 'late' } });
      expect(pcs[0].remoteDescription).toBeNull();

      rtc.reset();
      expect(rtc.state()).toBe(RtcConnectionState.Idle);
      await rtc.start({ callId: 'c2', type: 'video', polite: false, send: () => undefined });
      expect(pcs).toHaveLength(2);
    });

    it('closes a connection whose ICE servers arrive after the call ended', async () => {
      const { rtc, pcs } = setup();
      const starting = rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
      rtc.close();
      await starting;
      expect(pcs).toHaveLength(0);
    });
  });

  it('mutes the microphone and tells the other side', async () => {
    const { rtc, audio } = setup();
    const sent: SignalPayload[] = [];
    await rtc.prepareMedia('video');
    await rtc.start({ callId: 'c1', type: 'video', polite: false, send: (s) => sent.push(s) });
    rtc.setMicEnabled(false);
    expect(audio.enabled).toBe(false);
    expect(rtc.micEnabled()).toBe(false);
    expect(sent).toContainEqual({ kind: 'media', audio: false, video: true });
  });
});

describe('RtcService device switching', () => {
  it('replaces the sent camera track without renegotiating and stops the old one', async () => {
    const newCam = new FakeTrack('video');
    const { rtc, pcs, video, getUserMedia } = setup();
    await rtc.prepareMedia('video');
    await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
    await settle();
    const offers = pcs[0].log.filter((l) => l === 'offer').length;
    getUserMedia.mockResolvedValueOnce(new FakeStream([newCam]) as unknown as MediaStream);

    await rtc.switchDevice('videoinput', 'cam-2');

    expect(getUserMedia).toHaveBeenLastCalledWith({
      video: expect.objectContaining({ deviceId: { exact: 'cam-2' } }),
    });
    expect(pcs[0].senders.find((s) => s.track?.kind === 'video')?.track).toBe(newCam);
    expect(video.stopped).toBe(true);
    expect(rtc.localStream()?.getVideoTracks()).toEqual([newCam]);
    await settle();
    expect(pcs[0].log.filter((l) => l === 'offer').length).toBe(offers);
  });
});
