/* The RtcService specs' test bed: fakes of the peer connection, the devices and the clock. */
import { TestBed } from '@angular/core/testing';
import type { IceServersResponse } from '@callshop/contracts';
import { DefaultRecoveryPolicy, RECOVERY_POLICY } from '../recovery-policy';
import {
  ICE_SERVERS_LOADER,
  MEDIA_DEVICES,
  MEDIA_STREAM_FACTORY,
  RTC_PEER_CONNECTION_FACTORY,
  RTC_TIMERS,
} from '../rtc-tokens';
import { RtcService } from '../rtc.service';
import { FakePeerConnection, FakeStream, FakeTimers, FakeTrack } from './fakes';

/** An RtcService over fakes; `pcs` collects the connections it creates. */
export function setupRtc(
  options: { ice?: Partial<IceServersResponse>; getUserMedia?: jest.Mock; getDisplayMedia?: jest.Mock } = {},
) {
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
      {
        provide: MEDIA_DEVICES,
        useValue: {
          getUserMedia,
          getDisplayMedia: options.getDisplayMedia,
          enumerateDevices: async () => [],
        },
      },
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

/** How many ICE restarts a connection went through. */
export const restarts = (pc: FakePeerConnection) => pc.log.filter((l) => l === 'restartIce').length;
