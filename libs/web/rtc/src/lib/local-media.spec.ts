import { TestBed } from '@angular/core/testing';
import { MediaPermissions, nextCamera } from './local-media';
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

describe('MediaPermissions', () => {
  const permissions = (states: Record<string, PermissionState | Error>) => {
    const statuses: Record<string, { state: PermissionState; fire(): void }> = {};
    return {
      statuses,
      query: jest.fn(async ({ name }: { name: string }) => {
        const state = states[name];
        if (state instanceof Error) throw state;
        const listeners: (() => void)[] = [];
        const status = {
          state,
          addEventListener: (_: string, l: () => void) => listeners.push(l),
          fire: () => listeners.forEach((l) => l()),
        };
        statuses[name] = status;
        return status as unknown as PermissionStatus;
      }),
    };
  };
  const settled = () => new Promise((r) => setTimeout(r, 0));

  it('allows video only when both camera and microphone are granted', async () => {
    const both = new MediaPermissions(permissions({ camera: 'granted', microphone: 'granted' }));
    const noCamera = new MediaPermissions(permissions({ camera: 'prompt', microphone: 'granted' }));
    const noMic = new MediaPermissions(permissions({ camera: 'granted', microphone: 'denied' }));
    await settled();
    expect(both.allowedWithoutPrompt('video')).toBe(true);
    expect(noCamera.allowedWithoutPrompt('video')).toBe(false);
    expect(noCamera.allowedWithoutPrompt('audio')).toBe(true);
    expect(noMic.allowedWithoutPrompt('video')).toBe(false);
  });

  it('follows a change (the user allowed the camera at the first call)', async () => {
    const p = permissions({ camera: 'prompt', microphone: 'prompt' });
    const watch = new MediaPermissions(p);
    await settled();
    expect(watch.allowedWithoutPrompt('video')).toBe(false);
    for (const name of ['camera', 'microphone']) {
      p.statuses[name].state = 'granted';
      p.statuses[name].fire();
    }
    expect(watch.allowedWithoutPrompt('video')).toBe(true);
  });

  it('counts what the browser cannot say, or has not said yet, as a prompt', async () => {
    expect(new MediaPermissions(null).allowedWithoutPrompt('audio')).toBe(false);
    const early = new MediaPermissions(permissions({ camera: 'granted', microphone: 'granted' }));
    expect(early.allowedWithoutPrompt('video')).toBe(false);
    const refuses = new MediaPermissions(
      permissions({ camera: new TypeError("'camera' is not a valid PermissionName"), microphone: 'granted' }),
    );
    await settled();
    expect(refuses.allowedWithoutPrompt('video')).toBe(false);
  });
});
