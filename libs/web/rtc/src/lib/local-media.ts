import type { CallType } from '@callshop/contracts';
import { RtcMediaError, toMediaError } from './media-errors';

/** The camera and microphone a call sends. */
export interface AcquiredMedia {
  stream: MediaStream;
  /** A video call fell back to audio (no camera, or the camera is busy). */
  audioOnly: boolean;
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  facingMode: 'user',
};

/**
 * Asks for the camera and microphone: both for a video call, falling back to the microphone
 * alone when there is no usable camera. A refusal is never retried (the browser would not ask
 * again anyway), it is reported as `permission-denied`.
 */
export async function acquireMedia(devices: MediaDevices | null, type: CallType): Promise<AcquiredMedia> {
  if (!devices?.getUserMedia) {
    throw new RtcMediaError('unsupported', 'This browser cannot use the camera or microphone here.');
  }
  if (type === 'video') {
    try {
      return {
        stream: await devices.getUserMedia({ audio: true, video: VIDEO_CONSTRAINTS }),
        audioOnly: false,
      };
    } catch (error) {
      const mapped = toMediaError(error);
      if (mapped.kind === 'permission-denied' || mapped.kind === 'unsupported') throw mapped;
      // No camera or a busy one: a voice call is better than none.
    }
  }
  try {
    return { stream: await devices.getUserMedia({ audio: true, video: false }), audioOnly: type === 'video' };
  } catch (error) {
    throw toMediaError(error);
  }
}

/** Opens one specific device, for switching camera or microphone during a call. */
export async function openDevice(
  devices: MediaDevices | null,
  kind: 'audioinput' | 'videoinput',
  deviceId: string,
): Promise<MediaStreamTrack> {
  if (!devices)
    throw new RtcMediaError('unsupported', 'This browser cannot use the camera or microphone here.');
  try {
    const constraints: MediaStreamConstraints =
      kind === 'audioinput'
        ? { audio: { deviceId: { exact: deviceId } } }
        : { video: { ...VIDEO_CONSTRAINTS, deviceId: { exact: deviceId } } };
    const stream = await devices.getUserMedia(constraints);
    const track = stream.getTracks()[0];
    if (!track) throw new RtcMediaError('no-device', 'That device gave no signal.');
    return track;
  } catch (error) {
    throw toMediaError(error);
  }
}
