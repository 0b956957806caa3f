import { TestBed } from '@angular/core/testing';
import { mediaAllowedWithoutPrompt, nextCamera } from './local-media';
import { MEDIA_DEVICES } from './rtc-tokens';
import { FakeStream, FakeTrack, mediaFailure, settle } from './testing/fakes';
import { setupRtc as setup } from './testing/rtc-test-bed';

describe('nextCamera', () => {
  const cams = ['front', 'back', 'wide'].map((deviceId) => ({ kind: 'videoinput' as const, deviceId }));

  it('takes the next camera and wraps round', () => {
    expect(nextCamera(cams, 'front')).toBe('back');
    expect(nextCamera(cams, 'wide')).toBe('front');
  });

  it('starts from the first when the current camera is unknown', () => {
    expect(nextCamera(cams, undefined)).toBe('front');
    expect(nextCamera(cams, 'gone')).toBe('front');
  });

  it('offers nothing with one camera, ignoring microphones', () => {
    expect(nextCamera([cams[0], { kind: 'audioinput', deviceId: 'mic' }], 'front')).toBeNull();
    expect(nextCamera([], undefined)).toBeNull();
  });
});

describe('RtcService camera switching', () => {
  const camera = (deviceId: string) => ({ kind: 'videoinput', deviceId, label: deviceId, groupId: '' });

  it('moves to the next camera on the sender, without renegotiating', async () => {
    const { rtc, pcs, video, getUserMedia } = setup();
    (video as unknown as { getSettings: () => object }).getSettings = () => ({ deviceId: 'front' });
    const back = new FakeTrack('video');
    const devices = TestBed.inject(MEDIA_DEVICES) as unknown as {
      enumerateDevices: () => Promise<unknown[]>;
    };
    devices.enumerateDevices = async () => [camera('front'), camera('back')];
    await rtc.prepareMedia('video');
    await rtc.start({ callId: 'c1', type: 'video', polite: false, send: () => undefined });
    await settle();
    const offers = pcs[0].log.filter((l) => l === 'offer').length;
    getUserMedia.mockResolvedValueOnce(new FakeStream([back]) as unknown as MediaStream);

    await expect(rtc.switchCamera()).resolves.toBe(true);

    expect(getUserMedia).toHaveBeenLastCalledWith({
      video: expect.objectContaining({ deviceId: { exact: 'back' } }),
    });
    expect(pcs[0].senders.find((s) => s.track?.kind === 'video')?.track).toBe(back);
    expect(video.stopped).toBe(true);
    await settle();
    expect(pcs[0].log.filter((l) => l === 'offer').length).toBe(offers);
  });

  it('lets go of the camera first when the phone opens one at a time', async () => {
    const { rtc, video, getUserMedia } = setup();
    const devices = TestBed.inject(MEDIA_DEVICES) as unknown as {
      enumerateDevices: () => Promise<unknown[]>;
    };
    devices.enumerateDevices = async () => [camera('front'), camera('back')];
    await rtc.prepareMedia('video');
    const back = new FakeTrack('video');
    getUserMedia.mockRejectedValueOnce(mediaFailure('NotReadableError')).mockImplementationOnce(async () => {
      expect(video.stopped).toBe(true);
      return new FakeStream([back]) as unknown as MediaStream;
    });

    await expect(rtc.switchCamera()).resolves.toBe(true);
    expect(rtc.localStream()?.getVideoTracks()).toEqual([back]);
  });

  it('does nothing with a single camera', async () => {
    const { rtc, getUserMedia } = setup();
    const devices = TestBed.inject(MEDIA_DEVICES) as unknown as {
      enumerateDevices: () => Promise<unknown[]>;
    };
    devices.enumerateDevices = async () => [camera('only')];
    await rtc.prepareMedia('video');
    await expect(rtc.switchCamera()).resolves.toBe(false);
    expect(getUserMedia).toHaveBeenCalledTimes(1);
  });
});

describe('mediaAllowedWithoutPrompt', () => {
  const permissions = (states: Record<string, PermissionState | Error>) => ({
    query: jest.fn(async ({ name }: { name: string }) => {
      const state = states[name];
      if (state instanceof Error) throw state;
      return { state } as PermissionStatus;
    }),
  });

  it('is true only when both camera and microphone are granted for video', async () => {
    expect(
      await mediaAllowedWithoutPrompt(permissions({ camera: 'granted', microphone: 'granted' }), 'video'),
    ).toBe(true);
    expect(
      await mediaAllowedWithoutPrompt(permissions({ camera: 'prompt', microphone: 'granted' }), 'video'),
    ).toBe(false);
    expect(
      await mediaAllowedWithoutPrompt(permissions({ camera: 'granted', microphone: 'denied' }), 'video'),
    ).toBe(false);
  });

  it('needs only the microphone for an audio call', async () => {
    const p = permissions({ camera: 'prompt', microphone: 'granted' });
    expect(await mediaAllowedWithoutPrompt(p, 'audio')).toBe(true);
    expect(p.query).toHaveBeenCalledTimes(1);
  });

  it('is false when the browser cannot say', async () => {
    expect(await mediaAllowedWithoutPrompt(null, 'video')).toBe(false);
    const refuses = permissions({
      camera: new TypeError("'camera' is not a valid PermissionName"),
      microphone: 'granted',
    });
    expect(await mediaAllowedWithoutPrompt(refuses, 'video')).toBe(false);
  });
});
