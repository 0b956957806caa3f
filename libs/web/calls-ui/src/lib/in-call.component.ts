import { A11yModule } from '@angular/cdk/a11y';
import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  TemplateRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { CallDto } from '@callshop/contracts';
import { CallManager } from './call-manager.service';
import { CallChatPanelComponent } from './chat/call-chat-panel.component';
import { CallChatStore } from './chat/call-chat.store';
import { DraggableSelfViewDirective } from './draggable-self-view.directive';
import { MediaStreamDirective } from './media-stream.directive';
import { FocusOnOpen } from './focus-on-open.directive';

/** Context handed to an app's product panel template. */
export interface CallPanelContext {
  $implicit: CallDto;
}

/**
 * The call itself: the other side's video filling the screen (cropped only when its
 * orientation matches the screen's), the self-view small and draggable, mute, camera, camera
 * switch (with more than one camera), hang up, the other side's mute and camera-off on their
 * video (a live region), a modal dialog that keeps focus inside,
 * a talk-time timer (from when the call connected), the connection's quality in words, a
 * "Reconnecting…" banner, and "Switch to audio only" when the connection stays poor.
 * Audio-only calls show the other party's initial.
 * Apps may add a side panel (the seller console shows the product) via `productPanel`.
 */
@Component({
  selector: 'cs-in-call',
  imports: [
    A11yModule,
    FocusOnOpen,
    MatButton,
    MediaStreamDirective,
    DraggableSelfViewDirective,
    NgTemplateOutlet,
    CallChatPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './in-call.component.html',
  styleUrl: './in-call.component.css',
})
export class InCallComponent {
  protected readonly manager = inject(CallManager);
  protected readonly media = this.manager.media;
  /** The chat and product cards beside the call (a panel toggled from the controls). */
  protected readonly chat = inject(CallChatStore);
  /** Optional side panel (e.g. the product the customer is looking at). */
  readonly productPanel = input<TemplateRef<CallPanelContext> | null>(null);
  protected readonly soundBlocked = signal(false);
  private readonly now = signal(Date.now());
  private readonly remoteVideo = viewChild(MediaStreamDirective);

  protected readonly remoteMedia = this.media.remoteMedia;
  protected readonly showRemoteVideo = computed(() => {
    const stream = this.media.remoteStream();
    if (this.media.audioOnlyMode()) return false;
    return !!stream && stream.getVideoTracks().length > 0 && this.media.remoteMedia().video;
  });
  /** The other side turned their camera off (not said for voice calls or audio only). */
  protected readonly remoteCameraOff = computed(
    () => this.manager.call()?.type !== 'audio' && !this.media.audioOnlyMode() && !this.remoteMedia().video,
  );
  /** The other side's picture's shape: the stylesheet fills the screen when it matches the screen's. */
  protected readonly remoteOrientation = signal<'portrait' | 'landscape' | null>(null);
  /** The connection as this device receives it, in words (the colour only repeats them). */
  protected readonly quality = this.manager.quality;
  protected readonly initial = computed(() => (this.manager.counterpart().trim()[0] ?? '?').toUpperCase());
  /** "In call · 1:05", or whose connection dropped while reconnecting. */
  protected readonly status = computed(() => this.manager.statusText(this.now()));

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    // Plugging in or out a camera changes whether "Switch camera" is offered.
    const recount = () => void this.countCameras();
    navigator.mediaDevices?.addEventListener?.('devicechange', recount);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      navigator.mediaDevices?.removeEventListener?.('devicechange', recount);
    });
    void this.countCameras();
  }

  protected readonly devicesOpen = signal(false);
  private readonly devices = signal<MediaDeviceInfo[]>([]);
  protected readonly microphones = computed(() => this.devices().filter((d) => d.kind === 'audioinput'));
  protected readonly cameras = computed(() => this.devices().filter((d) => d.kind === 'videoinput'));
  protected readonly deviceError = signal<string | null>(null);
  private readonly cameraCount = signal(0);
  protected readonly canSwitchCamera = computed(
    () =>
      this.cameraCount() > 1 &&
      !!this.media.localStream() &&
      !this.media.audioOnly() &&
      !this.media.audioOnlyMode(),
  );
  protected readonly switchingCamera = signal(false);
  /** Screen sharing: a desktop browser, a video call that sends video. */
  protected readonly canShareScreen = computed(
    () =>
      this.media.canShareScreen() &&
      !!this.media.localStream() &&
      !this.media.audioOnly() &&
      !this.media.audioOnlyMode(),
  );
  protected readonly screenError = signal<string | null>(null);

  protected async toggleScreenShare(): Promise<void> {
    this.screenError.set(null);
    try {
      if (this.media.sharedScreen()) await this.media.stopScreenShare();
      else await this.media.shareScreen();
    } catch (error) {
      this.screenError.set(error instanceof Error ? error.message : 'The screen could not be shared.');
    }
  }

  private async countCameras(): Promise<void> {
    const devices = await this.media.listDevices().catch(() => []);
    this.cameraCount.set(devices.filter((d) => d.kind === 'videoinput').length);
  }

  protected async switchCamera(): Promise<void> {
    this.deviceError.set(null);
    this.switchingCamera.set(true);
    try {
      await this.media.switchCamera();
    } catch (error) {
      this.deviceError.set(error instanceof Error ? error.message : 'The other camera could not be used.');
    } finally {
      this.switchingCamera.set(false);
    }
  }

  protected measureRemote(event: Event): void {
    const video = event.target as HTMLVideoElement;
    if (!video.videoWidth || !video.videoHeight) return;
    this.remoteOrientation.set(video.videoWidth >= video.videoHeight ? 'landscape' : 'portrait');
  }

  protected currentDevice(kind: 'audio' | 'video'): string | undefined {
    const track = this.media
      .localStream()
      ?.getTracks()
      .find((t) => t.kind === kind);
    return track?.getSettings?.().deviceId;
  }

  protected async toggleDevices(): Promise<void> {
    const open = !this.devicesOpen();
    this.devicesOpen.set(open);
    if (open) this.devices.set(await this.media.listDevices());
  }

  protected async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    this.deviceError.set(null);
    try {
      await this.media.switchDevice(kind, deviceId);
    } catch (error) {
      this.deviceError.set(error instanceof Error ? error.message : 'That device could not be used.');
    }
  }

  protected async enableSound(): Promise<void> {
    await this.remoteVideo()?.play();
  }
}
