import { videoCallSupport } from './video-call-support';

describe('videoCallSupport', () => {
  const getUserMedia = () => Promise.resolve();
  class FakePeerConnection {}

  it('is supported with RTCPeerConnection and getUserMedia', () => {
    expect(
      videoCallSupport({
        RTCPeerConnection: FakePeerConnection,
        navigator: { mediaDevices: { getUserMedia } },
      }),
    ).toBe('supported');
  });

  it('says no-webrtc without RTCPeerConnection, even when the camera opens (Debian WebKitGTK)', () => {
    expect(videoCallSupport({ navigator: { mediaDevices: { getUserMedia } } })).toBe('no-webrtc');
    expect(videoCallSupport({ RTCPeerConnection: undefined, navigator: {} })).toBe('no-webrtc');
  });

  it('says no-camera-access without navigator.mediaDevices (a plain-http page)', () => {
    expect(videoCallSupport({ RTCPeerConnection: FakePeerConnection, navigator: {} })).toBe(
      'no-camera-access',
    );
    expect(videoCallSupport({ RTCPeerConnection: FakePeerConnection, navigator: { mediaDevices: {} } })).toBe(
      'no-camera-access',
    );
  });
});
