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
import { RtcService } from '@callshop/web/rtc';
import { formatDuration } from '@callshop/web/ui';
import { CallManager } from './call-manager.service';
import { MediaStreamDirective } from './media-stream.directive';

/** Context handed to an app's product panel template. */
export interface CallPanelContext {
  $implicit: CallDto;
}

/**
 * The call itself: the other side's video large, the self-view small, mute, camera, hang up,
 * a timer and a "Reconnecting…" banner. Audio-only calls show the other party's initial.
 * Apps may add a side panel (the seller console shows the product) via `productPanel`.
 */
@Component({
  selector: 'cs-in-call',
  imports: [MatButton, MediaStreamDirective, NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="cs-in-call" aria-label="Call with {{ manager.counterpart() }}" data-testid="in-call">
      <div class="cs-stage">
        <video
          class="cs-remote"
          [class.cs-hidden]="!showRemoteVideo()"
          data-testid="remote-video"
          autoplay
          playsinline
          [csMediaStream]="rtc.remoteStream()"
          (playbackBlocked)="soundBlocked.set($event)"
          aria-label="Video of {{ manager.counterpart() }}"
        ></video>
        @if (!showRemoteVideo()) {
          <div class="cs-avatar" aria-hidden="true">{{ initial() }}</div>
        }
        @if (rtc.localStream() && !rtc.audioOnly()) {
          <video
            class="cs-local"
            [class.cs-hidden]="!rtc.cameraEnabled()"
            data-testid="local-video"
            autoplay
            playsinline
            [muted]="true"
            [csMediaStream]="rtc.localStream()"
            aria-label="Your camera"
          ></video>
        }
        <div class="cs-top">
          <span class="cs-name">{{ manager.counterpart() }}</span>
          <span data-testid="call-status" role="status" aria-live="polite">{{ status() }}</span>
        </div>
        @if (manager.phase() === 'reconnecting') {
          <div class="cs-banner" role="alert" data-testid="reconnecting">Reconnecting…</div>
        }
        @if (soundBlocked()) {
          <button mat-flat-button type="button" class="cs-unblock" (click)="enableSound()">
            Click to enable sound
          </button>
        }
      </div>
      @if (productPanel() && manager.call(); as call) {
        <aside class="cs-panel" aria-label="Product">
          <ng-container *ngTemplateOutlet="productPanel()!; context: { $implicit: call }" />
        </aside>
      }
      <div class="cs-controls" role="toolbar" aria-label="Call controls">
        <button
          mat-stroked-button
          type="button"
          (click)="rtc.setMicEnabled(!rtc.micEnabled())"
          [attr.aria-pressed]="!rtc.micEnabled()"
        >
          {{ rtc.micEnabled() ? 'Mute' : 'Unmute' }}
        </button>
        @if (!rtc.audioOnly()) {
          <button
            mat-stroked-button
            type="button"
            (click)="rtc.setCameraEnabled(!rtc.cameraEnabled())"
            [attr.aria-pressed]="!rtc.cameraEnabled()"
          >
            {{ rtc.cameraEnabled() ? 'Turn camera off' : 'Turn camera on' }}
          </button>
        }
        <button
          mat-stroked-button
          type="button"
          (click)="toggleDevices()"
          [attr.aria-expanded]="devicesOpen()"
          aria-controls="cs-devices"
        >
          Devices
        </button>
        <button mat-flat-button type="button" class="cs-hangup-btn" (click)="manager.hangup()">
          Hang up
        </button>
      </div>
      @if (devicesOpen()) {
        <div class="cs-devices" id="cs-devices">
          <label>
            Microphone
            <select (change)="switchDevice('audioinput', $any($event.target).value)">
              @for (d of microphones(); track d.deviceId) {
                <option [value]="d.deviceId" [selected]="d.deviceId === currentDevice('audio')">
                  {{ d.label || 'Microphone ' + ($index + 1) }}
                </option>
              }
            </select>
          </label>
          @if (!rtc.audioOnly()) {
            <label>
              Camera
              <select (change)="switchDevice('videoinput', $any($event.target).value)">
                @for (d of cameras(); track d.deviceId) {
                  <option [value]="d.deviceId" [selected]="d.deviceId === currentDevice('video')">
                    {{ d.label || 'Camera ' + ($index + 1) }}
                  </option>
                }
              </select>
            </label>
          }
          @if (deviceError()) {
            <span role="alert">{{ deviceError() }}</span>
          }
        </div>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
      position: fixed;
      inset: 0;
      z-index: 1000;
      background: #111;
      color: #fff;
    }
    .cs-in-call {
      height: 100%;
      display: grid;
      grid-template-rows: 1fr auto auto;
      grid-template-columns: 1fr;
    }
    .cs-stage {
      position: relative;
      min-height: 0;
      display: flex;
      align-items: center;
      justify-content: center;
    }
    .cs-remote {
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: #000;
    }
    .cs-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
    .cs-avatar {
      width: 120px;
      height: 120px;
      border-radius: 50%;
      background: #3949ab;
      display: grid;
      place-items: center;
      font-size: 3rem;
    }
    .cs-local {
      position: absolute;
      right: 16px;
      bottom: 16px;
      width: clamp(96px, 22vw, 240px);
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: 12px;
      border: 2px solid rgb(255 255 255 / 60%);
      transform: scaleX(-1);
    }
    .cs-top {
      position: absolute;
      top: 12px;
      left: 16px;
      display: flex;
      flex-direction: column;
      text-shadow: 0 1px 2px #000;
    }
    .cs-name {
      font-size: 1.2rem;
      font-weight: 600;
    }
    .cs-banner {
      position: absolute;
      top: 12px;
      left: 50%;
      transform: translateX(-50%);
      background: #f9a825;
      color: #000;
      padding: 6px 16px;
      border-radius: 16px;
    }
    .cs-unblock {
      position: absolute;
      bottom: 16px;
      left: 16px;
    }
    .cs-controls {
      display: flex;
      gap: 12px;
      justify-content: center;
      flex-wrap: wrap;
      padding: 16px;
      background: #1c1c1c;
      --mat-button-outlined-label-text-color: #fff;
      --mat-button-outlined-outline-color: #888;
    }
    .cs-hangup-btn {
      --mat-button-filled-container-color: #c62828;
      --mat-button-filled-label-text-color: #fff;
    }
    .cs-devices {
      display: flex;
      gap: 16px;
      flex-wrap: wrap;
      justify-content: center;
      padding: 0 16px 16px;
      background: #1c1c1c;
    }
    .cs-devices label {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .cs-panel {
      background: #fff;
      color: #1d1b20;
      padding: 16px;
      overflow: auto;
    }
    @media (min-width: 900px) {
      .cs-in-call:has(.cs-panel) {
        grid-template-columns: 1fr 340px;
      }
      .cs-in-call:has(.cs-panel) .cs-controls,
      .cs-in-call:has(.cs-panel) .cs-devices {
        grid-column: 1 / -1;
      }
    }
  `,
})
export class InCallComponent {
  protected readonly manager = inject(CallManager);
  protected readonly rtc = inject(RtcService);
  /** Optional side panel (e.g. the product the customer is looking at). */
  readonly productPanel = input<TemplateRef<CallPanelContext> | null>(null);
  protected readonly soundBlocked = signal(false);
  private readonly now = signal(Date.now());
  private readonly remoteVideo = viewChild(MediaStreamDirective);

  protected readonly showRemoteVideo = computed(() => {
    const stream = this.rtc.remoteStream();
    return !!stream && stream.getVideoTracks().length > 0 && this.rtc.remoteMedia().video;
  });
  protected readonly initial = computed(() => (this.manager.counterpart().trim()[0] ?? '?').toUpperCase());
  protected readonly status = computed(() => {
    switch (this.manager.phase()) {
      case 'connecting':
        return 'Connecting…';
      case 'reconnecting':
        return 'Reconnecting…';
      case 'in-call': {
        const since = this.manager.connectedAt();
        return since === null ? 'In call' : `In call · ${formatDuration((this.now() - since) / 1000)}`;
      }
      default:
        return '';
    }
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected readonly devicesOpen = signal(false);
  private readonly devices = signal<MediaDeviceInfo[]>([]);
  protected readonly microphones = computed(() => this.devices().filter((d) => d.kind === 'audioinput'));
  protected readonly cameras = computed(() => this.devices().filter((d) => d.kind === 'videoinput'));
  protected readonly deviceError = signal<string | null>(null);

  protected currentDevice(kind: 'audio' | 'video'): string | undefined {
    const track = this.rtc
      .localStream()
      ?.getTracks()
      .find((t) => t.kind === kind);
    return track?.getSettings?.().deviceId;
  }

  protected async toggleDevices(): Promise<void> {
    const open = !this.devicesOpen();
    this.devicesOpen.set(open);
    if (open) this.devices.set(await this.rtc.listDevices());
  }

  protected async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    this.deviceError.set(null);
    try {
      await this.rtc.switchDevice(kind, deviceId);
    } catch (error) {
      this.deviceError.set(error instanceof Error ? error.message : 'That device could not be used.');
    }
  }

  protected async enableSound(): Promise<void> {
    await this.remoteVideo()?.play();
  }
}
