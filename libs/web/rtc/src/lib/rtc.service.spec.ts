import { TestBed } from '@angular/core/testing';
import type { IceServersResponse, SignalPayload } from '@callshop/contracts';
import { RtcMediaError } from './media-errors';
import { DefaultRecoveryPolicy, RECOVERY_POLICY } from './recovery-policy';
import { RtcConnectionState } from './rtc-state';
import {
  ICE_SERVERS_LOADER,
  MEDIA_DEVICES,
  MEDIA_STREAM_FACTORY,
  RTC_PEER_CONNECTION_FACTORY,
  RTC_TIMERS,
} from './rtc-tokens';
import { RtcService } from './rtc.service';
import { FakePeerConnection, FakeStream, FakeTimers, FakeTrack, mediaFailure, settle } from './testing/fakes';

function setup(options: { ice?: Partial<IceServersResponse>; getUserMedia?: jest.Mock } = {}) {
  const pcs: FakePeerConnection[] = [];
  const timers = new FakeTimers();
  const audio = new FakeTrack('audio');
  const video = new FakeTrack('video');
  const getUserMedia =
    options.getUserMedia ?? jest.fn(async () => new FakeStream([audio, video]) as unknown as MediaStream);
  TestBed.configureTestingModule({
    providers: [
      {
        provide: RTC_PEER_CONNECTION_FACTORY,
        useValue: (config: RTCConfiguration) => {
          const pc = new FakePeerConnection(config);
          pcs.push(pc);
          return pc;
        },
      },
      { provide: MEDIA_DEVICES, useValue: { getUserMedia, enumerateDevices: async () => [] } },
      { provide: MEDIA_STREAM_FACTORY, useValue: (tracks: FakeTrack[]) => new FakeStream(tracks) },
      { provide: RTC_TIMERS, useValue: timers },
      {
        provide: ICE_SERVERS_LOADER,
        useValue: async () => ({
          iceServers: [{ urls: ['stun:stun.example.com'] }],
          ttl: null,
          relayOnly: false,
          ...options.ice,
        }),
      },
      { provide: RECOVERY_POLICY, useValue: new DefaultRecoveryPolicy() },
    ],
  });
  return { rtc: TestBed.inject(RtcService), pcs, timers, audio, video, getUserMedia };
}

const restarts = (pc: FakePeerConnection) => pc.log.filter((l) => l === 'restartIce').length;

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
