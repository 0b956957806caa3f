import { acquireMedia } from './local-media';
import { mediaErrorHelp, toMediaError } from './media-errors';
import { FakeStream, FakeTrack, mediaFailure } from './testing/fakes';

describe('media errors', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-device'],
    ['OverconstrainedError', 'no-device'],
    ['NotReadableError', 'device-in-use'],
    ['TypeError', 'unknown'],
  ])('maps %s to %s', (name, kind) => {
    expect(toMediaError(mediaFailure(name)).kind).toBe(kind);
  });

  it('explains how to allow a blocked camera', () => {
    expect(mediaErrorHelp('permission-denied')).toContain('allow both');
  });
});

describe('acquireMedia', () => {
  it('reports an insecure context or old browser as unsupported', async () => {
    await expect(acquireMedia(null, 'video')).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('asks for the microphone only for an audio call', async () => {
    const getUserMedia = jest.fn(async () => new FakeStream([new FakeTrack('audio')]));
    const result = await acquireMedia({ getUserMedia } as unknown as MediaDevices, 'audio');
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(result.audioOnly).toBe(false);
  });

  it('falls back to audio when the camera is busy', async () => {
    const getUserMedia = jest
      .fn()
      .mockRejectedValueOnce(mediaFailure('NotReadableError'))
      .mockResolvedValueOnce(new FakeStream([new FakeTrack('audio')]));
    const result = await acquireMedia({ getUserMedia } as unknown as MediaDevices, 'video');
    expect(result.audioOnly).toBe(true);
  });
});
