/** Why the camera or microphone could not be used. */
export type MediaErrorKind = 'permission-denied' | 'no-device' | 'device-in-use' | 'unsupported' | 'unknown';

/** A camera/microphone failure the UI can explain in plain words. */
export class RtcMediaError extends Error {
  constructor(
    readonly kind: MediaErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RtcMediaError';
  }
}

/** Maps a `getUserMedia` rejection to one of the kinds the UI knows. */
export function toMediaError(error: unknown): RtcMediaError {
  if (error instanceof RtcMediaError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new RtcMediaError('permission-denied', 'Camera and microphone access was blocked.');
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new RtcMediaError('no-device', 'No camera or microphone was found.');
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new RtcMediaError('device-in-use', 'The camera or microphone is in use by another app.');
    default:
      return new RtcMediaError('unknown', 'The camera or microphone could not be started.');
  }
}

/** Plain-words help for each kind, shown next to the audio-only and phone options. */
export function mediaErrorHelp(kind: MediaErrorKind): string {
  switch (kind) {
    case 'permission-denied':
      return 'Your browser blocked the camera and microphone. Click the camera or lock icon in the address bar, allow both, then try again.';
    case 'no-device':
      return 'We could not find a camera or microphone. Plug one in, or call the seller by phone instead.';
    case 'device-in-use':
      return 'Another app is using your camera or microphone. Close it and try again.';
    case 'unsupported':
      return 'This browser cannot make video calls here. Try a current Chrome, Edge, Firefox or Safari over https.';
    default:
      return 'Something stopped the camera or microphone. Try again, or call the seller by phone.';
  }
}
