import type { SignalPayload } from '@callshop/contracts';
import { FakeStream, FakeTrack, mediaFailure } from './testing/fakes';
import { setupRtc } from './testing/rtc-test-bed';

const settle = () => new Promise((r) => setTimeout(r, 0));

async function liveCall(getDisplayMedia?: jest.Mock) {
  const bed = setupRtc({ getDisplayMedia });
  const sent: SignalPayload[] = [];
  await bed.rtc.prepareMedia('video');
  await bed.rtc.start({ callId: 'c1', type: 'video', polite: false, send: (s) => sent.push(s) });
  await settle();
  const videoSender = () => bed.pcs[0].getSenders().find((s) => s.track?.kind === 'video');
  const lastMedia = () => [...sent].reverse().find((s) => s.kind === 'media');
  return { ...bed, sent, videoSender, lastMedia };
}

describe('RtcService: screen sharing', () => {
  it('sends a screen instead of the camera on the same connection, says so, and goes back to the camera', async () => {
    const screen = new FakeTrack('video');
    const { rtc, pcs, video, videoSender, lastMedia } = await liveCall(
      jest.fn(async () => new FakeStream([screen]) as unknown as MediaStream),
    );
    expect(rtc.canShareScreen()).toBe(true);

    expect(await rtc.shareScreen()).toBe(true);
    expect(pcs).toHaveLength(1); // no new connection, no renegotiation
    expect(videoSender()?.track).toBe(screen);
    expect(screen.contentHint).toBe('detail');
    expect(rtc.sharedScreen()).not.toBeNull();
    expect(video.stopped).toBe(false); // the camera stays open for the way back
    expect(lastMedia()).toEqual({ kind: 'media', audio: true, video: true, screen: true });

    await rtc.stopScreenShare();
    expect(videoSender()?.track).toBe(video);
    expect(screen.stopped).toBe(true);
    expect(rtc.sharedScreen()).toBeNull();
    expect(lastMedia()).toEqual({ kind: 'media', audio: true, video: true });
  });

  it("goes back to the camera when the browser's own Stop sharing ends the capture", async () => {
    const screen = new FakeTrack('video');
    const { rtc, video, videoSender, lastMedia } = await liveCall(
      jest.fn(async () => new FakeStream([screen]) as unknown as MediaStream),
    );
    await rtc.shareScreen();
    screen.dispatchEvent(new Event('ended'));
    await settle();
    expect(videoSender()?.track).toBe(video);
    expect(rtc.sharedScreen()).toBeNull();
    expect(lastMedia()).toEqual({ kind: 'media', audio: true, video: true });
  });

  it('changes nothing when the user cancels the picker', async () => {
    const { rtc, video, videoSender, sent } = await liveCall(
      jest.fn(async () => {
        throw mediaFailure('NotAllowedError');
      }),
    );
    const before = sent.length;
    expect(await rtc.shareScreen()).toBe(false);
    expect(videoSender()?.track).toBe(video);
    expect(rtc.sharedScreen()).toBeNull();
    expect(sent).toHaveLength(before);
  });

  it('is not offered where the browser cannot share a screen', async () => {
    expect((await liveCall()).rtc.canShareScreen()).toBe(false);
  });

  it('stops the capture when the call ends', async () => {
    const screen = new FakeTrack('video');
    const { rtc } = await liveCall(jest.fn(async () => new FakeStream([screen]) as unknown as MediaStream));
    await rtc.shareScreen();
    rtc.close();
    expect(screen.stopped).toBe(true);
    expect(rtc.sharedScreen()).toBeNull();
  });
});
